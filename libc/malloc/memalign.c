/*
 * memalign.c - blocks aligned beyond 16 bytes.
 *
 * Allocate alignment + MINCHUNK more than asked, find the first aligned
 * address at least MINCHUNK into the block, and give the bytes before it
 * back as a free chunk (for a mapped block, just move the header forward:
 * prev_size remembers the gap). The tail is trimmed as realloc would.
 */
#include <errno.h>

#include "chunk.h"

static int pow2(size_t a)
{
	return a && !(a & (a - 1));
}

static void *aligned(size_t align, size_t n)
{
	if (align <= ALIGN)
		return malloc(n);
	if (n > MAX_REQUEST || align > MAX_REQUEST / 2) {
		glue_set_enomem();
		return NULL;
	}
	size_t nb = req2size(n);
	int clean;
	glue_lock();
	if (!M.ready)
		__malloc_init();
	M.last_path = 0;
	char *p = __malloc_locked(nb + align + MINCHUNK, &clean);
	if (p) {
		struct chunk *c = mem2chunk(p);
		if ((uintptr_t)p & (align - 1)) {
			char *ap = (char *)(((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1));
			if ((size_t)(ap - p) < MINCHUNK)
				ap += align;
			struct chunk *ac = mem2chunk(ap);
			size_t gap = (size_t)(ap - p);
			if (c->head & MMAPPED) {
				ac->prev_size = c->prev_size + gap;
				ac->head = (csize(c) - gap) | MMAPPED;
			} else {
				ac->head = (csize(c) - gap) | PREV_INUSE;
				c->head = gap | (c->head & PREV_INUSE);
				__malloc_arena_free(c);
			}
			c = ac;
			p = ap;
		}
		if (!(c->head & MMAPPED))
			__malloc_split(c, nb);
	}
	unsigned path = M.last_path;
	glue_unlock();
	if (M.trace)
		__malloc_trace("memalign", NULL, n, p, path);
	return p;
}

/* glibc rounds a non-power-of-two alignment up (malloc(3)). */
void *memalign(size_t align, size_t n)
{
	if (align > MAX_REQUEST / 2) {
		glue_set_einval();
		return NULL;
	}
	while (!pow2(align) && align)
		align += align & -align;
	return aligned(align, n);
}

/* C11: a power of two, or EINVAL (glibc 2.38 and later agree). */
void *aligned_alloc(size_t align, size_t n)
{
	if (!pow2(align)) {
		glue_set_einval();
		return NULL;
	}
	return aligned(align, n);
}

/* POSIX: the error is returned, errno is left alone, *out only on success. */
int posix_memalign(void **out, size_t align, size_t n)
{
	if (!pow2(align) || align % sizeof(void *))
		return EINVAL;
	void *p = aligned(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *valloc(size_t n)
{
	return aligned(glue_page_size(), n);
}

/* Whole pages: the size is rounded up to a page multiple (0 -> one page). */
void *pvalloc(size_t n)
{
	size_t page = glue_page_size();
	if (n > MAX_REQUEST) {
		glue_set_enomem();
		return NULL;
	}
	n = n ? (n + page - 1) & ~(page - 1) : page;
	return aligned(page, n);
}
