/*
 * demo-threads' claims, as its output shows them: four idle threads with 8 MiB stacks cost
 * 4 x 8200 kB of address space but only 16 kB resident and 4 faults; each mapping has its
 * guard page; a stack that grows by 256 KiB takes exactly 64 faults in that thread; a thread
 * reading main's memory takes none; after the joins VmSize and VmRSS are where they began.
 */
#include "demotest.h"

static char out[8192];

/* The number of lines of out that contain s. */
static int lines_with(const char *s)
{
	int n = 0;
	for (const char *p = strstr(out, s); p; p = strstr(p + 1, s))
		n++;
	return n;
}

int main(int argc, char **argv)
{
	char *demo[] = { "demo-threads", NULL };

	check_init(argc, argv);
	section("demo-threads runs and every claim holds");
	CHECK_EQ(capture(demo, out, sizeof out), 0);
	CHECK(strstr(out, "UNEXPECTED") == NULL);

	section("four idle threads: +32800 kB VmSize, +16 kB VmRSS, 4 faults; 4 guard pages");
	CHECK(strstr(out, "after creating 4 threads           VmSize +32800 kB   VmRSS  +16 kB   faults +4\n") != NULL);
	CHECK_EQ(lines_with(" ---p "), 4);
	CHECK_EQ(lines_with(" rw-p "), 4);

	section("256 KiB of stack: 64 faults of that thread; reading main's memory: none");
	CHECK(strstr(out, "(getrusage RUSAGE_THREAD): 64\n") != NULL);
	CHECK(strstr(out, "the reader's faults: 0 ") != NULL);

	section("after the joins: VmSize and VmRSS as at the start");
	CHECK(strstr(out, "from the start to now              VmSize     +0 kB   VmRSS   +0 kB") != NULL);
	if (check_failed)
		printf("%s", out);
	return check_done();
}
