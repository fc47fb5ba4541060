/*
 * unit_heap.c - the heap's shape: the story of the seed articles (A, B, C,
 * D), the mmap threshold and its adaptation, trimming, malloc_trim,
 * M_TOP_PAD, M_MMAP_MAX, the top chunk touching no memory of its own, a
 * program moving the break itself, and the heap going on in mmapped memory
 * when brk is blocked.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "unit.h"

#define K 1024

static struct pw_malloc_counters counters(void) { return pw_malloc_counters(); }
static unsigned last_path(void) { return pw_malloc_last().path; }

/* Freeing a mapped block raises the threshold to its size (mallopt(3)). */
static void dynamic_threshold(void)
{
	struct pw_malloc_counters k0 = counters();
	CHECK(k0.mmap_threshold == 128 * K && k0.trim_threshold == 128 * K);
	void *p = malloc(200 * K);
	struct pw_malloc_counters k1 = counters();
	CHECK(p && k1.mmap_calls == k0.mmap_calls + 1);
	CHECK(last_path() & PW_PATH_MMAP);
	free(p);
	struct pw_malloc_counters k2 = counters();
	CHECK(k2.munmap_calls == k1.munmap_calls + 1);
	CHECK(k2.mmap_threshold > 200 * K && k2.trim_threshold == 2 * k2.mmap_threshold);
	p = malloc(200 * K);	/* now from the heap: no syscall per round */
	CHECK(p && counters().mmap_calls == k2.mmap_calls);
	CHECK(!(last_path() & PW_PATH_MMAP));
	free(p);
}

/* A heap emptied and built up again, round after round: the trim threshold
 * rises (giving the pages back only to fault them in again is waste), so
 * after a few rounds the break stays put. 768 KiB: the threshold
 * climbs no higher than 1 MiB on 32-bit systems. */
static void trim_adapts(void)
{
	enum { N = 48 };
	char *p[N];
	size_t t0 = counters().trim_threshold, late_brks = 0;
	for (int round = 0; round < 6; round++) {
		size_t b0 = counters().brk_calls;
		for (int i = 0; i < N; i++) {
			p[i] = malloc(16 * K);
			memset(p[i], round, 16 * K);
		}
		for (int i = N - 1; i >= 0; i--)
			free(p[i]);
		if (round >= 3)
			late_brks += counters().brk_calls - b0;
	}
	CHECK(counters().trim_threshold > t0);
	CHECK(late_brks == 0);
	CHECK(malloc_trim(0) == 1);	/* a small heap again for what follows */
}

/* Seed article 001: A=30K and B=40K move brk, C=200K is mmapped, D=100K
 * moves brk; free(C) unmaps at once, free(B) keeps B in a bin, free(D)
 * merges B and D (140K) into the free top, which is then trimmed. */
static void seed_story(void)
{
	CHECK(mallopt(M_MMAP_THRESHOLD, 128 * K) == 1);	/* also stops adapting */
	CHECK(mallopt(M_TRIM_THRESHOLD, 128 * K) == 1);
	char *a = malloc(30 * K), *b = malloc(40 * K);
	struct pw_malloc_counters k0 = counters();
	char *c = malloc(200 * K);
	CHECK(counters().mmap_calls == k0.mmap_calls + 1);
	char *d = malloc(100 * K);
	CHECK(a && b && c && d && (uintptr_t)a < (uintptr_t)b && (uintptr_t)b < (uintptr_t)d);
	CHECK(HEADER_SIZE(b) == 40 * K + 16 && HEADER_SIZE(d) == 100 * K + 16);
	free(c);
	CHECK(last_path() == PW_PATH_MUNMAP);
	CHECK(counters().munmap_calls == k0.munmap_calls + 1);
	free(b);
	CHECK(last_path() == PW_PATH_BIN);
	char *brk0 = sbrk(0);
	free(d);
	struct pw_malloc_last l = pw_malloc_last();
	CHECK(l.size == 140 * K + 32);	/* B and D as one chunk */
	CHECK((l.path & (PW_PATH_MERGE | PW_PATH_TOP | PW_PATH_TRIM)) ==
	      (PW_PATH_MERGE | PW_PATH_TOP | PW_PATH_TRIM));
	CHECK(l.trimmed > 0 && (char *)sbrk(0) == brk0 - l.trimmed);
	CHECK(counters().trims == k0.trims + 1);
	free(a);
}

/* The same with a block after D: B and D become one free 140K chunk in a
 * bin, and a later 40K request reuses B's place. */
static void seed_merge(void)
{
	char *b = malloc(40 * K), *d = malloc(100 * K), *e = malloc(4 * K);
	free(b);
	free(d);
	struct pw_malloc_last l = pw_malloc_last();
	CHECK(l.path == (PW_PATH_BIN | PW_PATH_MERGE) && l.size == 140 * K + 32);
	struct mallinfo2 mi = mallinfo2();
	CHECK(mi.ordblks >= 1 && mi.fordblks >= 140 * K);
	char *b2 = malloc(40 * K);
	CHECK(b2 == b && (last_path() & PW_PATH_BIN));
	free(b2);
	free(e);
}

static void trimming(void)
{
	char *p[10];
	CHECK(mallopt(M_TRIM_THRESHOLD, 64 * K) == 1);
	CHECK(mallopt(M_TOP_PAD, 0) == 1);
	for (int i = 0; i < 10; i++)
		p[i] = malloc(50 * K);
	char *brk0 = sbrk(0);
	size_t trims = counters().trims;
	for (int i = 9; i >= 0; i--)
		free(p[i]);
	CHECK((char *)sbrk(0) < brk0 - 400 * K);
	CHECK(counters().trims > trims);
	CHECK(mallinfo2().keepcost < 4 * K + 64);	/* pad 0: at most a page left */

	/* M_TOP_PAD: growing the heap asks brk for that much extra. */
	CHECK(mallopt(M_TOP_PAD, 1024 * K) == 1);
	char *g0 = sbrk(0);
	char *q = malloc(mallinfo2().keepcost + 16);
	CHECK(q && (char *)sbrk(0) - g0 >= 1024 * K);
	free(q);
	CHECK(mallopt(M_TOP_PAD, 128 * K) == 1);
	CHECK(mallopt(M_TRIM_THRESHOLD, 128 * K) == 1);

	/* malloc_trim gives back the pages inside a free chunk that cannot
	 * be trimmed (a block sits after it). */
	char *x = malloc(100 * K), *guard = malloc(64);
	memset(x, 1, 100 * K);
	free(x);
	size_t madv = counters().madvise_calls;
	CHECK(malloc_trim(0) == 1);
	CHECK(counters().madvise_calls > madv);
	x = malloc(100 * K);
	CHECK(x != NULL);
	memset(x, 2, 100 * K);
	free(x);
	free(guard);
}

static void mallopt_params(void)
{
	CHECK(mallopt(12345, 1) == 0);
	CHECK(mallopt(M_MMAP_THRESHOLD, -1) == 0);
	CHECK(mallopt(M_MMAP_MAX, 0) == 1);
	size_t hblks = mallinfo2().hblks;
	char *p = malloc(1024 * K);	/* no mmap allowed: from the heap */
	CHECK(p && mallinfo2().hblks == hblks && !(last_path() & PW_PATH_MMAP));
	free(p);
	CHECK(mallopt(M_MMAP_MAX, 65536) == 1);
	p = malloc(1024 * K);
	CHECK(p && mallinfo2().hblks == hblks + 1);
	free(p);
	CHECK(mallinfo2().hblks == hblks);
}

/* The top has no header in memory: cutting a block off it and freeing the
 * block back touch nothing past the block's end. The page after the block
 * is made inaccessible while that happens; a touch would kill the test. */
static void top_untouched(void)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	char *held[8], *p = NULL;
	int n_held = 0;
	/* Free chunks of that size in the bins go first: hold them. */
	while (n_held < 8 && (p = malloc(100 * K)) && !(last_path() & PW_PATH_TOP))
		held[n_held++] = p;
	CHECK(p && (last_path() & PW_PATH_TOP));
	if (!p || !(last_path() & PW_PATH_TOP))
		goto out;
	char *c = p - 16;
	free(p);
	CHECK(last_path() & PW_PATH_TOP);
	/* The same chunk again, sized to end on a page boundary. */
	char *end = (char *)(((uintptr_t)p + 100 * K + page - 1) & ~(page - 1));
	size_t n = (size_t)(end - c) - 16 + sizeof(size_t);
	p = malloc(n);
	CHECK(p == c + 16 && malloc_usable_size(p) == n);
	CHECK((char *)sbrk(0) >= end + page);
	if (p == c + 16 && (char *)sbrk(0) >= end + page) {
		CHECK(mprotect(end, page, PROT_NONE) == 0);
		free(p);
		CHECK(last_path() & PW_PATH_TOP);
		p = malloc(n);
		CHECK(p == c + 16 && (last_path() & PW_PATH_TOP));
		CHECK(mprotect(end, page, PROT_READ | PROT_WRITE) == 0);
	}
	free(p);
out:
	while (n_held > 0)
		free(held[--n_held]);
}

/* The program takes a piece of the break itself (sbrk) between our calls: the heap
 * goes on above that piece and never writes into it, and the program's sbrk(0) and the
 * heap agree on where the break is. */
static void shared_break(void)
{
	enum { PIECE = 64 * K, BLOCK = 16 * K, MAXB = 64 };
	char *a = malloc(1000);
	char *piece = sbrk(PIECE);
	CHECK(a && piece != (void *)-1);
	if (!a || piece == (void *)-1)
		return;
	memset(piece, 0x5a, PIECE);
	size_t brks = counters().brk_calls;
	char *blocks[MAXB];
	int n = 0, apart = 1;
	while (n < MAXB && counters().brk_calls == brks) {
		char *p = blocks[n++] = malloc(BLOCK);
		if (!p)
			break;
		memset(p, 1, BLOCK);
		apart &= p + BLOCK <= piece || p >= piece + PIECE;
	}
	CHECK(counters().brk_calls > brks);
	CHECK(apart);
	CHECK(blocks[n - 1] >= piece + PIECE);
	CHECK((char *)sbrk(0) >= blocks[n - 1] + BLOCK);
	while (n > 0)
		free(blocks[--n]);
	free(a);
	int intact = 1;
	for (int i = 0; i < PIECE; i++)
		intact &= piece[i] == 0x5a;
	CHECK(intact);
	CHECK((char *)sbrk(0) >= piece + PIECE);	/* trimming stops above the piece */
}

void unit_heap(void)
{
	dynamic_threshold();
	trim_adapts();
	seed_story();
	seed_merge();
	trimming();
	mallopt_params();
	top_untouched();
	shared_break();
}

/* Put a mapping where the break would grow: the heap must go on in an
 * mmapped segment, and keep working. Right at the break if the kernel lets
 * us; qemu-user keeps the first pages past the break, so then a little
 * further up. */
#define SEG_BLOCKS 4096
static char *seg[SEG_BLOCKS];

void unit_segment(void)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t end = ((uintptr_t)sbrk(0) + page - 1) & ~(page - 1);
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_FIXED_NOREPLACE
	flags |= MAP_FIXED_NOREPLACE;
#endif
	void *block = MAP_FAILED;
	for (uintptr_t off = 0; off < 64u << 20; off += 1u << 20) {
		block = mmap((void *)(end + off), 64 * K, PROT_READ | PROT_WRITE, flags, -1, 0);
		if (block == (void *)(end + off))
			break;
		if (block != MAP_FAILED)
			munmap(block, 64 * K);
		block = MAP_FAILED;
	}
	CHECK(block != MAP_FAILED);
	if (block == MAP_FAILED) {
		printf("FAIL segment: could not map anything near the break (%p)\n", (void *)end);
		return;
	}
	size_t maps = counters().mmap_calls;
	unsigned seen = 0;
	int n = 0, ok = 1;
	while (n < SEG_BLOCKS && !(seen & PW_PATH_SEGMENT)) {
		char *p = seg[n] = malloc(20 * K);
		seen |= last_path();
		ok &= p && ((uintptr_t)p & 15) == 0;
		if (!p)
			break;
		p[0] = p[20 * K - 1] = (char)n;
		n++;
	}
	CHECK(ok);
	CHECK(seen & PW_PATH_SEGMENT);
	CHECK(counters().mmap_calls > maps);
	size_t brks = counters().brk_calls;
	for (int i = 0; i < 64; i++) {	/* more from the segment */
		char *p = malloc(20 * K);
		CHECK(p != NULL);
		free(p);
	}
	CHECK(counters().brk_calls == brks);
	for (int i = 0; i < n; i++) {
		ok &= seg[i][0] == (char)i && seg[i][20 * K - 1] == (char)i;
		free(seg[i]);
	}
	CHECK(ok);
	void *q = malloc(100);
	CHECK(q != NULL);
	free(q);
}
