/*
 * <malloc.h> - pagewise's allocator: the standard calls, glibc's tuning and
 * statistics calls (same names, same mallopt numbers), and a window onto
 * what the allocator just did, for demos and tests.
 *
 * realloc(p, 0) with p != NULL frees p and returns NULL, as glibc does.
 */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void *reallocarray(void *ptr, size_t nmemb, size_t size);
void *memalign(size_t alignment, size_t size);
void *valloc(size_t size);
void *pvalloc(size_t size);
void *aligned_alloc(size_t alignment, size_t size);
int posix_memalign(void **memptr, size_t alignment, size_t size);
size_t malloc_usable_size(void *ptr);

/* mallopt parameters, glibc's numbers (mallopt(3)). */
#define M_TRIM_THRESHOLD (-1)	/* free top memory above this goes back to the kernel */
#define M_TOP_PAD (-2)		/* extra bytes asked of brk, and kept on trim */
#define M_MMAP_THRESHOLD (-3)	/* requests this big get their own mmap */
#define M_MMAP_MAX (-4)		/* at most this many mmapped blocks at once */
int mallopt(int param, int value);

int malloc_trim(size_t pad);
void malloc_stats(void);

struct mallinfo2 {
	size_t arena;		/* bytes obtained with brk (or mmapped heap segments) */
	size_t ordblks;		/* free chunks in bins */
	size_t smblks;		/* chunks in the calling thread's cache */
	size_t hblks;		/* mmapped blocks */
	size_t hblkhd;		/* bytes in mmapped blocks */
	size_t usmblks;		/* always 0, as in glibc */
	size_t fsmblks;		/* bytes in the calling thread's cache */
	size_t uordblks;	/* bytes in use in the heap */
	size_t fordblks;	/* free bytes in the heap (bins and top) */
	size_t keepcost;	/* size of the top chunk: what trim could release */
};

struct mallinfo {
	int arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks;
	int uordblks, fordblks, keepcost;
};

struct mallinfo2 mallinfo2(void);
struct mallinfo mallinfo(void);

/*
 * What the allocator did: the path of the last malloc/free/realloc that took
 * the lock (thread-cache hits are not recorded: set PAGEWISE_MALLOC_TCACHE=0
 * to see every call), and counters of the system calls it made.
 */
#define PW_PATH_TCACHE  0x001	/* served from / kept in the thread cache */
#define PW_PATH_BIN     0x002	/* taken from / kept in a bin */
#define PW_PATH_TOP     0x004	/* carved from / merged into the top chunk */
#define PW_PATH_BRK     0x008	/* the break was moved up */
#define PW_PATH_MMAP    0x010	/* a block got its own mapping */
#define PW_PATH_MUNMAP  0x020	/* a block's mapping was removed */
#define PW_PATH_TRIM    0x040	/* the break was moved down */
#define PW_PATH_MERGE   0x080	/* the freed chunk merged with free neighbours */
#define PW_PATH_MREMAP  0x100	/* a mapped block was resized with mremap */
#define PW_PATH_INPLACE 0x200	/* realloc kept the block where it was */
#define PW_PATH_COPY    0x400	/* realloc moved the data to a new block */
#define PW_PATH_SEGMENT 0x800	/* brk failed: the heap went on in an mmap */

struct pw_malloc_last {
	unsigned path;		/* PW_PATH_* bits */
	size_t size;		/* the chunk size involved (after merging, for free) */
	size_t trimmed;		/* bytes given back by a trim */
};

struct pw_malloc_counters {
	size_t brk_calls;	/* sbrk calls that moved the break (up or down) */
	size_t mmap_calls;
	size_t munmap_calls;
	size_t mremap_calls;
	size_t madvise_calls;
	size_t trims;		/* times the break was moved down */
	size_t mmap_threshold;	/* current value (it adapts, see mallopt(3)) */
	size_t trim_threshold;
	size_t top_pad;		/* current value (it follows the mmap threshold up) */
};

struct pw_malloc_last pw_malloc_last(void);
struct pw_malloc_counters pw_malloc_counters(void);
/* Writes the names of the path bits ("bin+merge+top+trim") into buf. */
char *pw_malloc_path_name(unsigned path, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
