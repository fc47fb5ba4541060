/*
 * demo-header's claim (seed article 004): every block has a 16-byte header right
 * before it; its last word is the chunk size (n + 12 rounded up to 16, at least 32;
 * a whole page-rounded mapping for mmapped blocks) with flag bits PREV_INUSE (1) and
 * MMAPPED (2). free reads it, and records a freed chunk's size in the next chunk's
 * prev_size (the header's first word), clearing that chunk's PREV_INUSE.
 */
#include "demotest.h"

/* The word n words before p; the asm hides where the address came from (see demo-header). */
static size_t before(const void *p, int n)
{
	uintptr_t a = (uintptr_t)p - (uintptr_t)n * sizeof(size_t);

	__asm__("" : "+r"(a));
	return *(const size_t *)a;
}

int main(int argc, char **argv)
{
	static const size_t n[] = { 1, 20, 24, 100, 1000, 5000 };
	static const size_t want[] = { 32, 32, 48, 112, 1024, 5024 };
	char *p, *q, *next;

	demo_putenv_early("PAGEWISE_MALLOC_TCACHE=0");
	check_init(argc, argv);
	section("the size word before each block");
	CHECK_EQ(sizeof(size_t) * 4, 16);
	for (int i = 0; i < 6; i++) {
		p = malloc(n[i]);
		use(p);
		CHECK_EQ((uintptr_t)p % 16, 0);
		CHECK_EQ(before(p, 1), want[i] | 1);
		CHECK_EQ(malloc_usable_size(p), want[i] - 12);
		/* kept in use on purpose: each one's neighbour below is in use */
	}
	p = malloc(200 * K);
	use(p);
	CHECK_EQ(before(p, 1), (200 * K + 4096) | 2);	/* 200K + 16 rounded up to pages */
	free(p);

	section("free records the size for the next chunk");
	q = malloc(2000);
	next = malloc(64);
	use(q);
	use(next);
	CHECK_EQ(before(next, 1), 80 | 1);
	free(q);
	CHECK_EQ(pw_malloc_last().path, PW_PATH_BIN);
	CHECK_EQ(pw_malloc_last().size, 2016);
	CHECK_EQ(before(next, 1), 80);			/* PREV_INUSE clear */
	CHECK_EQ(before(next, 4), 2016);		/* prev_size = q's size */
	free(next);
	CHECK_EQ(pw_malloc_last().path, PW_PATH_MERGE | PW_PATH_TOP);
	CHECK_EQ(pw_malloc_last().size, 2016 + 80);
	return check_done();
}
