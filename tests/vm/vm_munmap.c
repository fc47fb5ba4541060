/*
 * munmap(2) splits regions: unmapping the middle leaves both sides mapped with their contents,
 * and the hole faults (a child that touches it dies of SIGSEGV). Unmapping what is not mapped
 * is not an error; an unaligned address is EINVAL; a length is rounded up to whole pages.
 */
#include "vmtest.h"

static char *hole;

static void read_hole(void *arg) { read_byte(hole + (uintptr_t)arg); }
static void write_hole(void *arg) { write_byte(hole + (uintptr_t)arg); }

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	status_kb("VmRSS");

	section("munmap of the middle of 5 pages: both sides keep their contents");
	char *p = anon(5 * PAGE);
	for (int i = 0; i < 5; i++)
		memset(p + i * PAGE, 'a' + i, PAGE);
	struct counts a, b;
	counts_now(&a);
	CHECK_EQ(munmap(p + 2 * PAGE, PAGE), 0);
	counts_now(&b);
	if (on_pagewise() && have_rss())
		CHECK_EQ(a.rss_kb - b.rss_kb, (long)(PAGE / 1024));   /* the frame went back */
	CHECK(all_bytes(p, 'a', PAGE));
	CHECK(all_bytes(p + PAGE, 'b', PAGE));
	CHECK(all_bytes(p + 3 * PAGE, 'd', PAGE));
	CHECK(all_bytes(p + 4 * PAGE, 'e', PAGE));

	section("both sides are still writable");
	p[PAGE - 1] = 'A';
	p[3 * PAGE] = 'D';
	CHECK_EQ(p[PAGE - 1], 'A');
	CHECK_EQ(p[3 * PAGE], 'D');

	section("the hole faults: reading or writing it kills a child with SIGSEGV");
	hole = p + 2 * PAGE;
	CHECK_KILLED(child_status(read_hole, (void *)0), SIGSEGV);
	CHECK_KILLED(child_status(write_hole, (void *)(PAGE - 1)), SIGSEGV);
	CHECK_EXITED0(child_status(read_hole, (void *)(-1)));    /* the byte below is mapped */
	CHECK_EXITED0(child_status(read_hole, (void *)PAGE));    /* and the one above */

	section("munmap of a range that is partly unmapped already, and of nothing at all");
	CHECK_EQ(munmap(p + PAGE, 3 * PAGE), 0);          /* over the hole */
	CHECK(all_bytes(p, 'a', PAGE - 1));
	CHECK_EQ(p[4 * PAGE], 'e');
	hole = p + PAGE;
	CHECK_KILLED(child_status(read_hole, (void *)(2 * PAGE)), SIGSEGV);
	CHECK_EQ(munmap(p + PAGE, 3 * PAGE), 0);          /* nothing there: still 0 */

	section("munmap errors: unaligned address, zero length");
	CHECK_ERR(munmap(p + 1, PAGE), EINVAL);
	CHECK_ERR(munmap(p, 0), EINVAL);
	CHECK_EQ(p[0], 'a');

	section("a length that is not a page multiple unmaps the whole last page");
	CHECK_EQ(munmap(p + 4 * PAGE, 1), 0);
	hole = p + 4 * PAGE;
	CHECK_KILLED(child_status(read_hole, (void *)(PAGE - 1)), SIGSEGV);
	CHECK_EQ(munmap(p, PAGE), 0);
	hole = p;
	CHECK_KILLED(child_status(read_hole, (void *)0), SIGSEGV);
	return vt_done();
}
