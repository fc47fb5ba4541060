/*
 * demo-resident's claims, as its output shows them: a fresh malloc'd block has none of its
 * pages in memory; writing every other page faults exactly those in (8 faults, +32 kB) and
 * mincore's map shows them; reading the others faults them in too, to the zero page (7
 * faults, VmRSS +0, every page in memory); mlock of 256 KiB takes 64 faults in one call
 * (+256 kB, VmLck 256 kB); munlock and MADV_DONTNEED give it all back.
 */
#include "demotest.h"

static char out[8192];

int main(int argc, char **argv)
{
	char *demo[] = { "demo-resident", NULL };

	check_init(argc, argv);
	section("demo-resident runs and every claim holds");
	CHECK_EQ(capture(demo, out, sizeof out), 0);
	CHECK(strstr(out, "UNEXPECTED") == NULL);

	section("the block: no page in memory, then every other one, then all");
	CHECK(strstr(out, "its 15 whole pages in memory:\n    ...............\n") != NULL);
	CHECK(strstr(out, "    #.#.#.#.#.#.#.#\n    faults +8   VmRSS +32 kB   VmLck 0 kB\n") != NULL);
	CHECK(strstr(out, "    ###############\n    faults +7   VmRSS +0 kB   VmLck 0 kB\n") != NULL);

	section("mlock of 256 KiB: 64 faults in one call; then all of it back");
	CHECK(strstr(out, "    faults +64   VmRSS +256 kB   VmLck 256 kB\n") != NULL);
	CHECK(strstr(out, "    faults +0   VmRSS -256 kB   VmLck 0 kB\n") != NULL);
	if (check_failed)
		printf("%s", out);
	return check_done();
}
