/*
 * demo-1gib's claim (seed article 000): malloc(1 GiB) succeeds on a machine with
 * less RAM than that; VmRSS barely moves (the header's page: exactly 4 kB); writing
 * 10 pages costs exactly 10 minor faults, no major one, and exactly 40 kB of VmRSS.
 */
#include "demotest.h"

#define GIB (1024ul * 1024 * 1024)

int main(int argc, char **argv)
{
	long ram, size0, rss0, size1, rss1, rss2;
	struct demo_faults f0, f1;
	char *p;

	check_init(argc, argv);
	demo_warm_up();
	p = malloc(1);		/* malloc's own first-call setup, not part of the claim */
	use(p);
	free(p);
	section("malloc(1 GiB) on a machine with less RAM");
	ram = demo_meminfo_kb("MemTotal");
	CHECK(ram > 0 && ram < (long)(GIB / 1024));
	size0 = demo_status_kb(0, "VmSize");
	rss0 = demo_status_kb(0, "VmRSS");
	p = malloc(GIB);
	use(p);
	CHECK(p != NULL);
	if (!p)
		return check_done();
	CHECK(pw_malloc_last().path == PW_PATH_MMAP);
	size1 = demo_status_kb(0, "VmSize");
	rss1 = demo_status_kb(0, "VmRSS");
	CHECK_EQ(size1 - size0, GIB / 1024 + 4);	/* the mapping holds the 16-byte header too */
	CHECK_EQ(rss1 - rss0, 4);			/* only the page malloc wrote its header in */

	section("touching 10 pages: 10 minor faults, 40 kB");
	f0 = demo_faults();
	for (int i = 1; i <= 10; i++)
		p[(size_t)i * PAGE] = 1;
	f1 = demo_faults();
	rss2 = demo_status_kb(0, "VmRSS");
	CHECK_EQ(f1.minflt - f0.minflt, 10);
	CHECK_EQ(f1.majflt - f0.majflt, 0);
	CHECK_EQ(rss2 - rss1, 40);

	section("touching them again: no fault");
	f0 = demo_faults();
	for (int i = 1; i <= 10; i++)
		p[(size_t)i * PAGE] = 2;
	CHECK_EQ(demo_faults().minflt - f0.minflt, 0);

	section("free gives the whole mapping back");
	free(p);
	CHECK(pw_malloc_last().path == PW_PATH_MUNMAP);
	CHECK_EQ(demo_status_kb(0, "VmSize"), size0);
	CHECK_EQ(demo_status_kb(0, "VmRSS"), rss0);
	return check_done();
}
