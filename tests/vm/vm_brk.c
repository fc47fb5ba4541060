/*
 * brk(2): the raw call answers with the new break, or the old one when it refuses (never
 * -errno). Growing only edits the heap region (no frame until touched); shrinking gives the
 * pages back, so growing again reads zeros. Refused: below the start of the heap, into
 * another mapping (Linux also keeps a page between the heap and the next mapping), and sizes
 * past the user address space.
 */
#include "vmtest.h"

/* The raw system call, not libc's brk(): we want the kernel's own answer. */
static uintptr_t raw_brk(uintptr_t addr) { return (uintptr_t)syscall(__NR_brk, addr); }

static void grow_shrink_regrow(uintptr_t start)
{
	struct counts a, b;
	const size_t len = 4 * PAGE;
	char *heap;

	section("brk grows, shrinks and grows again; the regrown heap reads zero");
	/* The first page of the heap may share a page with the bss: begin on a page boundary. */
	uintptr_t base = (start + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	CHECK_EQ(raw_brk(base), base);
	heap = (char *)base;

	counts_now(&a);
	CHECK_EQ(raw_brk(base + len), base + len);
	counts_now(&b);
	if (on_pagewise()) {
		CHECK_EQ(b.minflt - a.minflt, 0);          /* growing touches no page */
		if (have_rss())
			CHECK_EQ(b.rss_kb - a.rss_kb, 0);
	}
	memset(heap, 0xa5, len);
	CHECK(all_bytes(heap, 0xa5, len));
	counts_now(&b);
	if (on_pagewise() && have_rss())
		CHECK_EQ(b.rss_kb - a.rss_kb, (long)(len / 1024));

	CHECK_EQ(raw_brk(base + PAGE), base + PAGE);    /* keep one page */
	counts_now(&a);
	if (on_pagewise() && have_rss())
		CHECK_EQ(b.rss_kb - a.rss_kb, (long)(3 * PAGE / 1024));   /* three pages given back */
	CHECK(all_bytes(heap, 0xa5, PAGE));              /* the kept page kept its contents */
	CHECK_EQ(raw_brk(base + len), base + len);
	CHECK(all_bytes(heap + PAGE, 0, len - PAGE));    /* what came back is zero */

	section("a break inside a page: the rest of that page is usable, shrinking to it keeps it");
	CHECK_EQ(raw_brk(base + 100), base + 100);
	CHECK_EQ(raw_brk(0), base + 100);
	heap[PAGE - 1] = 7;                              /* same page as the break: still mapped */
	CHECK_EQ(heap[PAGE - 1], 7);
	CHECK_EQ(raw_brk(start), start);
}

static void refusals(uintptr_t start)
{
	uintptr_t cur = raw_brk(0);

	section("brk below the start of the heap returns the old break");
	CHECK_EQ(raw_brk(start - PAGE), cur);
	CHECK_EQ(raw_brk(start - 1), cur);
	CHECK_EQ(raw_brk(0x1000), cur);

	/* Not cur + 2 GiB with nothing in between: pagewise overcommits as the issue asks, while
	 * Linux's heuristic overcommit refuses one allocation larger than RAM plus swap. */
	section("absurd sizes (into the stack, the kernel, past 4 GiB) return the old break");
	CHECK_EQ(raw_brk(0xBFFFF000u), cur);
	CHECK_EQ(raw_brk(0xC0000000u), cur);
	CHECK_EQ(raw_brk(0xFFFFF000u), cur);

	section("brk into another mapping returns the old break");
	uintptr_t top = (cur + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	uintptr_t wall = top + 16 * PAGE;
	char *m = mmap((void *)wall, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(m == (char *)wall);
	m[0] = 42;
	CHECK_EQ(raw_brk(wall + PAGE), cur);             /* over it */
	CHECK_EQ(raw_brk(wall + 64 * PAGE), cur);        /* past it */
	/* Linux's brk wants a page between the heap and the next mapping (mm/mmap.c);
	 * qemu-user emulates brk itself and does not, so this one is checked on pagewise. */
	if (on_pagewise())
		CHECK_EQ(raw_brk(wall), cur);
	CHECK_EQ(raw_brk(wall - PAGE), wall - PAGE);     /* one page short of it is fine */
	CHECK_EQ(m[0], 42);                              /* the mapping was left alone */
	CHECK_EQ(raw_brk(cur), cur);
	munmap(m, PAGE);

	section("after all that the break still moves");
	CHECK_EQ(raw_brk(cur + 2 * PAGE), cur + 2 * PAGE);
	CHECK_EQ(raw_brk(cur), cur);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Warm the counters' own paths (their buffers, text and stack) before measuring. */
	status_kb("VmRSS");
	uintptr_t start = raw_brk(0);
	printf("initial break %#lx\n", (unsigned long)start);
	CHECK(start != 0);
	grow_shrink_regrow(start);
	refusals(start);
	return vt_done();
}
