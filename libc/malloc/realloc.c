/*
 * realloc.c - resize in place when the neighbours allow, else move.
 *
 * Shrinking splits off the tail. Growing takes the next chunk when it is
 * free, or extends into the top. A block with its own mapping is resized
 * with mremap, which moves page table entries instead of copying bytes.
 * Only when none of that works is the data copied to a new block.
 *
 * A block that has to move to grow gets a quarter more than asked (room()),
 * and a later realloc that fits keeps it as it is, so a buffer grown a few
 * bytes at a time is copied O(log n) times. Without the room, buffers that
 * grow in turns block each other and are copied at almost every step. The
 * room costs address space, not memory: nothing writes to it until the
 * buffer grows into it.
 *
 * realloc(p, 0) frees p and returns NULL (glibc does the same; C23 leaves
 * it undefined), realloc(NULL, n) is malloc(n), and a failed realloc leaves
 * the old block untouched.
 */
#include <string.h>

#include "chunk.h"

/* A request with room to grow: n plus a quarter, if that stays sane. Not
 * for blocks that get a mapping of their own: mremap grows those without
 * copying. */
static size_t room(size_t n)
{
	size_t r = n + n / 4;
	return r > MAX_REQUEST || n >= M.mmap_threshold ? n : r;
}

/* Lock held, c checked, heap chunk: try to make c hold nb where it is
 * (nb at least; up to want when the free neighbour has that much). */
static int grow_in_place(struct chunk *c, size_t nb, size_t want)
{
	size_t s = csize(c);
	struct chunk *next = at(c, s);
	if (next == M.top) {
		if (M.top_size < nb - s + MINCHUNK && M.top_end == M.brk_end)
			__malloc_grow_top(nb - s);
		next = at(c, s);
		if (next != M.top || M.top_size < nb - s + MINCHUNK)
			return 0;
		size_t ts = M.top_size;
		__malloc_populate((char *)next, (char *)c + nb + HDR);
		c->head = nb | (c->head & PREV_INUSE);
		__malloc_set_top(at(c, nb), s + ts - nb);
		note(PW_PATH_TOP);
		return 1;
	}
	size_t ns = csize(next);
	if (prev_inuse(at(next, ns)) || s + ns < nb)
		return 0;
	__malloc_bin_remove(next, ns);
	c->head = (s + ns) | (c->head & PREV_INUSE);
	at(c, s + ns)->head |= PREV_INUSE;
	note(PW_PATH_MERGE);
	__malloc_split(c, s + ns >= want ? want : nb);
	return 1;
}

static void *resize_locked(void *p, size_t n)
{
	struct chunk *c = mem2chunk(p);
	size_t nb = req2size(n);
	__malloc_check_inuse(c);

	if (c->head & MMAPPED) {
		struct chunk *r = __malloc_mmap_resize(c, nb);
		if (r)
			return chunk2mem(r);
		if (usable(c) >= n)
			return p;
	} else if (csize(c) >= nb) {
		/* Room left by an earlier move stays; a real shrink splits. */
		if (csize(c) - nb > nb / 4)
			__malloc_split(c, nb);
		note(PW_PATH_INPLACE);
		return p;
	} else if (grow_in_place(c, nb, req2size(room(n)))) {
		note(PW_PATH_INPLACE);
		return p;
	}

	int clean;
	void *q = __malloc_locked(n > usable(c) ? room(n) : n, &clean);
	if (!q)
		return NULL;
	size_t keep = usable(c);
	memcpy(q, p, keep < n ? keep : n);
	__malloc_free_locked(c);
	note(PW_PATH_COPY);
	return q;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	if (!n) {
		free(p);
		return NULL;
	}
	if ((uintptr_t)p & (ALIGN - 1))
		__malloc_fail("realloc(): invalid pointer (misaligned)", p);
	if (n > MAX_REQUEST) {
		glue_set_enomem();
		return NULL;
	}
	glue_lock();
	if (!M.ready)
		__malloc_init();
	M.last_path = 0;
	M.last_trimmed = 0;
	void *q = resize_locked(p, n);
	unsigned path = M.last_path;
	glue_unlock();
	if (M.trace)
		__malloc_trace("realloc", p, n, q, path);
	return q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	size_t total;
	if (__builtin_mul_overflow(n, size, &total)) {
		glue_set_enomem();
		return NULL;
	}
	return realloc(p, total);
}
