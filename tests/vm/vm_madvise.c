/*
 * madvise(MADV_DONTNEED) (madvise(2)): private anonymous pages are dropped, so VmRSS falls
 * by their size and they read zero again (through the zero page: no RSS back until written);
 * a private file mapping reads the file's bytes again; shared anonymous memory keeps its
 * contents. Its errors: unaligned start or unknown advice EINVAL, an unmapped range ENOMEM
 * (after the mapped parts of the range took the advice).
 */
#include "vmtest.h"

#define NPAGES 8

static __attribute__((noinline)) void touch(char *p, int count, int write)
{
	for (int i = 0; i < count; i++) {
		if (write)
			p[(size_t)i * PAGE] = 'd';
		else
			(void)((volatile char *)p)[(size_t)i * PAGE];
	}
}

int main(int argc, char **argv)
{
	struct counts a, b;
	int pw = on_pagewise();

	(void)argc;
	setvbuf(stdout, NULL, _IOLBF, 0);
	char *p = anon(NPAGES * PAGE);
	memset(p, 'd', NPAGES * PAGE);
	section("MADV_DONTNEED of 8 written pages: VmRSS -32 kB, and they read zero");
	/* Nothing between the two readings may fault a page in: madvise's own text first. */
	madvise(p, PAGE, MADV_NORMAL);
	counts_now(&a);
	counts_now(&a);
	CHECK_EQ(madvise(p, NPAGES * PAGE, MADV_DONTNEED), 0);
	counts_now(&b);
	if (pw && have_rss())
		CHECK_EQ(a.rss_kb - b.rss_kb, NPAGES * 4);
	touch(p, NPAGES, 0);
	counts_now(&a);
	if (pw && have_rss())
		CHECK_EQ(a.rss_kb - b.rss_kb, 0);             /* zero-page reads */
	CHECK(all_bytes(p, 0, NPAGES * PAGE));
	counts_now(&a);
	touch(p, NPAGES, 1);
	counts_now(&b);
	if (pw) {
		CHECK_EQ(b.minflt - a.minflt, NPAGES);
		if (have_rss())
			CHECK_EQ(b.rss_kb - a.rss_kb, NPAGES * 4);
	}

	section("MADV_DONTNEED of the middle 2 pages: only those are dropped");
	memset(p, 'm', NPAGES * PAGE);
	CHECK_EQ(madvise(p + 3 * PAGE, 2 * PAGE, MADV_DONTNEED), 0);
	CHECK(all_bytes(p, 'm', 3 * PAGE));
	CHECK(all_bytes(p + 3 * PAGE, 0, 2 * PAGE));
	CHECK(all_bytes(p + 5 * PAGE, 'm', 3 * PAGE));

	section("a private file mapping reads the file again after MADV_DONTNEED");
	int fd = open(argv[0], O_RDONLY);
	char head[PAGE];
	CHECK(fd >= 0 && read(fd, head, PAGE) == PAGE);
	char *f = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(f != MAP_FAILED);
	if (f != MAP_FAILED) {
		memset(f, 'z', 100);
		CHECK(all_bytes(f, 'z', 100));
		CHECK_EQ(madvise(f, PAGE, MADV_DONTNEED), 0);
		CHECK(memcmp(f, head, PAGE) == 0);
		munmap(f, PAGE);
	}
	close(fd);

	section("shared anonymous memory keeps its contents");
	char *s = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(s != MAP_FAILED);
	if (s != MAP_FAILED) {
		memset(s, 's', 2 * PAGE);
		CHECK_EQ(madvise(s, 2 * PAGE, MADV_DONTNEED), 0);
		CHECK(all_bytes(s, 's', 2 * PAGE));
		munmap(s, 2 * PAGE);
	}

	section("MADV_POPULATE_WRITE faults 4 pages in at once: +4 minor faults, +16 kB");
	if (pw) {                      /* qemu-user 7.2 does not know this advice */
		char *q = anon(4 * PAGE);
		madvise(q, PAGE, MADV_NORMAL);
		counts_now(&a);
		counts_now(&a);
		CHECK_EQ(madvise(q, 4 * PAGE, MADV_POPULATE_WRITE), 0);
		counts_now(&b);
		CHECK_EQ(b.minflt - a.minflt, 4);
		if (have_rss())
			CHECK_EQ(b.rss_kb - a.rss_kb, 16);
		counts_now(&a);
		touch(q, 4, 1);                   /* already there: no fault */
		counts_now(&b);
		CHECK_EQ(b.minflt - a.minflt, 0);
		munmap(q, 4 * PAGE);
	}

	section("errors: unaligned EINVAL, unknown advice EINVAL, a hole ENOMEM");
	CHECK_ERR(madvise(p + 1, PAGE, MADV_DONTNEED), EINVAL);
	CHECK_EQ(munmap(p + 2 * PAGE, PAGE), 0);
	/* qemu-user 7.2 answers 0 to both of these (it emulates madvise as a no-op). */
	if (pw) {
		CHECK_ERR(madvise(p, PAGE, 12345), EINVAL);
		/* Linux (mm/madvise.c, madvise_walk_vmas) still applies the advice to the mapped
		 * parts, and answers ENOMEM for the hole afterwards. */
		CHECK_ERR(madvise(p, 4 * PAGE, MADV_DONTNEED), ENOMEM);
		CHECK_EQ(p[0], 0);
		CHECK_EQ(p[PAGE], 0);
		CHECK_EQ(p[5 * PAGE], 'm');
		memset(p, 'm', 2 * PAGE);
	}
	CHECK_EQ(madvise(p, 2 * PAGE, MADV_NORMAL), 0);
	CHECK_EQ(p[0], 'm');

	/* Linux's order (mm/madvise.c, do_madvise): the advice, alignment, a length that
	 * rounds up to 0 or wraps (EINVAL), a zero length (success); past the checks,
	 * whatever is not mapped is ENOMEM, the kernel half too. */
	section("madvise checks its arguments in Linux's order");
	CHECK_ERR(madvise(p + 1, 0, MADV_NORMAL), EINVAL);
	CHECK_EQ(madvise(p, 0, MADV_DONTNEED), 0);
	CHECK_ERR(madvise(p, 0xFFFFFFFFu, MADV_DONTNEED), EINVAL);
	CHECK_ERR(madvise(p, 0xF0000000u, MADV_DONTNEED), EINVAL);
	if (pw) {
		CHECK_ERR(madvise(p, 0, 12345), EINVAL);
		CHECK_ERR(madvise((void *)0xC0000000u, PAGE, MADV_DONTNEED), ENOMEM);
	}
	CHECK_EQ(p[0], 'm');
	munmap(p, NPAGES * PAGE);
	return vt_done();
}
