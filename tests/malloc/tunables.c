/*
 * tunables.c - the parameters glibc also reads from the environment.
 *
 *   tunables CASE
 *
 * The runner starts this once per CASE with the environment that CASE
 * names (see run_tests.sh), and the program checks what the allocator made
 * of it: the thresholds it reports, and the path its calls take.
 *
 *   default         no variable: 128 KiB thresholds, the mmap one adapts
 *   mmap-threshold  MALLOC_MMAP_THRESHOLD_=65536: 100 KiB is mmapped, and
 *                   freeing it no longer moves the threshold
 *   trim-threshold  MALLOC_TRIM_THRESHOLD_=1048576: 600 KiB freed at the
 *                   top stays; malloc_trim still gives it back
 *   top-pad         MALLOC_TOP_PAD_=0x200000 (hex): the break grows by 2 MiB
 *   mmap-max        MALLOC_MMAP_MAX_=0: 1 MiB comes from the heap
 *   invalid         MALLOC_TRIM_THRESHOLD_=12abc: ignored, as glibc does
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#define K ((size_t)1024)

int unit_passed, unit_failed;
volatile size_t unit_huge = SIZE_MAX;

static unsigned path(void)
{
	return pw_malloc_last().path;
}

/* Free what sits at the top of the heap: does the break go down? */
static int top_free_trims(size_t total)
{
	enum { N = 12 };
	char *p[N];
	for (int i = 0; i < N; i++)
		p[i] = malloc(total / N);
	char *brk0 = sbrk(0);
	for (int i = N - 1; i >= 0; i--)
		free(p[i]);
	return (char *)sbrk(0) < brk0;
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	struct pw_malloc_counters k = pw_malloc_counters();

	if (!strcmp(c, "default") || !strcmp(c, "invalid")) {
		CHECK(k.mmap_threshold == 128 * K && k.trim_threshold == 128 * K);
		char *p = malloc(200 * K);
		CHECK(path() & PW_PATH_MMAP);
		free(p);
		CHECK(pw_malloc_counters().mmap_threshold > 200 * K);	/* adapted */
		CHECK(top_free_trims(600 * K));
	} else if (!strcmp(c, "mmap-threshold")) {
		CHECK(k.mmap_threshold == 64 * K);
		char *p = malloc(100 * K);
		CHECK(path() & PW_PATH_MMAP);
		free(p);
		CHECK(path() & PW_PATH_MUNMAP);
		CHECK(pw_malloc_counters().mmap_threshold == 64 * K);	/* fixed */
		p = malloc(100 * K);
		CHECK(path() & PW_PATH_MMAP);
		free(p);
	} else if (!strcmp(c, "trim-threshold")) {
		CHECK(k.trim_threshold == 1024 * K);
		CHECK(!top_free_trims(600 * K));
		CHECK(malloc_trim(0) == 1);
	} else if (!strcmp(c, "top-pad")) {
		char *brk0 = sbrk(0);
		free(malloc(64));
		CHECK((char *)sbrk(0) - brk0 >= (ptrdiff_t)(2048 * K));
	} else if (!strcmp(c, "mmap-max")) {
		char *p = malloc(1024 * K);
		CHECK(p && !(path() & PW_PATH_MMAP) && (path() & PW_PATH_BRK));
		free(p);
		CHECK(pw_malloc_counters().mmap_calls == k.mmap_calls);
	} else {
		printf("tunables: unknown case '%s'\n", c);
		unit_failed++;
	}
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed != 0;
}
