/*
 * Where mappings go (mmap(2)): MAP_FIXED replaces whatever was in the range (the old contents
 * are gone, the new memory reads zero, the neighbours are untouched); a hint without MAP_FIXED
 * is taken when the range is free and otherwise ignored, never replacing anything.
 */
#include "vmtest.h"

#define RW (PROT_READ | PROT_WRITE)
#define PRIV_ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static void fixed_replaces(void)
{
	section("MAP_FIXED over the middle of a mapping: the middle reads zero, the sides are kept");
	char *p = anon(4 * PAGE);
	memset(p, 'o', 4 * PAGE);
	char *q = mmap(p + PAGE, 2 * PAGE, RW, PRIV_ANON | MAP_FIXED, -1, 0);
	CHECK(q == p + PAGE);
	CHECK(all_bytes(p + PAGE, 0, 2 * PAGE));
	CHECK(all_bytes(p, 'o', PAGE));
	CHECK(all_bytes(p + 3 * PAGE, 'o', PAGE));
	q[0] = 'n';
	CHECK_EQ(q[0], 'n');

	section("MAP_FIXED with other protection replaces the protection too");
	q = mmap(p, PAGE, PROT_READ, PRIV_ANON | MAP_FIXED, -1, 0);
	CHECK(q == p);
	CHECK_EQ(p[0], 0);
	/* p + 4 pages is not mapped. qemu-user mprotects its own reservation and says 0. */
	if (on_pagewise())
		CHECK_ERR(mprotect(p, 5 * PAGE, RW), ENOMEM);
	CHECK_EQ(mprotect(p, 4 * PAGE, RW), 0);
	p[0] = 'w';
	CHECK_EQ(p[0], 'w');

	section("MAP_FIXED over two neighbouring mappings at once");
	char *r = mmap(p + 4 * PAGE, PAGE, RW, PRIV_ANON | MAP_FIXED, -1, 0);
	CHECK(r == p + 4 * PAGE);
	r[0] = 'r';
	q = mmap(p + 3 * PAGE, 2 * PAGE, RW, PRIV_ANON | MAP_FIXED, -1, 0);
	CHECK(q == p + 3 * PAGE);
	CHECK(all_bytes(q, 0, 2 * PAGE));
	CHECK_EQ(munmap(p, 5 * PAGE), 0);
}

static void hints(void)
{
	section("a hint is honoured when the range is free");
	/* Find a free range: map, remember, unmap. */
	char *spot = anon(8 * PAGE);
	munmap(spot, 8 * PAGE);
	char *want = spot + 2 * PAGE;
	char *p = mmap(want, 2 * PAGE, RW, PRIV_ANON, -1, 0);
	CHECK(p == want);
	CHECK(all_bytes(p, 0, 2 * PAGE));
	p[0] = 'h';

	/* Linux's arch_get_unmapped_area_topdown: addr = PAGE_ALIGN(addr), which rounds up. */
	section("an unaligned hint is rounded up to the next page, as Linux does");
	char *u = mmap(spot + 5 * PAGE + 123, PAGE, RW, PRIV_ANON, -1, 0);
	if (on_pagewise())                               /* qemu-user places it elsewhere */
		CHECK(u == spot + 6 * PAGE);

	section("a hint over a mapping is ignored: another place, the old mapping untouched");
	char *q = mmap(want, 2 * PAGE, RW, PRIV_ANON, -1, 0);
	CHECK(q != MAP_FAILED);
	CHECK(q != want);
	CHECK(q + 2 * PAGE <= want || q >= want + 2 * PAGE);
	CHECK_EQ(p[0], 'h');
	q[0] = 'q';
	CHECK_EQ(p[0], 'h');
	munmap(q, 2 * PAGE);
	munmap(p, 2 * PAGE);
	munmap(u, PAGE);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	fixed_replaces();
	hints();
	return vt_done();
}
