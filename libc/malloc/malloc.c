/*
 * malloc.c - malloc and free: the thread-cache fast path, then the lock.
 *
 * A small request first tries the calling thread's cache (a pop, no lock).
 * Everything else takes the one allocator lock and goes to arena.c (bins,
 * top, brk) or mmap_chunk.c (own mapping).
 */
#include <string.h>

#include "chunk.h"

#define TC_MAXREQ (TC_MAXCHUNK - HDR + sizeof(size_t))

/* Lock held: start the allocator on first use, forget the last path. */
static void enter(void)
{
	if (!M.ready)
		__malloc_init();
	M.last_path = 0;
	M.last_size = 0;
	M.last_trimmed = 0;
}

/* Give this thread a cache, once; outside the lock (the exit hook may
 * call into the threads library). */
static void make_tcache(void **slots)
{
	if (slots[1] || !M.use_tcache)
		return;
	slots[1] = (void *)1;
	glue_lock();
	struct tcache *tc = __malloc_tcache_create();
	glue_unlock();
	if (tc) {
		slots[0] = tc;
		glue_at_thread_exit(__malloc_thread_exit, tc);
	}
}

static void *malloc_slow(size_t n, void **slots)
{
	struct tcache *tc = slots[0];
	int clean;
	glue_lock();
	enter();
	void *p = __malloc_locked(n, &clean);
	if (p && tc && n <= TC_MAXREQ)
		__malloc_tcache_refill(tc, req2size(n));
	unsigned path = M.last_path;
	glue_unlock();
	if (M.trace)
		__malloc_trace("malloc", NULL, n, p, path);
	if (!tc)
		make_tcache(slots);
	return p;
}

void *malloc(size_t n)
{
	void **slots = glue_thread_slots();
	struct tcache *tc = slots[0];
	if (tc && n <= TC_MAXREQ) {
		size_t i = req2size(n) / ALIGN;
		struct tentry *e = tc->head[i];
		if (e) {
			tc->head[i] = e->next;
			tc->count[i]--;
			e->key = 0;
			return e;
		}
	}
	return malloc_slow(n, slots);
}

/* Is e (already marked with the key) really in this list? The key alone
 * could be user data that happens to match. */
static int cached(const struct tcache *tc, size_t i, const struct tentry *e)
{
	for (const struct tentry *x = tc->head[i]; x; x = x->next)
		if (x == e)
			return 1;
	return 0;
}

static void free_slow(struct chunk *c)
{
	glue_lock();
	enter();
	__malloc_free_locked(c);
	unsigned path = M.last_path;
	size_t size = M.last_size;
	glue_unlock();
	if (M.trace)
		__malloc_trace_free(chunk2mem(c), path, size);
}

void free(void *p)
{
	if (!p)
		return;
	if ((uintptr_t)p & (ALIGN - 1))
		__malloc_fail("free(): invalid pointer (misaligned)", p);
	struct chunk *c = mem2chunk(p);
	struct tcache *tc = glue_thread_slots()[0];
	size_t head = c->head, s = head & ~FLAGS;
	if (tc && s <= TC_MAXCHUNK && !(head & (FLAGS & ~PREV_INUSE))) {
		struct tentry *e = p;
		size_t i = s / ALIGN;
		if (e->key == TC_KEY && cached(tc, i, e))
			__malloc_fail("double free (in thread cache)", p);
		if (tc->count[i] < TC_CAP(i) && s >= MINCHUNK) {
			/* The cheap half of check_inuse: inside the heap, and the
			 * next chunk says we are in use and looks sane. */
			uintptr_t lo = __atomic_load_n(&M.lo, __ATOMIC_RELAXED);
			uintptr_t hi = __atomic_load_n(&M.hi, __ATOMIC_RELAXED);
			struct chunk *next = at(c, s);
			if ((uintptr_t)c < lo || (uintptr_t)next + HDR > hi)
				__malloc_fail("free(): invalid pointer (not from malloc)", p);
			size_t nh = next->head;
			if ((nh & ~FLAGS) < HDR || (nh & ~FLAGS) > hi - (uintptr_t)next)
				__malloc_fail("corrupted next chunk (overflow past the end?)", p);
			if (!(nh & PREV_INUSE))
				__malloc_fail("double free (or corrupted next chunk)", p);
			e->next = tc->head[i];
			e->key = TC_KEY;
			tc->head[i] = e;
			tc->count[i]++;
			return;
		}
	}
	free_slow(c);
}
