/*
 * info.c - tuning and looking inside: mallopt, malloc_trim, mallinfo2,
 * malloc_stats, malloc_usable_size, and pagewise's own pw_malloc_last and
 * pw_malloc_counters (what the last call did, how many syscalls so far).
 */
#include "chunk.h"

/* Lock held: set one parameter as mallopt(3) does; 0 if value is refused.
 * Setting any of them stops the dynamic mmap threshold. */
static int set_param(int param, long value)
{
	switch (param) {
	case M_TRIM_THRESHOLD:
		M.trim_threshold = (size_t)value;
		break;
	case M_TOP_PAD:
		M.top_pad_set = (size_t)value;
		break;
	case M_MMAP_THRESHOLD:
		if (value < 0 || (size_t)value > __malloc_threshold_max())
			return 0;
		M.mmap_threshold = (size_t)value;
		break;
	case M_MMAP_MAX:
		M.mmap_max = value < 0 ? 0 : (size_t)value;
		break;
	default:
		return 0;
	}
	M.mmap_threshold_fixed = 1;
	M.top_pad = M.top_pad_set;	/* no longer follows the threshold (mmap_chunk.c) */
	return 1;
}

int mallopt(int param, int value)
{
	glue_lock();
	if (!M.ready)
		__malloc_init();
	int ok = set_param(param, value);
	glue_unlock();
	return ok;
}

/* A byte count in decimal or 0x hex, nothing else; -1 if it is not one. */
static long parse_count(const char *s)
{
	unsigned base = 10;
	long v = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		unsigned d = *s >= '0' && *s <= '9' ? (unsigned)(*s - '0')
			   : (*s | 32) >= 'a' && (*s | 32) <= 'f' ? (unsigned)((*s | 32) - 'a' + 10)
			   : 99;
		if (d >= base || v > (PTRDIFF_MAX - (long)d) / (long)base)
			return -1;
		v = v * (long)base + (long)d;
	}
	return v;
}

/* Lock held, at start-up: the parameters glibc also takes from the
 * environment (mallopt(3), "ENVIRONMENT"), so a program can be tuned
 * without being rebuilt. A value that is not a byte count is ignored. */
void __malloc_params_from_env(void)
{
	static const struct { const char *name; int param; } vars[] = {
		{ "MALLOC_TRIM_THRESHOLD_", M_TRIM_THRESHOLD },
		{ "MALLOC_TOP_PAD_", M_TOP_PAD },
		{ "MALLOC_MMAP_THRESHOLD_", M_MMAP_THRESHOLD },
		{ "MALLOC_MMAP_MAX_", M_MMAP_MAX },
	};
	for (unsigned i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = glue_getenv(vars[i].name);
		long n = v ? parse_count(v) : -1;
		if (n >= 0)
			set_param(vars[i].param, n);
	}
}

/* Hand back the free pages inside binned chunks; the chunk header and its
 * list links (first page) and the next chunk's prev_size must stay. */
static int discard_bins(void)
{
	size_t page = glue_page_size();
	int released = 0;
	for (unsigned i = 0; i < NBINS; i++)
		for (struct chunk *c = M.bins[i]; c; c = c->fd) {
			uintptr_t a = ((uintptr_t)c + sizeof(struct chunk) + page - 1) & ~(uintptr_t)(page - 1);
			uintptr_t b = ((uintptr_t)c + csize(c)) & ~(uintptr_t)(page - 1);
			if (b > a && glue_discard((void *)a, b - a) == 0) {
				M.count.madvise_calls++;
				released = 1;
			}
		}
	return released;
}

int malloc_trim(size_t pad)
{
	glue_lock();
	if (!M.ready)
		__malloc_init();
	M.last_path = 0;
	M.last_trimmed = 0;
	struct tcache *tc = glue_thread_slots()[0];
	if (tc)
		__malloc_tcache_flush(tc);
	int r = __malloc_trim_top(pad);
	r |= discard_bins();
	glue_unlock();
	return r;
}

struct mallinfo2 mallinfo2(void)
{
	struct mallinfo2 mi = {0};
	glue_lock();
	if (!M.ready)
		__malloc_init();
	for (unsigned i = 0; i < NBINS; i++)
		for (struct chunk *c = M.bins[i]; c; c = c->fd) {
			mi.ordblks++;
			mi.fordblks += csize(c);
		}
	if (M.top) {
		mi.keepcost = M.top_size;
		mi.fordblks += mi.keepcost;
	}
	mi.fsmblks = __malloc_tcache_bytes(glue_thread_slots()[0], &mi.smblks);
	mi.arena = M.heap_bytes;
	mi.uordblks = mi.arena - mi.fordblks;
	mi.hblks = M.n_mmapped;
	mi.hblkhd = M.mmapped_bytes;
	glue_unlock();
	return mi;
}

static int clamp(size_t v)
{
	return v > 0x7fffffff ? 0x7fffffff : (int)v;
}

struct mallinfo mallinfo(void)
{
	struct mallinfo2 m = mallinfo2();
	struct mallinfo r = {
		clamp(m.arena), clamp(m.ordblks), clamp(m.smblks), clamp(m.hblks),
		clamp(m.hblkhd), clamp(m.usmblks), clamp(m.fsmblks),
		clamp(m.uordblks), clamp(m.fordblks), clamp(m.keepcost),
	};
	return r;
}

/* Same layout as glibc's, then pagewise's counters. */
void malloc_stats(void)
{
	struct mallinfo2 m = mallinfo2();
	struct pw_malloc_counters k = pw_malloc_counters();
	__malloc_print("Arena 0:\nsystem bytes     = %10zu\nin use bytes     = %10zu\n",
		       m.arena, m.uordblks);
	__malloc_print("Total (incl. mmap):\nsystem bytes     = %10zu\nin use bytes     = %10zu\n",
		       m.arena + m.hblkhd, m.uordblks + m.hblkhd);
	__malloc_print("max mmap regions = %10zu\nmax mmap bytes   = %10zu\n",
		       M.max_n_mmapped, M.max_mmapped_bytes);
	__malloc_print("brk calls = %zu, mmap calls = %zu, munmap calls = %zu, mremap calls = %zu\n",
		       k.brk_calls, k.mmap_calls, k.munmap_calls, k.mremap_calls);
	__malloc_print("madvise calls = %zu, trims = %zu, mmap threshold = %zu, trim threshold = %zu, top pad = %zu\n",
		       k.madvise_calls, k.trims, k.mmap_threshold, k.trim_threshold, k.top_pad);
}

size_t malloc_usable_size(void *p)
{
	if (!p)
		return 0;
	struct chunk *c = mem2chunk(p);
	__malloc_check_inuse(c);
	return usable(c);
}

struct pw_malloc_last pw_malloc_last(void)
{
	glue_lock();
	struct pw_malloc_last l = { M.last_path, M.last_size, M.last_trimmed };
	glue_unlock();
	return l;
}

struct pw_malloc_counters pw_malloc_counters(void)
{
	glue_lock();
	if (!M.ready)
		__malloc_init();
	struct pw_malloc_counters k = {
		M.count.brk_calls, M.count.mmap_calls, M.count.munmap_calls,
		M.count.mremap_calls, M.count.madvise_calls, M.count.trims,
		M.mmap_threshold, M.trim_threshold, M.top_pad,
	};
	glue_unlock();
	return k;
}

char *pw_malloc_path_name(unsigned path, char *buf, size_t len)
{
	static const char *const names[] = {
		"tcache", "bin", "top", "brk", "mmap", "munmap",
		"trim", "merge", "mremap", "inplace", "copy", "segment",
	};
	size_t o = 0;
	if (!len)
		return buf;
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!(path & (1u << i)))
			continue;
		if (o && o + 1 < len)
			buf[o++] = '+';
		for (const char *s = names[i]; *s && o + 1 < len; s++)
			buf[o++] = *s;
	}
	buf[o] = 0;
	return buf;
}
