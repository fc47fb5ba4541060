/*
 * demo-abcd's claim (seed article 001), with the demo's policy (thresholds fixed
 * at 128K, no top pad, no thread cache) and exact figures:
 *   A=malloc(30K): the break moves up by 32K      B=malloc(40K): up by 40K more
 *   C=malloc(200K): one mmap, the break stays     D=malloc(100K): up by 100K more
 *   free(C): one munmap, its region leaves /proc/self/maps
 *   free(B): kept in a bin, the break stays
 *   free(D): merges with B into 140K + 32 (two headers), joins the top, and the
 *            top over 128K is trimmed: the break goes down by exactly 140K.
 * Chunk sizes are n + 12 rounded up to 16 (libc/malloc/chunk.h); each brk asks for
 * what the top lacks plus 32 (MINCHUNK), rounded up to a page.
 */
#include <sys/mman.h>
#include "demotest.h"

static char *brk0;

/* The break, in bytes above where the heap began. */
static long heap(void)
{
	return (long)((char *)sbrk(0) - brk0);
}

int main(int argc, char **argv)
{
	struct pw_malloc_counters k0, k;
	struct pw_malloc_last l;
	char *a, *b, *c, *d;

	demo_putenv_early("PAGEWISE_MALLOC_TCACHE=0");
	check_init(argc, argv);
	CHECK(mallopt(M_MMAP_THRESHOLD, 128 * K) && mallopt(M_TRIM_THRESHOLD, 128 * K) &&
	      mallopt(M_TOP_PAD, 0));
	brk0 = sbrk(0);
	k0 = pw_malloc_counters();

	section("A and B move the break");
	a = malloc(30 * K);
	CHECK_EQ(pw_malloc_last().path, PW_PATH_BRK | PW_PATH_TOP);
	CHECK_EQ(heap(), 32 * K);
	CHECK_EQ(a - brk0, 16);
	b = malloc(40 * K);
	CHECK_EQ(pw_malloc_last().path, PW_PATH_BRK | PW_PATH_TOP);
	CHECK_EQ(heap(), 72 * K);
	CHECK_EQ(b - a, 30 * K + 16);
	CHECK(demo_maps_line((uintptr_t)b) && strstr(demo_maps_line((uintptr_t)b), "[heap]"));

	section("C is mmapped");
	c = malloc(200 * K);
	CHECK_EQ(pw_malloc_last().path, PW_PATH_MMAP);
	CHECK_EQ(heap(), 72 * K);
	k = pw_malloc_counters();
	CHECK_EQ(k.mmap_calls - k0.mmap_calls, 1);
	CHECK(demo_maps_line((uintptr_t)c) && !strstr(demo_maps_line((uintptr_t)c), "[heap]"));

	section("D moves the break");
	d = malloc(100 * K);
	CHECK_EQ(pw_malloc_last().path, PW_PATH_BRK | PW_PATH_TOP);
	CHECK_EQ(heap(), 172 * K);
	CHECK_EQ(d - b, 40 * K + 16);

	section("free(C) unmaps at once");
	free(c);
	CHECK_EQ(pw_malloc_last().path, PW_PATH_MUNMAP);
	CHECK(demo_maps_line((uintptr_t)c) == NULL);
	CHECK_EQ(pw_malloc_counters().munmap_calls - k0.munmap_calls, 1);

	section("free(B) keeps the memory");
	free(b);
	CHECK_EQ(pw_malloc_last().path, PW_PATH_BIN);
	CHECK_EQ(heap(), 172 * K);

	section("free(D) merges into 140K and trims");
	free(d);
	l = pw_malloc_last();
	CHECK_EQ(l.path, PW_PATH_MERGE | PW_PATH_TOP | PW_PATH_TRIM);
	CHECK_EQ(l.size, 140 * K + 32);
	CHECK_EQ(l.trimmed, 140 * K);
	CHECK_EQ(heap(), 32 * K);
	k = pw_malloc_counters();
	CHECK_EQ(k.brk_calls - k0.brk_calls, 4);	/* A, B, D up; the trim down */
	CHECK_EQ(k.trims - k0.trims, 1);

	section("without the trim threshold crossed, free keeps the top");
	b = malloc(40 * K);				/* from the top again: up by 40K */
	use(b);
	CHECK_EQ(heap(), 72 * K);
	free(b);					/* the top is 40K, under 128K */
	CHECK_EQ(pw_malloc_last().path, PW_PATH_TOP);
	CHECK_EQ(heap(), 72 * K);
	free(a);
	return check_done();
}
