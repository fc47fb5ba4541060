/*
 * malloc.c - malloc and free: the thread-cache fast path, then the lock.
 *
 * A small request first tries the calling thread's cache (a pop, no lock).
 * Everything else takes the one allocator lock and goes to arena.c (bins,
 * top, brk) or mmap_chunk.c (own mapping).
 *
 * The fast paths are a handful of instructions with no stack frame; every
 * slower case is a separate function they jump to (noinline, so the
 * compiler does not make the fast path save registers for it).
 */
#include <string.h>

#include "chunk.h"

#define TC_MAXREQ (TC_MAXCHUNK - HDR + sizeof(size_t))
#define SLOW __attribute__((noinline, cold))

/* Lock held: start the allocator on first use, forget the last path. */
static void enter(void)
{
	if (!M.ready)
		__malloc_init();
	M.last_path = 0;
	M.last_size = 0;
	M.last_trimmed = 0;
}

/* Give this thread a cache, once, before its first block: the cache is
 * then not right after a block of the program's, where an overflow of
 * that block would break the cache's lists before any check could see it
 * (glibc's is the first chunk of its arena for the same reason). Outside
 * the lock: the exit hook may call into the threads library. */
static void make_tcache(void **slots)
{
	if (slots[1])
		return;
	slots[1] = (void *)1;
	glue_lock();
	if (!M.ready)
		__malloc_init();
	struct tcache *tc = M.use_tcache ? __malloc_tcache_create() : NULL;
	glue_unlock();
	if (tc) {
		slots[0] = tc;
		glue_at_thread_exit(__malloc_thread_exit, tc);
	}
}

static SLOW void *malloc_slow(size_t n)
{
	void **slots = glue_thread_slots();
	if (!slots[0])
		make_tcache(slots);
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
	return p;
}

void *malloc(size_t n)
{
	struct tcache *tc = glue_thread_slots()[0];
	if (__builtin_expect(tc != NULL, 1) && n <= TC_MAXREQ) {
		size_t i = req2size(n) / ALIGN;
		struct tentry *e = tc->head[i];
		if (__builtin_expect(e != NULL, 1)) {
			tc->head[i] = e->next;
			tc->room[i]++;
			e->key = 0;
			return e;
		}
	}
	return malloc_slow(n);
}

static SLOW void free_slow(struct chunk *c)
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

/* Is e (marked with the key) really in this list? The key alone could be
 * user data that happens to match; then it is an ordinary free. */
static SLOW void free_keyed(struct tcache *tc, size_t i, struct tentry *e)
{
	for (const struct tentry *x = tc->head[i]; x; x = x->next)
		if (x == e)
			__malloc_fail("double free (in thread cache)", e);
	e->key = 0;
	free(e);
}

/* The list for this size is full: half of it goes back to the heap in one
 * trip through the lock, then e joins the rest. */
static SLOW void free_flush(struct tcache *tc, size_t i, struct tentry *e)
{
	glue_lock();
	enter();
	__malloc_tcache_trim_list(tc, (unsigned)i, TC_CAP(i) / 2);
	glue_unlock();
	e->next = tc->head[i];
	e->key = TC_KEY;
	tc->head[i] = e;
	tc->room[i]--;
}

/* NULL, a misaligned pointer, or no cache for this thread. */
static SLOW void free_odd(void *p)
{
	if (!p)
		return;
	if ((uintptr_t)p & (ALIGN - 1))
		__malloc_fail("free(): invalid pointer (misaligned)", p);
	free_slow(mem2chunk(p));
}

void free(void *p)
{
	struct tcache *tc = glue_thread_slots()[0];
	if (__builtin_expect(!tc || !p || ((uintptr_t)p & (ALIGN - 1)), 0)) {
		free_odd(p);
		return;
	}
	struct chunk *c = mem2chunk(p);
	size_t head = c->head, s = head & ~FLAGS;
	if (s > TC_MAXCHUNK || s < MINCHUNK || (head & (FLAGS & ~PREV_INUSE))) {
		free_slow(c);
		return;
	}
	/* The part of check_inuse that needs nothing but this header and the
	 * allocator's bounds: inside the heap, and not inside the top (a chunk
	 * freed twice, merged into the top in between). The next chunk's
	 * header, which an overflow past this block would have broken, is not
	 * read here: it is another cache line, a miss on most frees. It is
	 * checked when the chunk leaves the cache for the heap (tcache.c). */
	uintptr_t lo = __atomic_load_n(&M.lo, __ATOMIC_RELAXED);
	uintptr_t hi = __atomic_load_n(&M.hi, __ATOMIC_RELAXED);
	if ((uintptr_t)c < lo || (uintptr_t)at(c, s) + HDR > hi || in_top(c)) {
		free_slow(c);
		return;
	}
	struct tentry *e = p;
	size_t i = s / ALIGN;
	if (__builtin_expect(e->key == TC_KEY, 0)) {
		free_keyed(tc, i, e);
		return;
	}
	if (__builtin_expect(!tc->room[i], 0)) {
		free_flush(tc, i, e);
		return;
	}
	e->next = tc->head[i];
	e->key = TC_KEY;
	tc->head[i] = e;
	tc->room[i]--;
}
