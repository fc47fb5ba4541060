/*
 * heap.c - the top chunk ("wilderness") and where its memory comes from.
 *
 * The top chunk is the free space at the end of the heap. It grows with brk;
 * when brk fails (a mapping in the way, RLIMIT_DATA) the heap goes on in an
 * mmapped segment and the old top is retired behind a fence. When more than
 * M_TRIM_THRESHOLD is free at the top of the brk heap, the break moves back
 * down, keeping M_TOP_PAD (glibc's systrim).
 *
 * Like the mmap threshold, the trim threshold adapts until mallopt sets a
 * parameter. When the trims gave back more than the heap kept (the program
 * emptied it) and the break then has to grow again by at least half of
 * that, giving it back was wasted work (a system call now, and a page fault
 * for every page later): the threshold rises to twice that amount, at most
 * to glibc's largest dynamic trim threshold. A program that frees
 * everything and builds it up again, round after round, then keeps its
 * pages, and its peak RSS is the same either way. Smaller ups and downs at
 * the top of a full heap still trim as glibc does: there the trims are what
 * keeps the pages a program no longer touches out of its RSS.
 *
 * Carving small blocks off the top walks into fresh pages one at a time,
 * and each costs a page fault (a trap, and in a virtual machine far more:
 * 10 us against 0.5 us per page populated in one call, measured on the
 * benchmark machine). So when a small block reaches past the pages made
 * resident so far, the next stretch of the top is populated in one call,
 * as the kernel's fault-around does for file pages. The stretch is 1/256
 * of the heap in whole pages, at most 32 KiB: what is resident and not
 * yet used stays under 0.4% of the heap, and a heap under 1 MiB gets no
 * stretch at all (its few faults cost less than the pages would: with
 * 8 KiB there, the benchmark's small workload peaked 6 KiB above glibc's
 * 1000 KiB, for 3% of its time; the 37 MiB fragment workload is 35% faster
 * with it). Only blocks up to POPULATE_MAX_BLOCK (a quarter page) ask for
 * it: a bigger block may be used sparsely, and its untouched pages should
 * not count in the RSS. (With 32 KiB there, the fragment workload, which
 * writes the first 64 bytes of blocks up to 7 KiB, had 72 KiB more resident
 * in its heap.)
 */
#include "chunk.h"

struct mstate __malloc_state;

/* glibc's DEFAULT_MMAP_THRESHOLD_MAX: how far the dynamic threshold climbs */
#define MMAP_THRESHOLD_MAX (sizeof(long) == 8 ? (size_t)32 << 20 : (size_t)512 << 10)
#define SEGMENT_MIN ((size_t)256 << 10)
#define POPULATE_MAX_BLOCK ((size_t)1 << 10)
#define POPULATE_MAX ((size_t)32 << 10)

static int env_on(const char *name, int dflt)
{
	const char *v = glue_getenv(name);
	if (!v || !*v)
		return dflt;
	return *v != '0';
}

void __malloc_init(void)
{
	M.mmap_threshold = 128 * 1024;
	M.trim_threshold = 128 * 1024;
	M.top_pad = M.top_pad_set = 128 * 1024;
	M.mmap_max = 65536;
	M.trace = env_on("PAGEWISE_MALLOC_TRACE", 0);
	/* Tracing shows every call's path, so it bypasses the thread cache. */
	M.use_tcache = !M.trace && env_on("PAGEWISE_MALLOC_TCACHE", 1);
	__malloc_params_from_env();
	__atomic_store_n(&M.lo, UINTPTR_MAX, __ATOMIC_RELAXED);
	M.ready = 1;
}

size_t __malloc_threshold_max(void)
{
	return MMAP_THRESHOLD_MAX;
}

/* The break grew by n: was the last trim a waste? */
static void regrow(size_t n)
{
	if (!M.trim_given)
		return;
	M.regrown += n;
	if (M.regrown < M.trim_given / 2)
		return;
	if (M.trim_given < M.heap_bytes - M.regrown) {	/* the heap then */
		M.trim_given = 0;
		return;
	}
	size_t t = M.trim_given > MMAP_THRESHOLD_MAX ? 2 * MMAP_THRESHOLD_MAX : 2 * M.trim_given;
	if (!M.mmap_threshold_fixed && t > M.trim_threshold)
		M.trim_threshold = t;
	M.trim_given = 0;
}

/* The top now starts at t. The bytes below t + HDR are, or will be, a
 * chunk's data and header: calloc must not count on them being zero. */
void __malloc_set_top(struct chunk *t, size_t size)
{
	__atomic_store_n(&M.top, t, __ATOMIC_RELAXED);
	__atomic_store_n(&M.top_size, size, __ATOMIC_RELAXED);
	if (M.clean_from < (char *)t + HDR)
		M.clean_from = (char *)t + HDR;
}

static void cover(char *start, char *end)
{
	if ((uintptr_t)start < __atomic_load_n(&M.lo, __ATOMIC_RELAXED))
		__atomic_store_n(&M.lo, (uintptr_t)start, __ATOMIC_RELAXED);
	if ((uintptr_t)end > __atomic_load_n(&M.hi, __ATOMIC_RELAXED))
		__atomic_store_n(&M.hi, (uintptr_t)end, __ATOMIC_RELAXED);
}

/* The top can no longer grow where it is: make it an ordinary free chunk
 * followed by a fence (an in-use chunk and a terminating header), so no
 * merge ever looks past the end of its segment. */
static void retire_top(void)
{
	struct chunk *t = M.top;
	size_t ts;
	if (!t)
		return;
	ts = M.top_size;
	if (ts >= FENCE + MINCHUNK) {
		size_t fs = ts - FENCE;
		struct chunk *f = at(t, fs);
		t->head = fs | PREV_INUSE;
		f->prev_size = fs;
		f->head = HDR;			/* previous (t) is free */
		at(f, HDR)->head = PREV_INUSE;	/* f is in use */
		__malloc_bin_insert(t, fs);
	} else {
		t->head = (ts - HDR) | PREV_INUSE;
		at(t, ts - HDR)->head = PREV_INUSE;
	}
	__atomic_store_n(&M.top, NULL, __ATOMIC_RELAXED);
	__atomic_store_n(&M.top_size, 0, __ATOMIC_RELAXED);
}

static void new_top(char *start, char *end)
{
	char *a = (char *)(((uintptr_t)start + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1));
	size_t size = (size_t)(end - a) & ~(size_t)(ALIGN - 1);
	retire_top();
	M.clean_from = a;
	__malloc_set_top((struct chunk *)a, size);
	M.top_end = a + size;
	cover(a, a + size);
}

/* Make the top at least nb + MINCHUNK bytes; 0 when no memory is left. */
int __malloc_grow_top(size_t nb)
{
	size_t page = glue_page_size();
	size_t have = M.top ? M.top_size : 0;
	int contiguous = M.top && M.top_end == M.brk_end;
	size_t want = nb + MINCHUNK + M.top_pad + (contiguous ? 0 : FENCE + ALIGN);

	if (contiguous)
		want -= have < want ? have : want;
	if (want > MAX_REQUEST)
		return 0;
	want = (want + page - 1) & ~(page - 1);

	{
		/* Tried every time: a failure may be one huge request, or a
		 * mapping that has since gone away. */
		char *p = glue_sbrk((ptrdiff_t)want);
		if (p != GLUE_FAIL) {
			M.count.brk_calls++;
			M.heap_bytes += want;
			note(PW_PATH_BRK);
			regrow(want);
			if (contiguous && p == M.brk_end) {
				M.brk_end = p + want;
				M.top_end = M.brk_end;
				__malloc_set_top(M.top, have + want);
				cover(p, M.brk_end);
			} else {
				/* First call, or someone else moved the break. */
				if (!M.brk_start)
					M.brk_start = p;
				M.brk_end = p + want;
				new_top(p, p + want);
			}
			return 1;
		}
	}

	want = nb + MINCHUNK + M.top_pad + FENCE + ALIGN;
	if (want > MAX_REQUEST)
		return 0;
	want = (want + page - 1) & ~(page - 1);
	if (want < SEGMENT_MIN)
		want = SEGMENT_MIN;
	char *p = glue_map(want);
	if (p == GLUE_FAIL)
		return 0;
	M.count.mmap_calls++;
	M.heap_bytes += want;
	note(PW_PATH_SEGMENT | PW_PATH_MMAP);
	new_top(p, p + want);	/* top_end != brk_end: never trimmed with brk */
	return 1;
}

/* Bytes [start, end) of what was the top are about to be used: make them
 * and a stretch beyond resident at once, unless they already are. */
void __malloc_populate(char *start, char *end)
{
	if ((size_t)(end - start) > POPULATE_MAX_BLOCK)
		return;
	size_t page = glue_page_size();
	char *lim = M.top_end;
	if (M.populated < start || M.populated > lim)
		M.populated = (char *)((uintptr_t)start & ~(uintptr_t)(page - 1));
	if (end <= M.populated)
		return;
	size_t ahead = M.heap_bytes / 256;
	ahead = ahead > POPULATE_MAX ? POPULATE_MAX : ahead & ~(page - 1);
	if (!ahead)
		return;
	char *to = (char *)(((uintptr_t)end + ahead + page - 1) & ~(uintptr_t)(page - 1));
	if (to > lim || to < end)
		to = lim;
	if (to > M.populated)
		glue_populate(M.populated, (size_t)(to - M.populated));
	M.populated = to;
}

/* Carve nb bytes off the start of the top chunk. */
struct chunk *__malloc_from_top(size_t nb, int *clean)
{
	if (!M.top || M.top_size < nb + MINCHUNK) {
		if (!__malloc_grow_top(nb) || M.top_size < nb + MINCHUNK)
			return NULL;
	}
	struct chunk *c = M.top;
	size_t ts = M.top_size;
	*clean = (char *)chunk2mem(c) >= M.clean_from;
	__malloc_populate((char *)c, (char *)c + nb + HDR);
	c->head = nb | PREV_INUSE;
	__malloc_set_top(at(c, nb), ts - nb);
	note(PW_PATH_TOP);
	return c;
}

/* Give back what lies above top + pad, when the top ends at our break. */
int __malloc_trim_top(size_t pad)
{
	size_t page = glue_page_size();
	if (!M.top || M.top_end != M.brk_end)
		return 0;
	size_t ts = M.top_size;
	if (ts <= MINCHUNK + pad)
		return 0;
	size_t extra = (ts - MINCHUNK - pad) & ~(page - 1);
	if (!extra || (char *)glue_brk_now() != M.brk_end)
		return 0;
	if (glue_sbrk(-(ptrdiff_t)extra) == GLUE_FAIL)
		return 0;
	M.count.brk_calls++;
	M.count.trims++;
	M.brk_end -= extra;
	M.top_end = M.brk_end;
	M.heap_bytes -= extra;
	__malloc_set_top(M.top, ts - extra);
	/* Pages given back come back zeroed if the break grows again. */
	if (M.clean_from > M.top_end)
		M.clean_from = M.top_end;
	if (M.populated > M.top_end)
		M.populated = M.top_end;
	M.last_trimmed += extra;
	M.trim_given += extra;
	M.regrown = 0;
	note(PW_PATH_TRIM);
	return 1;
}
