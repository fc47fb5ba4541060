/*
 * unit.h - a minimal test harness: CHECK counts, and prints what failed.
 *
 * The unit tests use only standard C, POSIX and <malloc.h>, so the same
 * files build as a pagewise user program.
 */
#ifndef PW_UNIT_H
#define PW_UNIT_H

#include <stddef.h>
#include <stdio.h>

extern int unit_passed, unit_failed;

#define CHECK(cond) do {						\
	if (cond) {							\
		unit_passed++;						\
	} else {							\
		unit_failed++;						\
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
	}								\
} while (0)

/* Sizes of the chunk behind a pointer, read from its 16-byte header. */
static inline size_t HEADER_SIZE(const void *p)
{
	/* volatile: the compiler would call this a read of uninitialized
	 * memory, which it is, from the program's point of view. */
	const volatile size_t *h = (const volatile size_t *)p - 1;
	return *h & ~(size_t)15;
}

/* Sizes the compiler must not see as constants (it warns about them). */
extern volatile size_t unit_huge;	/* SIZE_MAX */

void unit_heap(void);	/* unit_heap.c: seed scenario, thresholds, trim */
void unit_api(void);	/* unit_api.c: alignment, calloc, realloc, errno */
void unit_segment(void);	/* unit_heap.c: brk blocked -> mmapped heap; last */

#endif
