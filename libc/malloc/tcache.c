/*
 * tcache.c - a per-thread stack of recently freed small chunks.
 *
 * Most programs free and allocate small blocks of the same few sizes over
 * and over. Keeping up to TC_CAP freed chunks per 16-byte size class in a
 * singly linked list private to the thread makes that a push and a pop, with
 * no lock and no merging (glibc's tcache). The chunks stay "in use" as far as
 * the heap is concerned; half a list goes back to it, in one trip through
 * the lock, when the list is full (and a list that runs dry is stocked to
 * a quarter in one trip too), all of them when the thread exits and on
 * malloc_trim. Going back, each is checked as free() checks a block that
 * goes straight to the heap.
 */
#include <string.h>

#include "chunk.h"

/* Lock held. The cache itself is an ordinary chunk of the heap. */
struct tcache *__malloc_tcache_create(void)
{
	int clean;
	struct tcache *tc = __malloc_locked(sizeof *tc, &clean);
	if (tc) {
		memset(tc, 0, sizeof *tc);	/* once per thread: not worth skipping */
		for (unsigned i = 0; i < TC_CLASSES; i++)
			tc->room[i] = TC_CAP(i);
	}
	return tc;
}

/* Lock held. Stock the list for nb with a few more chunks, so the next
 * requests of this size are pops instead of trips through the lock: from
 * the exact-size bin when it has some, else cut from a larger free chunk or
 * the top (one split per chunk, no scan). A quarter of the list, not half:
 * a list that ran dry is as likely to fill up next as to run dry again,
 * and every chunk stocked that is then flushed made two trips for nothing
 * (the benchmark's small workload: 1% fewer instructions, same memory). */
void __malloc_tcache_refill(struct tcache *tc, size_t nb)
{
	unsigned i = (unsigned)(nb / ALIGN);
	unsigned want = TC_CAP(i) / 4;
	int clean;

	while (tc->room[i] + want > (unsigned)TC_CAP(i)) {
		struct chunk *c = M.bins[__malloc_bin_index(nb)];
		if (c && csize(c) == nb) {
			__malloc_bin_remove(c, nb);
			at(c, nb)->head |= PREV_INUSE;
		} else if (!(c = __malloc_arena_alloc(nb, &clean))) {
			break;
		}
		struct tentry *e = chunk2mem(c);
		e->next = tc->head[i];
		e->key = TC_KEY;
		tc->head[i] = e;
		tc->room[i]--;
	}
}

/* Lock held. List i keeps its first (most recently freed, likely still in
 * the CPU's cache) keep chunks; the others go back to the heap, each
 * checked in full first: free() pushed it without looking at the next
 * chunk's header, so an overflow past the block is reported here, naming
 * it, before the merge would trust that header. */
void __malloc_tcache_trim_list(struct tcache *tc, unsigned i, unsigned keep)
{
	struct tentry **link = &tc->head[i], *e;
	for (unsigned n = 0; n < keep && *link; n++)
		link = &(*link)->next;
	e = *link;
	*link = NULL;
	while (e) {
		struct tentry *next = e->next;
		e->key = 0;
		__malloc_check_inuse(mem2chunk(e));
		__malloc_arena_free(mem2chunk(e));
		tc->room[i]++;
		e = next;
	}
}

/* Lock held. Every cached chunk goes back to the heap. */
void __malloc_tcache_flush(struct tcache *tc)
{
	for (unsigned i = 0; i < TC_CLASSES; i++)
		__malloc_tcache_trim_list(tc, i, 0);
}

size_t __malloc_tcache_bytes(const struct tcache *tc, size_t *count)
{
	size_t bytes = 0, n = 0;
	for (unsigned i = 0; tc && i < TC_CLASSES; i++) {
		size_t k = TC_CAP(i) - tc->room[i];
		n += k;
		bytes += k * i * ALIGN;
	}
	*count = n;
	return bytes;
}

/* The thread is going away: its cache and the chunks in it go back. From
 * now on this thread's calls take the locked path. */
void __malloc_thread_exit(void *arg)
{
	struct tcache *tc = arg;
	void **slots = glue_thread_slots();
	slots[0] = NULL;
	slots[1] = (void *)2;
	glue_lock();
	__malloc_tcache_flush(tc);
	__malloc_free_locked(mem2chunk(tc));
	glue_unlock();
}
