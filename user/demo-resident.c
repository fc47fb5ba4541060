/*
 * demo-resident: which pages of a block are in memory, asked with mincore(2), and all of
 * them made so at once with mlock(2).
 *
 * malloc hands out address space; a page of it becomes memory only when it is first
 * touched. mincore shows that page by page: a map of '#' (in memory) and '.' (not yet).
 * Reading an untouched page maps the shared zero page, which mincore counts (as Linux does)
 * but VmRSS does not: no frame of our own. mlock does every fault of a range in one call,
 * and keeps the pages in: VmLck says how much. MADV_DONTNEED then gives them back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "demo.h"

#define BLOCK (64 * KiB)
#define LOCKED (256 * KiB)

/* The pages of [p, p + len) as '#' (in memory) and '.' (not), 64 to a line. */
static const char *map_of(void *p, size_t len)
{
	static char s[256];
	static unsigned char v[128];
	size_t n = len / PAGE, k = 0;
	if (mincore(p, len, v) != 0)
		return "(mincore failed)";
	for (size_t i = 0; i < n; i++) {
		if (i && i % 64 == 0)
			s[k++] = '\n', s[k++] = ' ', s[k++] = ' ', s[k++] = ' ', s[k++] = ' ';
		s[k++] = (v[i] & 1) ? '#' : '.';
	}
	s[k] = 0;
	return s;
}

static size_t count_in(void *p, size_t len)
{
	const char *m = map_of(p, len);
	size_t n = 0;
	for (; *m; m++)
		n += *m == '#';
	return n;
}

struct figures {
	long rss, lck, faults;
};

static struct figures now(void)
{
	return (struct figures){ demo_status_kb(0, "VmRSS"), demo_status_kb(0, "VmLck"), demo_faults().minflt };
}

static void report(struct figures a, struct figures b)
{
	printf("    faults +%ld   VmRSS %+ld kB   VmLck %ld kB\n", b.faults - a.faults, b.rss - a.rss, b.lck);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	demo_warm_up();
	(void)map_of(&main, PAGE);	/* mincore's own code and buffers in first */

	demo_step("malloc(64 KiB): a block in the heap (below the mmap threshold)");
	char *block = malloc(BLOCK);
	if (!block)
		return 1;
	/* The whole pages inside the block: the first may share a page with its header. */
	char *first = (char *)(((uintptr_t)block + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
	size_t len = ((uintptr_t)block + BLOCK - (uintptr_t)first) & ~(uintptr_t)(PAGE - 1);
	size_t pages = len / PAGE;
	printf("    block at %p; its %zu whole pages in memory:\n    %s\n", (void *)block, pages,
	       map_of(first, len));
	demo_expect(count_in(first, len) == 0, "expected none of the block's pages in memory yet");

	demo_step("write one byte in every other page");
	struct figures a = now();
	for (size_t i = 0; i < pages; i += 2)
		first[i * PAGE] = 1;
	struct figures b = now();
	printf("    %s\n", map_of(first, len));
	report(a, b);
	size_t written = (pages + 1) / 2;
	demo_expect(b.faults - a.faults == (long)written && b.rss - a.rss == (long)(written * 4),
		    "expected %zu faults and +%zu kB", written, written * 4);
	printf("Each first write found no page: the kernel took a zeroed frame and mapped it.\n");

	demo_step("read one byte in each of the others");
	a = now();
	unsigned sum = 0;
	for (size_t i = 1; i < pages; i += 2)
		sum += ((volatile char *)first)[i * PAGE];
	b = now();
	printf("    %s\n", map_of(first, len));
	report(a, b);
	size_t read_only = pages / 2;
	demo_expect(sum == 0 && b.faults - a.faults == (long)read_only && b.rss == a.rss &&
		    count_in(first, len) == pages,
		    "expected %zu faults, no VmRSS, all pages in memory", read_only);
	printf("A read of an untouched page maps the one shared page of zeros, read-only: the\n"
	       "page is in memory (mincore says so, as on Linux), but no frame is ours: VmRSS\n"
	       "does not move. The first write to it will fault again and get a frame.\n");
	free(block);

	demo_step("mlock(256 KiB) of a fresh mapping: every fault in one call");
	char *m = mmap(NULL, LOCKED, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 1;
	printf("    before: %s\n", map_of(m, LOCKED));
	a = now();
	int r = mlock(m, LOCKED);
	b = now();
	printf("    after:  %s\n", map_of(m, LOCKED));
	report(a, b);
	demo_expect(r == 0 && b.faults - a.faults == 64 && b.rss - a.rss == 256 && b.lck == 256,
		    "expected 64 faults, +256 kB VmRSS, VmLck 256 kB");
	printf("mlock faulted each page in before returning, and keeps them in memory until\n"
	       "munlock (pagewise never swaps, so keeping them costs nothing more).\n");

	demo_step("munlock, then madvise(MADV_DONTNEED): the frames go back");
	a = now();
	munlock(m, LOCKED);
	r = madvise(m, LOCKED, MADV_DONTNEED);
	b = now();
	printf("    %s\n", map_of(m, LOCKED));
	report(a, b);
	demo_expect(r == 0 && b.rss - a.rss == -256 && b.lck == 0 && count_in(m, LOCKED) == 0,
		    "expected -256 kB VmRSS, VmLck 0, no page in memory");
	munmap(m, LOCKED);
	return demo_exit_status();
}
