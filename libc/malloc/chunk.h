/*
 * chunk.h - the shape of the heap, shared by the policy files.
 *
 * Every block handed out sits right after a 16-byte header:
 *
 *   chunk -> +------------------------------+
 *            | prev_size (if previous free) |  belongs to the previous
 *            | [pad on 32-bit]              |  chunk's data while it is in use
 *            | head: size | flags           |  <- ((size_t *)p)[-1]
 *      p  -> +------------------------------+
 *            | user data ... (fd, bk, when free)
 *   next  -> +------------------------------+
 *
 * Sizes are multiples of 16, so the low 4 bits of head carry flags. A chunk
 * does not record whether it is itself in use: the next chunk's PREV_INUSE
 * bit does (dlmalloc's boundary tags). A free chunk repeats its size in the
 * next chunk's prev_size, which is how free() finds the chunk to merge with.
 *
 * The top chunk is the exception: its size lives in M.top_size, and nothing
 * in the heap at its address is ever written or read. Carving a block off
 * the top then writes only the block's own header, and freeing the block
 * back reads nothing past its end: a 200 KiB block that is malloc'ed, used
 * and freed in a loop costs no touch of the page after it (a TLB miss, and
 * a page fault the first time).
 */
#ifndef PW_MALLOC_CHUNK_H
#define PW_MALLOC_CHUNK_H

#include <stddef.h>
#include <stdint.h>

#include "glue.h"
#include "../include/malloc.h"

struct chunk {
	size_t prev_size;
#if SIZE_MAX == 0xffffffffu
	size_t pad[2];		/* keep the header 16 bytes on 32-bit */
#endif
	size_t head;
	struct chunk *fd, *bk;	/* only while free and in a bin */
};

#define HDR 16u
#define ALIGN 16u
#define PREV_INUSE ((size_t)1)
#define MMAPPED ((size_t)2)
#define FLAGS ((size_t)15)
#define MINCHUNK ((size_t)32)
/* Bytes at the end of a heap segment that is not the last: a fake in-use
 * chunk and a terminating header, so merging never walks off the end. */
#define FENCE ((size_t)32)

_Static_assert(sizeof(struct chunk) == HDR + 2 * sizeof(void *), "header is 16 bytes");
_Static_assert(offsetof(struct chunk, head) == HDR - sizeof(size_t), "size sits right before the pointer");

/* Largest request: leaves room for rounding and alignment without overflow. */
#define MAX_REQUEST ((size_t)PTRDIFF_MAX - 1024 * 1024)

#define chunk2mem(c) ((void *)((char *)(c) + HDR))
#define mem2chunk(p) ((struct chunk *)((char *)(p) - HDR))
#define csize(c) ((c)->head & ~FLAGS)
#define at(c, off) ((struct chunk *)((char *)(c) + (off)))

/* Chunk size for a request: header plus data, where the last word of data
 * may overlap the next chunk's prev_size (it is unused while we are). */
static inline size_t req2size(size_t n)
{
	size_t s = (n + HDR - sizeof(size_t) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	return s < MINCHUNK ? MINCHUNK : s;
}

static inline size_t usable(const struct chunk *c)
{
	return (c->head & MMAPPED) ? csize(c) - HDR
				   : csize(c) - HDR + sizeof(size_t);
}

/* Bins: 64 exact ones below 1 KiB, then 4 per power of two. */
#define NSMALL 64
#define NBINS (NSMALL + 4 * (8 * sizeof(size_t) - 10))
#define MAPWORDS ((NBINS + 31) / 32)
_Static_assert(MAPWORDS <= 32, "one word says which map words are in use");

/* Thread cache: chunks up to TC_MAXCHUNK, one singly linked list per size. */
#define TC_MAXCHUNK ((size_t)1024)
#define TC_CLASSES (TC_MAXCHUNK / ALIGN + 1)

/* An entry of the thread cache lives in the user part of an in-use chunk;
 * key marks it as cached, so a second free of it is caught. */
struct tentry {
	struct tentry *next;
	uintptr_t key;
};

/* room counts down from the list's cap: free tests one number for zero. */
struct tcache {
	struct tentry *head[TC_CLASSES];
	uint16_t room[TC_CLASSES];
};

/* 32 chunks of up to 256 bytes, 8 of the bigger ones: more lets a size
 * go longer between trips through the lock, and keeps more memory idle. */
#define TC_CAP(i) ((i) <= 16 ? 32 : 8)
#define TC_KEY ((uintptr_t)0x7a3c5e1f9b2d4c61ull)

struct mstate {
	int ready;
	int trace;
	int use_tcache;
	int mmap_threshold_fixed;

	struct chunk *bins[NBINS];
	uint32_t binmap[MAPWORDS];
	uint32_t mapmap;	/* bit w: binmap[w] is not zero */

	struct chunk *top;	/* the wilderness; always at least MINCHUNK */
	size_t top_size;	/* its size (it has no header in memory) */
	char *top_end;		/* end of the segment the top lives in */
	char *clean_from;	/* top memory at and above this is still zero */
	char *populated;	/* top memory below this was made resident */
	char *brk_start;	/* the brk heap: [brk_start, brk_end) */
	char *brk_end;
	uintptr_t lo, hi;	/* every heap segment lies in [lo, hi) */

	size_t mmap_threshold, trim_threshold, top_pad, mmap_max;
	size_t top_pad_set;	/* M_TOP_PAD as set (or its default); top_pad may be more */
	size_t trim_given;	/* given back by trims since the break last grew */
	size_t regrown;		/* the break grew this much since then */

	size_t heap_bytes;	/* obtained for the heap (brk and segments) */
	size_t mmapped_bytes, n_mmapped, max_mmapped_bytes, max_n_mmapped;

	struct pw_counters {
		size_t brk_calls, mmap_calls, munmap_calls, mremap_calls;
		size_t madvise_calls, trims;
	} count;
	unsigned last_path;
	size_t last_size, last_trimmed;
};

extern struct mstate __malloc_state;
#define M __malloc_state

/* Does n, a heap chunk's successor, say that the chunk is in use? The top
 * has no header to say it, and always follows an in-use chunk (a free one
 * would have merged into it). */
static inline int prev_inuse(const struct chunk *n)
{
	return n == M.top || (n->head & PREV_INUSE);
}

/* Is c inside the top (freed into it already)? free's fast path asks
 * without the lock: the top is stored with relaxed atomics for it, and a
 * stale answer only sends a free down the slow path, or misses a check. */
static inline int in_top(const struct chunk *c)
{
	uintptr_t t = (uintptr_t)__atomic_load_n(&M.top, __ATOMIC_RELAXED);
	return (uintptr_t)c - t < __atomic_load_n(&M.top_size, __ATOMIC_RELAXED);
}

/* bins.c */
unsigned __malloc_bin_index(size_t size);
void __malloc_bin_insert(struct chunk *c, size_t size);
void __malloc_bin_remove(struct chunk *c, size_t size);
struct chunk *__malloc_bin_take(size_t nb);

/* heap.c */
void __malloc_init(void);
struct chunk *__malloc_from_top(size_t nb, int *clean);
void __malloc_set_top(struct chunk *t, size_t size);
void __malloc_populate(char *start, char *end);
int __malloc_trim_top(size_t pad);
int __malloc_grow_top(size_t nb);
size_t __malloc_threshold_max(void);

/* arena.c */
struct chunk *__malloc_arena_alloc(size_t nb, int *clean);
void __malloc_arena_free(struct chunk *c);
void __malloc_split(struct chunk *c, size_t nb);
void *__malloc_locked(size_t n, int *clean);
void __malloc_free_locked(struct chunk *c);

/* mmap_chunk.c */
struct chunk *__malloc_mmap_alloc(size_t nb);
void __malloc_mmap_free(struct chunk *c);
struct chunk *__malloc_mmap_resize(struct chunk *c, size_t nb);

/* tcache.c */
struct tcache *__malloc_tcache_create(void);
void __malloc_tcache_flush(struct tcache *tc);
void __malloc_tcache_trim_list(struct tcache *tc, unsigned i, unsigned keep);
void __malloc_tcache_refill(struct tcache *tc, size_t nb);
void __malloc_thread_exit(void *tc);
size_t __malloc_tcache_bytes(const struct tcache *tc, size_t *count);

/* check.c */
_Noreturn void __malloc_fail(const char *what, const void *p);
void __malloc_check_inuse(struct chunk *c);

/* info.c */
void __malloc_params_from_env(void);

/* trace.c */
void __malloc_trace(const char *op, const void *p, size_t n, const void *ret, unsigned path);
void __malloc_trace_free(const void *p, unsigned path, size_t size);
void __malloc_print(const char *fmt, ...);

static inline void note(unsigned path)
{
	M.last_path |= path;
}

#endif
