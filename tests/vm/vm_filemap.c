/*
 * Private file mappings of an initrd file (our own program, which runtests names by full path
 * in argv[0]): the mapped bytes are the file's bytes as read() returns them; each first touch
 * of a page reads it from the file, a major fault (ru_majflt grows by exactly the pages
 * touched, and VmRSS by as many pages); an offset maps from there; bytes past the end of the
 * file in its last page read zero, whole pages past it raise SIGBUS; writes to a private
 * mapping are the process's own and never reach the file.
 */
#include <sys/stat.h>
#include "vmtest.h"

#define K 6

static char *map;
static size_t size, mapped;

static __attribute__((noinline)) void read_pages(const char *p, int count)
{
	for (int i = 0; i < count; i++)
		(void)((volatile const char *)p)[(size_t)i * PAGE];
}

static __attribute__((noinline)) void measure(const char *p, int count, struct counts *d)
{
	struct counts a, b;

	counts_now(&a);
	read_pages(p, count);
	counts_now(&b);
	d->minflt = b.minflt - a.minflt;
	d->majflt = b.majflt - a.majflt;
	d->rss_kb = b.rss_kb - a.rss_kb;
}

static void touch_past_end(void *arg) { (void)arg; read_byte(map + mapped - PAGE); }

int main(int argc, char **argv)
{
	struct counts d;
	struct stat st;
	int pw = on_pagewise();

	(void)argc;
	setvbuf(stdout, NULL, _IOLBF, 0);
	int fd = open(argv[0], O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		printf("FAIL open %s: %s\n", argv[0], strerror(errno));
		return 1;
	}
	size = (size_t)st.st_size;
	printf("file %s, %zu bytes\n", argv[0], size);
	CHECK(size > (K + 4) * PAGE && size % PAGE != 0);
	char *copy = anon(size);
	CHECK_EQ(read(fd, copy, size), (long)size);

	section("a private read-only mapping: first touches are major faults, one per page");
	map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(map != MAP_FAILED);
	measure(copy, 1, &d);                            /* warm the measuring path */
	measure(copy, 1, &d);
	if (pw)
		CHECK_EQ(d.majflt + d.minflt, 0);
	measure(map, K, &d);
	printf("  %ld major, %ld minor faults, VmRSS %+ld kB for %d pages\n", d.majflt, d.minflt,
	       d.rss_kb, K);
	if (pw) {
		CHECK_EQ(d.majflt, K);
		CHECK_EQ(d.minflt, 0);
		if (have_rss())
			CHECK_EQ(d.rss_kb, K * 4);
	}
	measure(map, K, &d);
	if (pw)
		CHECK_EQ(d.majflt + d.minflt, 0);

	section("the mapping holds the file's bytes, and zeros after its end in the last page");
	CHECK(memcmp(map, copy, size) == 0);
	CHECK(all_bytes(map + size, 0, PAGE - size % PAGE));

	section("a mapping at an offset of 3 pages starts at that byte of the file");
	char *off = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 3 * PAGE);
	CHECK(off != MAP_FAILED);
	if (off != MAP_FAILED)
		CHECK(memcmp(off, copy + 3 * PAGE, 2 * PAGE) == 0);

	section("a whole page past the end of the file raises SIGBUS");
	mapped = (size + PAGE - 1) / PAGE * PAGE + PAGE;
	munmap(map, size);
	map = mmap(NULL, mapped, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(map != MAP_FAILED);
	CHECK_KILLED(child_status(touch_past_end, NULL), SIGBUS);
	CHECK_EQ(map[size - 1], copy[size - 1]);

	section("writes to a private writable mapping stay in the process");
	char *w = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(w != MAP_FAILED);
	if (w != MAP_FAILED) {
		memset(w, 'x', PAGE + 10);
		CHECK(all_bytes(w, 'x', PAGE + 10));
		CHECK(memcmp(w + PAGE + 10, copy + PAGE + 10, PAGE - 10) == 0);
		CHECK(memcmp(map, copy, 2 * PAGE) == 0);     /* other mappings see the file */
		char again[64];
		CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
		CHECK_EQ(read(fd, again, sizeof again), (long)sizeof again);
		CHECK(memcmp(again, copy, sizeof again) == 0);
	}
	close(fd);
	section("the mapping outlives its descriptor");
	CHECK(memcmp(map + PAGE, copy + PAGE, size - PAGE) == 0);
	return vt_done();
}
