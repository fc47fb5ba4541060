/*
 * mremap(2): growing in place when the pages above are free, shrinking (the cut-off pages then
 * fault), moving when MREMAP_MAYMOVE allows and something is in the way (contents travel, the
 * old range is gone), ENOMEM when it may not move. Contents survive every step. Shared memory
 * grows (SIGBUS past its object), moves staying shared, and is mapped twice with old size 0.
 */
#include "vmtest.h"

#define RW (PROT_READ | PROT_WRITE)

static char *gone;

static void touch_gone(void *off) { read_byte(gone + (uintptr_t)off); }

static void fill(char *p, int pages)
{
	for (int i = 0; i < pages; i++)
		memset(p + i * PAGE, 'a' + i, PAGE);
}

static int filled(const char *p, int pages)
{
	for (int i = 0; i < pages; i++)
		if (!all_bytes(p + i * PAGE, 'a' + i, PAGE))
			return 0;
	return 1;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);

	section("grow in place: 2 pages to 4 with the next 2 free, no MREMAP_MAYMOVE needed");
	char *p = anon(4 * PAGE);
	CHECK_EQ(munmap(p + 2 * PAGE, 2 * PAGE), 0);
	fill(p, 2);
	char *q = mremap(p, 2 * PAGE, 4 * PAGE, 0);
	if (q == MAP_FAILED && !on_pagewise()) {
		/* qemu-user 7.2 cannot grow a guest mapping in place (ENOMEM): let it move. */
		printf("note: mremap in place: %s here; moving instead\n", strerror(errno));
		p = q = mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
	}
	CHECK(q == p);
	CHECK(filled(p, 2));
	CHECK(all_bytes(p + 2 * PAGE, 0, 2 * PAGE));     /* the new part reads zero */
	fill(p, 4);

	section("shrink: 4 pages to 1, the rest faults");
	q = mremap(p, 4 * PAGE, PAGE, 0);
	CHECK(q == p);
	CHECK(filled(p, 1));
	gone = p;
	CHECK_KILLED(child_status(touch_gone, (void *)PAGE), SIGSEGV);
	CHECK_KILLED(child_status(touch_gone, (void *)(4 * PAGE - 1)), SIGSEGV);

	section("move: something right above, MREMAP_MAYMOVE: contents travel, old range gone");
	fill(p, 1);
	char *wall = mmap(p + PAGE, PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(wall == p + PAGE);
	wall[0] = 'W';
	CHECK_ERR(mremap(p, PAGE, 8 * PAGE, 0), ENOMEM);  /* may not move: refused */
	CHECK(filled(p, 1));
	q = mremap(p, PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED && q != p);
	if (q != MAP_FAILED) {
		CHECK(filled(q, 1));
		CHECK(all_bytes(q + PAGE, 0, 7 * PAGE));
		fill(q, 8);
		CHECK(filled(q, 8));
	}
	CHECK_EQ(wall[0], 'W');
	gone = p;
	CHECK_KILLED(child_status(touch_gone, (void *)0), SIGSEGV);

	section("a moved mapping grows and shrinks again; untouched pages move as untouched");
	char *r = mremap(q, 8 * PAGE, 3 * PAGE, 0);
	CHECK(r == q);
	CHECK(filled(r, 3));
	char *big = anon(16 * PAGE);
	big[5 * PAGE] = 'f';
	char *moved = mremap(big, 16 * PAGE, 64 * PAGE, MREMAP_MAYMOVE);
	CHECK(moved != MAP_FAILED);
	if (moved != MAP_FAILED) {
		CHECK_EQ(moved[5 * PAGE], 'f');
		CHECK(all_bytes(moved, 0, 5 * PAGE));
		CHECK(all_bytes(moved + 5 * PAGE + 1, 0, 59 * PAGE - 1));
		munmap(moved, 64 * PAGE);
	}

	section("MREMAP_FIXED: moved to the address asked for, replacing what was there");
	char *src = anon(2 * PAGE), *dst = anon(4 * PAGE);
	src[0] = 'a';
	src[PAGE] = 'b';
	dst[3 * PAGE] = 'k';                                /* beyond the moved size: kept */
	char *at = mremap(src, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	CHECK(at == dst);
	CHECK_EQ(dst[0], 'a');
	CHECK_EQ(dst[PAGE], 'b');
	CHECK_EQ(dst[3 * PAGE], 'k');
	CHECK_KILLED(child_status(read_byte, src), SIGSEGV);    /* the old place is gone */
	CHECK_ERR(mremap(dst, PAGE, PAGE, MREMAP_FIXED, dst + 2 * PAGE), EINVAL);  /* needs MAYMOVE */
	CHECK_ERR(mremap(dst, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, dst + PAGE), EINVAL);
	munmap(dst, 4 * PAGE);

	section("errors: unaligned address EINVAL, nothing mapped EFAULT, new size 0 EINVAL");
	CHECK_ERR(mremap(r + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EINVAL);
	/* qemu-user 7.2 moves an unmapped range and says ENOMEM for size 0: Linux's answers
	 * (mm/mremap.c) are checked on pagewise. */
	if (on_pagewise()) {
		CHECK_ERR(mremap(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EFAULT);
		CHECK_ERR(mremap(r, PAGE, 0, MREMAP_MAYMOVE), EINVAL);
	}
	munmap(r, 3 * PAGE);
	munmap(wall, PAGE);

	/* Linux's answers, which a native x86_64 program on the host gets too (mm/mremap.c);
	 * qemu-user 7.2 cannot remap a guest's shared memory, so they are checked here only. */
	if (on_pagewise()) {
		section("shared memory grows in place; past its object a touch is SIGBUS");
		char *s = anon(4 * PAGE);
		munmap(s, 4 * PAGE);
		s = mmap(s, 2 * PAGE, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		CHECK(s != MAP_FAILED);
		s[0] = 'A';
		s[PAGE] = 'B';
		CHECK(mremap(s, 2 * PAGE, 4 * PAGE, 0) == s);
		CHECK_EQ(s[PAGE], 'B');
		gone = s;
		CHECK_KILLED(child_status(touch_gone, (void *)(2 * PAGE)), SIGBUS);

		section("old size 0 maps shared memory a second time; private memory EINVAL");
		char *d = mremap(s, 0, 2 * PAGE, MREMAP_MAYMOVE);
		CHECK(d != MAP_FAILED && d != s);
		d[0] = 'Z';
		CHECK_EQ(s[0], 'Z');
		CHECK_ERR(mremap(s, 0, 2 * PAGE, 0), EINVAL);	/* it must be allowed to move */
		char *priv = anon(PAGE);
		CHECK_ERR(mremap(priv, 0, PAGE, MREMAP_MAYMOVE), EINVAL);
		munmap(priv, PAGE);

		section("moved, shared memory stays shared");
		char *block = mmap(s + 4 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		CHECK(block == s + 4 * PAGE);
		char *m = mremap(s, 4 * PAGE, 6 * PAGE, MREMAP_MAYMOVE);
		CHECK(m != MAP_FAILED && m != s);
		CHECK(m[0] == 'Z' && m[PAGE] == 'B');
		m[0] = 'Q';
		CHECK_EQ(d[0], 'Q');
		munmap(m, 6 * PAGE);
		munmap(d, 2 * PAGE);
		munmap(block, PAGE);
	}
	return vt_done();
}
