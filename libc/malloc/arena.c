/*
 * arena.c - allocating and freeing chunks of the heap (lock held).
 *
 * malloc looks in the bins, then carves the top; free merges the chunk with
 * free neighbours on both sides (boundary tags), then either bins it or,
 * when it touches the top, lets the top swallow it and maybe trims. So with
 * A=30K, B=40K, D=100K in a row, free(B) then free(D) leaves one 140K chunk.
 */
#include <string.h>

#include "chunk.h"

/* Take a free chunk out of the bins, cut it to nb, bin the rest. */
static struct chunk *from_bins(size_t nb)
{
	struct chunk *c = __malloc_bin_take(nb);
	if (!c)
		return NULL;
	size_t s = csize(c);
	if (s - nb >= MINCHUNK) {
		struct chunk *r = at(c, nb);
		c->head = nb | (c->head & PREV_INUSE);
		r->head = (s - nb) | PREV_INUSE;
		at(r, s - nb)->prev_size = s - nb;
		__malloc_bin_insert(r, s - nb);
	} else {
		at(c, s)->head |= PREV_INUSE;
	}
	note(PW_PATH_BIN);
	return c;
}

struct chunk *__malloc_arena_alloc(size_t nb, int *clean)
{
	struct chunk *c = from_bins(nb);
	if (c) {
		*clean = 0;
		return c;
	}
	return __malloc_from_top(nb, clean);
}

/* Free an in-use heap chunk (already checked by the caller). */
void __malloc_arena_free(struct chunk *c)
{
	size_t s = csize(c);
	struct chunk *next = at(c, s);

	if (!(c->head & PREV_INUSE)) {
		size_t ps = c->prev_size;
		struct chunk *prev = at(c, -ps);
		if (csize(prev) != ps)
			__malloc_fail("corrupted size vs. prev_size", chunk2mem(c));
		__malloc_bin_remove(prev, ps);
		c = prev;
		s += ps;
		note(PW_PATH_MERGE);
	}
	if (next == M.top) {
		M.last_size = s;
		__malloc_set_top(c, s + M.top_size);
		note(PW_PATH_TOP);
		if (M.top_size >= M.trim_threshold)
			__malloc_trim_top(M.top_pad);
		return;
	}
	size_t ns = csize(next);
	if (!prev_inuse(at(next, ns))) {
		__malloc_bin_remove(next, ns);
		s += ns;
		note(PW_PATH_MERGE);
	} else {
		next->head &= ~PREV_INUSE;
	}
	c->head = s | PREV_INUSE;
	at(c, s)->prev_size = s;
	__malloc_bin_insert(c, s);
	M.last_size = s;
	note(PW_PATH_BIN);
}

/* Shrink an in-use heap chunk to nb, freeing the tail if it is worth it. */
void __malloc_split(struct chunk *c, size_t nb)
{
	size_t s = csize(c);
	if (s - nb < MINCHUNK)
		return;
	struct chunk *r = at(c, nb);
	c->head = nb | (c->head & PREV_INUSE);
	r->head = (s - nb) | PREV_INUSE;
	__malloc_arena_free(r);
}

/* malloc with the lock held: mmap for big requests, else the heap. */
void *__malloc_locked(size_t n, int *clean)
{
	struct chunk *c;
	if (n > MAX_REQUEST) {
		glue_set_enomem();
		return NULL;
	}
	size_t nb = req2size(n);
	if (nb >= M.mmap_threshold && (c = __malloc_mmap_alloc(nb))) {
		*clean = 1;
		return chunk2mem(c);
	}
	c = __malloc_arena_alloc(nb, clean);
	if (!c) {
		glue_set_enomem();
		return NULL;
	}
	M.last_size = csize(c);
	return chunk2mem(c);
}

/* free with the lock held: checks, then the mapping or the heap. */
void __malloc_free_locked(struct chunk *c)
{
	__malloc_check_inuse(c);
	if (c->head & MMAPPED)
		__malloc_mmap_free(c);
	else
		__malloc_arena_free(c);
}
