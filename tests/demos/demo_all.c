/*
 * Every demo, run by `demos`, comes out as the articles say: each demo checks its
 * own figures and exits 1 with an "UNEXPECTED:" line when one is off; demos exits
 * with the number of those.
 */
#include "demotest.h"

static char out[65536];

int main(int argc, char **argv)
{
	char *demos[] = { "demos", NULL };
	const char *u;

	check_init(argc, argv);
	section("demos: all thirteen demos");
	CHECK_EQ(capture(demos, out, sizeof out), 0);
	CHECK(strstr(out, "demos: 13 of 13 as the articles say") != NULL);
	for (u = strstr(out, "UNEXPECTED"); u; u = strstr(u + 1, "UNEXPECTED"))
		printf("     %.*s\n", (int)(strchr(u, '\n') ? strchr(u, '\n') - u : 60), u);
	CHECK(strstr(out, "UNEXPECTED") == NULL);
	return check_done();
}
