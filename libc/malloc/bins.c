/*
 * bins.c - free chunks kept by size, found without scanning them all.
 *
 * Bins 2..63 hold exactly one size each (16-byte steps below 1 KiB); above,
 * each power of two is split into 4 bins. A bitmap says which bins are
 * non-empty (and one word which words of the bitmap are), so a request
 * looks at its own bin and then jumps straight to the next non-empty larger
 * one, whose every chunk is big enough (the two-level segregated fit idea of
 * TLSF). Lists are doubly linked so a chunk can be taken out when a
 * neighbour merges with it.
 */
#include "chunk.h"

/* A large bin is searched for a good fit this far, no further. */
#define FIT_SCAN 16

unsigned __malloc_bin_index(size_t size)
{
	if (size < NSMALL * ALIGN)
		return (unsigned)(size / ALIGN);
	unsigned msb = (unsigned)(8 * sizeof(size_t) - 1 - (unsigned)__builtin_clzl(size));
	unsigned sub = (unsigned)(size >> (msb - 2)) & 3;
	return NSMALL + (msb - 10) * 4 + sub;
}

static void mark(unsigned i)
{
	M.binmap[i / 32] |= 1u << (i % 32);
	M.mapmap |= 1u << (i / 32);
}

static void unmark(unsigned i)
{
	if (!(M.binmap[i / 32] &= ~(1u << (i % 32))))
		M.mapmap &= ~(1u << (i / 32));
}

void __malloc_bin_insert(struct chunk *c, size_t size)
{
	unsigned i = __malloc_bin_index(size);
	struct chunk *h = M.bins[i];
	c->fd = h;
	c->bk = NULL;
	if (h)
		h->bk = c;
	else
		mark(i);
	M.bins[i] = c;
}

void __malloc_bin_remove(struct chunk *c, size_t size)
{
	unsigned i = __malloc_bin_index(size);
	struct chunk *fd = c->fd, *bk = c->bk;
	/* Safe unlinking: the neighbours must point back at us, otherwise a
	 * stray write has hit the list and following it would spread the
	 * damage (glibc's "corrupted double-linked list"). */
	if ((fd && fd->bk != c) || (bk ? bk->fd != c : M.bins[i] != c))
		__malloc_fail("corrupted free list", chunk2mem(c));
	if (bk)
		bk->fd = fd;
	else
		M.bins[i] = fd;
	if (fd)
		fd->bk = bk;
	else if (!bk)
		unmark(i);
}

/* First non-empty bin at or above i, or NBINS. */
static unsigned next_bin(unsigned i)
{
	unsigned w = i / 32;
	if (w >= MAPWORDS)
		return NBINS;
	uint32_t bits = M.binmap[w] & (~0u << (i % 32));
	if (!bits) {
		/* The next map word with anything in it, from the summary. */
		uint32_t words = w + 1 < 32 ? M.mapmap & (~0u << (w + 1)) : 0;
		if (!words)
			return NBINS;
		w = (unsigned)__builtin_ctz(words);
		bits = M.binmap[w];
	}
	return w * 32 + (unsigned)__builtin_ctz(bits);
}

/* Take a free chunk of at least nb bytes out of the bins, or NULL. */
struct chunk *__malloc_bin_take(size_t nb)
{
	unsigned i = __malloc_bin_index(nb);
	struct chunk *c = M.bins[i];
	if (c && i >= NSMALL) {
		/* Sizes in a large bin differ: best fit among the first few. */
		struct chunk *best = NULL;
		size_t bsize = 0;
		for (int n = 0; c && n < FIT_SCAN; c = c->fd, n++) {
			size_t s = csize(c);
			if (s >= nb && (!best || s < bsize)) {
				best = c;
				bsize = s;
				if (s == nb)
					break;
			}
		}
		c = best;
	}
	if (!c) {
		i = next_bin(i + 1);
		if (i >= NBINS)
			return NULL;
		c = M.bins[i];
	}
	__malloc_bin_remove(c, csize(c));
	return c;
}
