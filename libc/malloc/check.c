/*
 * check.c - refuse to work on a damaged heap.
 *
 * Every free and realloc checks what it cheaply can about the chunk and its
 * neighbour before trusting them. A failed check prints one line naming the
 * problem and the pointer, then aborts: carrying on would turn one bad write
 * into silent corruption somewhere else, much later.
 */
#include "chunk.h"

_Noreturn void __malloc_fail(const char *what, const void *p)
{
	__malloc_print("pagewise malloc: %s: %p\n", what, p);
	glue_abort();
}

static int in_heap(uintptr_t a, uintptr_t end)
{
	return a >= __atomic_load_n(&M.lo, __ATOMIC_RELAXED) && end >= a &&
	       end <= __atomic_load_n(&M.hi, __ATOMIC_RELAXED);
}

static void check_mapped(struct chunk *c)
{
	size_t page = glue_page_size();
	uintptr_t base = (uintptr_t)c - c->prev_size;
	if ((c->prev_size & (ALIGN - 1)) || (base & (page - 1)) ||
	    ((c->prev_size + csize(c)) & (page - 1)) || csize(c) < MINCHUNK)
		__malloc_fail("invalid pointer or corrupted header", chunk2mem(c));
}

/* c must be an in-use chunk that malloc handed out. */
void __malloc_check_inuse(struct chunk *c)
{
	void *p = chunk2mem(c);
	if ((uintptr_t)p & (ALIGN - 1))
		__malloc_fail("invalid pointer (misaligned)", p);
	if (c->head & MMAPPED) {
		if (c->head & (FLAGS & ~(MMAPPED | PREV_INUSE)))
			__malloc_fail("corrupted header", p);
		check_mapped(c);
		return;
	}
	size_t s = csize(c);
	if (!in_heap((uintptr_t)c, (uintptr_t)c + HDR))
		__malloc_fail("invalid pointer (not from malloc)", p);
	if (in_top(c))
		__malloc_fail("double free (chunk already merged into top)", p);
	if ((c->head & (FLAGS & ~PREV_INUSE)) || s < MINCHUNK ||
	    !in_heap((uintptr_t)c, (uintptr_t)c + s + HDR))
		__malloc_fail("corrupted header (bad size)", p);
	struct chunk *next = at(c, s);
	if (next != M.top) {	/* the top has no header to check */
		size_t ns = csize(next);
		/* The fence after a retired top is 16 bytes; real chunks 32 and up. */
		if (ns < HDR || (next->head & MMAPPED) ||
		    !in_heap((uintptr_t)next, (uintptr_t)next + ns + HDR))
			__malloc_fail("corrupted next chunk (overflow past the end?)", p);
		if (!(next->head & PREV_INUSE))
			__malloc_fail("double free (or corrupted next chunk)", p);
	}
	if (!(c->head & PREV_INUSE)) {
		size_t ps = c->prev_size;
		if ((ps & (ALIGN - 1)) || ps < MINCHUNK ||
		    !in_heap((uintptr_t)c - ps, (uintptr_t)c))
			__malloc_fail("corrupted footer (prev_size)", p);
	}
}
