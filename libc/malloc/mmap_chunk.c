/*
 * mmap_chunk.c - blocks with a mapping of their own.
 *
 * Requests of M_MMAP_THRESHOLD and more skip the heap: free() can then give
 * them back at once, and they never pin the break. Their header is the same
 * 16 bytes; prev_size holds the distance from the start of the mapping
 * (non-zero only after memalign moved the chunk forward), and head the size
 * with MMAPPED set. As in glibc, freeing such a block raises the threshold
 * to its size, so a program that keeps allocating and freeing blocks of one
 * big size soon gets them from the heap instead of two syscalls and a round
 * of page faults each time (mallopt(3), "M_MMAP_THRESHOLD").
 *
 * The top pad (M_TOP_PAD) follows the threshold up, which glibc does not do:
 * a block just under the threshold then fits in what the top keeps after a
 * trim, instead of growing the break again and faulting its pages back in.
 * The pad is address space, not memory, until it is used. Any mallopt (or
 * MALLOC_*_ variable) stops this and puts M_TOP_PAD back as set.
 */
#include "chunk.h"

static size_t map_len(size_t nb, size_t off)
{
	size_t page = glue_page_size();
	/* nb counted on borrowing the next chunk's prev_size; here is none. */
	return (nb + sizeof(size_t) + off + page - 1) & ~(page - 1);
}

static void account(size_t add, size_t sub, long blocks)
{
	M.mmapped_bytes += add;
	M.mmapped_bytes -= sub;
	M.n_mmapped += (size_t)blocks;
	if (M.mmapped_bytes > M.max_mmapped_bytes)
		M.max_mmapped_bytes = M.mmapped_bytes;
	if (M.n_mmapped > M.max_n_mmapped)
		M.max_n_mmapped = M.n_mmapped;
}

struct chunk *__malloc_mmap_alloc(size_t nb)
{
	if (M.n_mmapped >= M.mmap_max)
		return NULL;
	size_t len = map_len(nb, 0);
	if (len < nb)
		return NULL;
	char *p = glue_map(len);
	if (p == GLUE_FAIL)
		return NULL;
	struct chunk *c = (struct chunk *)p;
	c->prev_size = 0;
	c->head = len | MMAPPED;
	M.count.mmap_calls++;
	account(len, 0, 1);
	M.last_size = len;
	note(PW_PATH_MMAP);
	return c;
}

void __malloc_mmap_free(struct chunk *c)
{
	size_t off = c->prev_size, size = csize(c);
	if (!M.mmap_threshold_fixed && size > M.mmap_threshold &&
	    size <= __malloc_threshold_max()) {
		M.mmap_threshold = size;
		if (M.trim_threshold < 2 * size)
			M.trim_threshold = 2 * size;
		if (M.top_pad < size)
			M.top_pad = size;
	}
	glue_unmap((char *)c - off, off + size);
	M.count.munmap_calls++;
	account(0, off + size, -1);
	M.last_size = size;
	note(PW_PATH_MUNMAP);
}

/* Resize the mapping under c to hold nb; NULL if the kernel cannot. */
struct chunk *__malloc_mmap_resize(struct chunk *c, size_t nb)
{
	size_t off = c->prev_size, old = off + csize(c);
	size_t len = map_len(nb, off);
	if (len == old)
		return c;
	char *p = glue_remap((char *)c - off, old, len);
	if (p == GLUE_FAIL)
		return NULL;
	M.count.mremap_calls++;
	account(len, old, 0);
	c = (struct chunk *)(p + off);
	c->head = (len - off) | MMAPPED;
	note(PW_PATH_MREMAP);
	return c;
}
