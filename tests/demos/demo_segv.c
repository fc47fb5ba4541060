/*
 * demo-segv's claim (seed article 000): the heap ends at the break, rounded up to a
 * page; a read past that page kills the process with SIGSEGV, and only that process.
 */
#include <signal.h>
#include "demotest.h"

static uintptr_t brk_end;

static void read_at_break(void)		/* past the break, in its page: allowed */
{
	_exit(*(volatile char *)brk_end == 0 ? 0 : 1);
}

static void read_next_page(void)	/* no region there */
{
	*(volatile char *)((brk_end + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
	_exit(0);
}

int main(int argc, char **argv)
{
	char *p;
	int st;

	check_init(argc, argv);
	p = malloc(100);
	use(p);
	sbrk(100);	/* a break in the middle of a page */
	brk_end = (uintptr_t)sbrk(0);
	section("reading up to the break's page is allowed");
	CHECK(brk_end % PAGE != 0);
	CHECK_EQ(status_of(read_at_break), 0);
	section("reading past it kills the child with SIGSEGV, not its parent");
	st = status_of(read_next_page);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	printf("     (the \"killed by SIGSEGV\" line above is expected)\n");
	section("the demo itself survives and says so");
	char out[4096];
	char *argv_demo[] = { "demo-segv", NULL };
	CHECK_EQ(capture(argv_demo, out, sizeof out), 0);
	CHECK(strstr(out, "was killed by signal 11 (SIGSEGV") != NULL);
	free(p);
	return check_done();
}
