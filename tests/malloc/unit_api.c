/*
 * unit_api.c - the calls one by one: alignment and the header, malloc(0),
 * errno on failure, calloc, every realloc path, the memalign family,
 * malloc_usable_size, mallinfo2 and the path names.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

/* A failed realloc leaves the old block valid, which GCC 12's
 * use-after-free warning does not know. */
#if defined(__GNUC__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wuse-after-free"
#endif

#define K 1024

static int all(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

static void sizes_and_header(void)
{
	static const size_t sizes[] = { 0, 1, 7, 8, 15, 16, 17, 23, 24, 25, 31, 32,
		33, 100, 1000, 1008, 1009, 1024, 4096, 65536, 131071, 131072, 1 << 20 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t n = sizes[i];
		unsigned char *p = malloc(n);
		CHECK(p && ((uintptr_t)p & 15) == 0);
		CHECK(malloc_usable_size(p) >= n);
		CHECK(HEADER_SIZE(p) >= n && HEADER_SIZE(p) % 16 == 0);
		memset(p, 0x5a, malloc_usable_size(p));	/* every usable byte is ours */
		free(p);
	}
	void *a = malloc(0), *b = malloc(0);
	CHECK(a && b && a != b);
	free(a);
	free(b);
	CHECK(malloc_usable_size(NULL) == 0);
}

static void failures(void)
{
	errno = 0;
	CHECK(malloc(unit_huge) == NULL && errno == ENOMEM);
	errno = 0;
	CHECK(malloc(unit_huge - 15) == NULL && errno == ENOMEM);
	errno = 0;
	CHECK(malloc(unit_huge / 2) == NULL && errno == ENOMEM);
	errno = 0;
	CHECK(calloc(unit_huge / 2 + 1, 2) == NULL && errno == ENOMEM);
	char *p = malloc(100);
	memset(p, 7, 100);
	errno = 0;
	/* failed resizes leave the block alone */
	char *q = realloc(p, unit_huge);
	CHECK(q == NULL && errno == ENOMEM && all((unsigned char *)p, 100, 7));
	errno = 0;
	q = reallocarray(p, unit_huge / 4, 8);
	CHECK(q == NULL && errno == ENOMEM);
	q = reallocarray(p, 50, 4);
	CHECK(q && all((unsigned char *)q, 100, 7));
	free(q);
	/* Still a working heap after all that. */
	p = malloc(5000);
	CHECK(p != NULL);
	free(p);
}

static void zeroing(void)
{
	static const size_t sizes[] = { 1, 100, 500, 5000, 60000, 300000 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t n = sizes[i];
		unsigned char *p = malloc(n);
		memset(p, 0xaa, n);
		free(p);
		p = calloc(1, n);	/* likely the same memory, dirty */
		CHECK(p && all(p, n, 0));
		free(p);
		p = calloc(n, 3);
		CHECK(p && all(p, 3 * n, 0));
		free(p);
	}
	unsigned char *big = calloc(10, 1 << 20);	/* mmapped, fresh */
	CHECK(big && all(big, 10 << 20, 0));
	free(big);
}

static void resizing(void)
{
	/* shrink in place */
	char *p = malloc(1000), *q;
	uintptr_t old = (uintptr_t)p;
	memset(p, 3, 1000);
	q = realloc(p, 500);
	CHECK((uintptr_t)q == old && all((unsigned char *)q, 500, 3));
	CHECK(malloc_usable_size(q) < 600);	/* the tail went back */
	free(q);

	/* Two buffers grown in turns a little at a time: each blocks the
	 * other, but a move leaves room to grow, so moves are few. */
	char *v[2] = { NULL, NULL };
	int moves = 0, intact = 1;
	for (size_t n = 16; n <= 64 * K; n += 16)
		for (int j = 0; j < 2; j++) {
			char *w = realloc(v[j], n);
			moves += w != v[j];
			v[j] = w;
			w[n - 16] = (char)j;
			intact &= w[0] == (char)j && w[(n / 2) & ~(size_t)15] == (char)j;
		}
	CHECK(intact);
	CHECK(moves < 200);	/* 8192 growths */
	free(v[0]);
	free(v[1]);

	/* grow into the top chunk */
	char *keep[16];
	int n = 0;
	do
		keep[n] = malloc(60 * K);
	while (!(pw_malloc_last().path & PW_PATH_TOP) && ++n < 15);
	p = keep[n];
	old = (uintptr_t)p;
	memset(p, 4, 60 * K);
	q = realloc(p, 120 * K);
	CHECK((uintptr_t)q == old && all((unsigned char *)q, 60 * K, 4));
	CHECK(pw_malloc_last().path & PW_PATH_INPLACE);
	free(q);
	while (n--)
		free(keep[n]);

	/* grow into a free neighbour */
	char *a = malloc(2000), *b = malloc(2000), *c = malloc(2000);
	memset(a, 5, 2000);
	free(b);
	old = (uintptr_t)a;
	a = realloc(a, 3500);
	CHECK((uintptr_t)a == old && all((unsigned char *)a, 2000, 5));
	CHECK((pw_malloc_last().path & (PW_PATH_MERGE | PW_PATH_INPLACE)) ==
	      (PW_PATH_MERGE | PW_PATH_INPLACE));
	/* blocked on both sides: move and copy */
	b = malloc(100);
	char *d = realloc(a, 20000);
	CHECK(d && all((unsigned char *)d, 2000, 5) && (pw_malloc_last().path & PW_PATH_COPY));
	free(b);
	free(c);
	free(d);

	/* mapped blocks move with mremap */
	size_t remaps = pw_malloc_counters().mremap_calls;
	p = malloc(1 << 20);
	memset(p, 6, 1 << 20);
	p = realloc(p, 4 << 20);
	CHECK(p && all((unsigned char *)p, 1 << 20, 6));
	p = realloc(p, 2 << 20);
	CHECK(p && all((unsigned char *)p, 1 << 20, 6));
	CHECK(pw_malloc_counters().mremap_calls == remaps + 2);

	/* realloc(p, 0) frees and returns NULL; realloc(NULL, n) mallocs */
	size_t hblks = mallinfo2().hblks;
	CHECK(realloc(p, 0) == NULL && mallinfo2().hblks == hblks - 1);
	p = realloc(NULL, 10);
	CHECK(p != NULL);
	free(p);
}

static void aligned(void)
{
	static const size_t aligns[] = { 32, 64, 128, 256, 4096, 65536 };
	static const size_t sizes[] = { 1, 100, 5000, 200000 };
	for (size_t i = 0; i < sizeof aligns / sizeof aligns[0]; i++)
		for (size_t j = 0; j < sizeof sizes / sizeof sizes[0]; j++) {
			char *p = memalign(aligns[i], sizes[j]);
			CHECK(p && (uintptr_t)p % aligns[i] == 0);
			CHECK(malloc_usable_size(p) >= sizes[j]);
			memset(p, 1, sizes[j]);
			void *q = NULL;
			CHECK(posix_memalign(&q, aligns[i], sizes[j]) == 0 &&
			      (uintptr_t)q % aligns[i] == 0);
			char *r = aligned_alloc(aligns[i], sizes[j]);
			CHECK(r && (uintptr_t)r % aligns[i] == 0);
			free(p);
			free(r);
			free(q);
		}
	void *q = (void *)1;
	CHECK(posix_memalign(&q, 3, 10) == EINVAL && q == (void *)1);
	CHECK(posix_memalign(&q, sizeof(void *) / 2, 10) == EINVAL);
	errno = 0;
	CHECK(aligned_alloc(24, 10) == NULL && errno == EINVAL);
	char *p = memalign(24, 10);	/* rounded up to 32, as glibc does */
	CHECK(p && (uintptr_t)p % 32 == 0);
	free(p);
	long page = sysconf(_SC_PAGESIZE);
	p = valloc(10);
	CHECK(p && (uintptr_t)p % (uintptr_t)page == 0);
	free(p);
	p = pvalloc(10);
	CHECK(p && (uintptr_t)p % (uintptr_t)page == 0 && malloc_usable_size(p) >= (size_t)page);
	free(p);
}

static void info(void)
{
	struct mallinfo2 m0 = mallinfo2();
	char *p[10];
	for (int i = 0; i < 10; i++)
		p[i] = malloc(5000);
	struct mallinfo2 m1 = mallinfo2();
	CHECK(m1.uordblks >= m0.uordblks + 50000);
	CHECK(m1.arena == m1.uordblks + m1.fordblks);
	char *big = malloc(1 << 20);
	struct mallinfo2 m2 = mallinfo2();
	CHECK(m2.hblks == m1.hblks + 1 && m2.hblkhd >= m1.hblkhd + (1 << 20));
	malloc_stats();	/* to stderr; the runner checks its lines */
	struct mallinfo m = mallinfo();
	CHECK((size_t)m.hblks == m2.hblks && (size_t)m.arena == m2.arena);
	free(big);
	for (int i = 0; i < 10; i++)
		free(p[i]);
	char buf[64];
	CHECK(strcmp(pw_malloc_path_name(PW_PATH_MERGE | PW_PATH_BIN, buf, sizeof buf),
		     "bin+merge") == 0);
	CHECK(strcmp(pw_malloc_path_name(PW_PATH_TOP | PW_PATH_TRIM | PW_PATH_MERGE, buf, 10),
		     "top+trim+") == 0);
}

void unit_api(void)
{
	sizes_and_header();
	failures();
	zeroing();
	resizing();
	aligned();
	info();
}
