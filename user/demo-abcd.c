/*
 * demo-abcd: seed article 001's story of four blocks, step by step.
 *
 *   A = malloc(30K)   B = malloc(40K)   both below 128K: the break moves up
 *   C = malloc(200K)  128K or more: a mapping of its own (mmap)
 *   D = malloc(100K)  the break moves up again
 *   free(C)           unmapped at once: the region leaves /proc/self/maps
 *   free(B)           kept in a bin for reuse: the break stays
 *   free(D)           merges with B (140K) and the free top; over 128K free
 *                     at the top, so the heap is trimmed: the break goes down
 *
 * After each step: the break (sbrk(0)), the heap and mmap lines of
 * /proc/self/maps, and what malloc says it did (pw_malloc_last()).
 *
 * "demo-abcd --one" only does A = malloc(30K) and writes one byte 20K into
 * it, quietly: the program `trace -m demo-abcd --one` shows for one malloc.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "demo.h"

#define K 1024
/* Nothing but the stack lives in the top 8 MiB (its limit) below 0xc0000000: the maps
   lines below that are the heap and the mappings the demo is about. */
#define BELOW_STACK 0xbf800000u

static char *brk0;	/* where the heap starts */

/* The fixed policy of the article: glibc's defaults without their adaptations. */
static void article_policy(void)
{
	/* Freeing an mmapped block would raise both thresholds to its size (glibc's
	   dynamic threshold, mallopt(3)); setting them fixes them at 128K. */
	mallopt(M_MMAP_THRESHOLD, 128 * K);
	mallopt(M_TRIM_THRESHOLD, 128 * K);
	/* malloc asks brk for 128K more than it needs (M_TOP_PAD), so B would come out of
	   what A's brk already got. Without the pad every heap request moves the break. */
	mallopt(M_TOP_PAD, 0);
}

/* What malloc did, the break, and the maps, after a step. */
static struct pw_malloc_last show(const char *why)
{
	struct pw_malloc_last l = pw_malloc_last();
	char path[96];

	pw_malloc_path_name(l.path, path, sizeof path);
	printf("malloc's path: %s", path);
	if (l.trimmed)
		printf(" (gave back %zu bytes)", l.trimmed);
	printf("\n%s\n", why);
	printf("break now %p (heap %zuK); /proc/self/maps from the heap up:\n", sbrk(0),
	       (size_t)((char *)sbrk(0) - brk0) / K);
	demo_show_maps((uintptr_t)brk0, BELOW_STACK);
	return l;
}

int main(int argc, char **argv)
{
	struct pw_malloc_counters k0, k1;
	struct pw_malloc_last l;
	char *a, *b, *c, *d, *before;

	/* The thread cache would sit between A and B (it is made on the first call);
	   without it B follows A directly. Small blocks are not part of this story. */
	demo_putenv_early("PAGEWISE_MALLOC_TCACHE=0");
	article_policy();
	if (argc > 1 && strcmp(argv[1], "--one") == 0) {
		a = malloc(30 * K);
		/* malloc itself wrote only A's header (in A's first page; the top's
		   size is kept in malloc's own state): a page further in is first
		   touched here, and only now gets a frame. */
		*(volatile char *)(a + 20 * K) = 1;
		return 0;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	demo_warm_up();
	brk0 = sbrk(0);
	printf("demo-abcd: the four blocks of seed article 001. The heap starts at the\n"
	       "initial break %p; requests of 128K and more are mmapped.\n", brk0);

	demo_step("A = malloc(30K)");
	before = sbrk(0);
	a = malloc(30 * K);
	l = show("30K is below the mmap threshold: malloc moved the break up with brk.");
	printf("A = %p\n", a);
	demo_expect((l.path & PW_PATH_BRK) && (char *)sbrk(0) > before, "the break did not move for A");

	demo_step("B = malloc(40K)");
	before = sbrk(0);
	b = malloc(40 * K);
	l = show("Also small: the break moves up again; B sits right after A (30K + a 16-byte header).");
	printf("B = %p\n", b);
	demo_expect((l.path & PW_PATH_BRK) && (char *)sbrk(0) > before, "the break did not move for B");

	demo_step("C = malloc(200K)");
	before = sbrk(0);
	k0 = pw_malloc_counters();
	c = malloc(200 * K);
	l = show("200K >= 128K: C got a mapping of its own, outside the heap; the break stayed.");
	printf("C = %p, in: %s\n", c, demo_maps_line((uintptr_t)c));
	k1 = pw_malloc_counters();
	demo_expect(l.path == PW_PATH_MMAP && k1.mmap_calls == k0.mmap_calls + 1, "C was not mmapped");
	demo_expect((char *)sbrk(0) == before, "the break moved for C");

	demo_step("D = malloc(100K)");
	before = sbrk(0);
	d = malloc(100 * K);
	l = show("100K < 128K: from the heap, the break moves up; D sits after B.");
	printf("D = %p\n", d);
	demo_expect((l.path & PW_PATH_BRK) && (char *)sbrk(0) > before && d > b, "D did not move the break");

	demo_step("free(C)");
	before = sbrk(0);
	free(c);
	l = show("A mapped block goes straight back to the kernel with munmap: its region is gone.");
	demo_expect(l.path == PW_PATH_MUNMAP && demo_maps_line((uintptr_t)c) == NULL,
		    "C's mapping is still there");

	demo_step("free(B)");
	before = sbrk(0);
	free(b);
	l = show("B is between A and D, both in use: the heap cannot shrink from the middle, so\n"
		 "malloc keeps B's 40K in a bin for the next request; the break stays.");
	demo_expect(l.path == PW_PATH_BIN && (char *)sbrk(0) == before, "B was not kept in a bin");

	demo_step("free(D)");
	before = sbrk(0);
	free(d);
	l = show("D's free neighbour below is B: the two merge into one chunk, and since D\n"
		 "touches the free top of the heap, they join it.");
	printf("merged chunk: %zu bytes = 40K + 100K + their two 16-byte headers (140K).\n", l.size);
	printf("The free top is now over the trim threshold (128K), so malloc moved the break\n"
	       "down by %zu bytes (%zuK): from %p to %p.\n", l.trimmed, l.trimmed / K, before, sbrk(0));
	demo_expect(l.size == 140 * K + 32, "the merged chunk is %zu bytes, not 140K + 32", l.size);
	demo_expect((l.path & (PW_PATH_MERGE | PW_PATH_TOP | PW_PATH_TRIM)) ==
		    (PW_PATH_MERGE | PW_PATH_TOP | PW_PATH_TRIM), "free(D) did not merge and trim");
	demo_expect(l.trimmed >= 128 * K && (char *)sbrk(0) == before - l.trimmed, "the break did not go down");

	free(a);
	printf("\nSo: brk for small blocks, mmap for big ones; free of mmapped memory returns it at\n"
	       "once, free of heap memory keeps it for reuse until the top grows past 128K.\n");
	return demo_exit_status();
}
