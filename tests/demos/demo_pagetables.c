/*
 * demo-pagetables' claims, as its output shows them: one byte in each of 256 fresh 4 MiB
 * stretches costs 256 page tables, as much as the data (VmPTE, VmRSS and PageTables +1024 kB);
 * 256 pages in a row in one stretch cost no table; munmap gives the tables back; a forked
 * child costs its page directory and tables and an 8 kB kernel stack, all back once reaped.
 */
#include "demotest.h"

static char out[8192];

int main(int argc, char **argv)
{
	char *demo[] = { "demo-pagetables", NULL };

	check_init(argc, argv);
	section("demo-pagetables runs and every claim holds");
	CHECK_EQ(capture(demo, out, sizeof out), 0);
	CHECK(strstr(out, "UNEXPECTED") == NULL);

	section("sparse: a table per byte; dense: none; munmap: all back");
	CHECK(strstr(out, "    VmPTE +1024 kB   VmRSS +1024 kB   PageTables +1024 kB\n") != NULL);
	CHECK(strstr(out, "    VmPTE +0 kB   VmRSS +1024 kB   PageTables +0 kB\n") != NULL);
	CHECK(strstr(out, "    VmPTE -1024 kB   VmRSS -2048 kB   PageTables -1024 kB\n") != NULL);

	section("fork: the child's tables and directory, and an 8 kB kernel stack");
	const char *l = strstr(out, "    the child's VmPTE ");
	CHECK(l != NULL);
	if (l) {
		long pte = atol(l + 22), tables = atol(strstr(l, "PageTables") + 10);
		CHECK(pte >= 8);
		CHECK_EQ(tables, pte + 4);
		CHECK(strstr(l, "KernelStack +8 kB\n") != NULL);
	}
	if (check_failed)
		printf("%s", out);
	return check_done();
}
