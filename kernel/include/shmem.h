/*
 * Shared memory objects: pages found by index, which outlive any one mapping or open file.
 * Two users share the one mechanism, as Linux's shmem does: shared anonymous mappings
 * (MAP_SHARED | MAP_ANONYMOUS, kernel/mm) and the files of tmpfs (kernel/fs/tmpfs*.c).
 *
 * An object has a size in bytes; its pages [0, page_up(size)) may each hold one frame
 * (FRAME_SHMEM, so /proc/meminfo counts it as Shmem), made zeroed on first use. A page that
 * was never written holds none and reads as zeros (a hole). Each frame the object holds is
 * one reference; a mapping of the page holds another.
 */
#ifndef SHMEM_H
#define SHMEM_H

#include <kernel.h>
#include <arch/memlayout.h>

/* The largest object: 4 GiB less a page, what a 32-bit page index of a two-level table
 * reaches (tmpfs answers EFBIG beyond it). */
#define SHMEM_MAX_BYTES ((uint64_t)4096 * MiB - PAGE_SIZE)

/* A limit on frames several objects draw from (one tmpfs mount): allocation past it fails. */
struct shmem_quota {
    size_t used, limit;
};

struct shmem;

/* An empty object of size bytes (all holes), or NULL when out of memory. quota may be NULL. */
struct shmem *shmem_new(uint64_t size, struct shmem_quota *quota);
void shmem_get(struct shmem *s);
void shmem_put(struct shmem *s);              /* the last reference frees every frame */

uint64_t shmem_size(const struct shmem *s);
size_t shmem_pages_held(const struct shmem *s);

/* The regions that map an object: each holds a reference, and hears when it shrinks. */
struct vm_region;
void shmem_map(struct shmem *s, struct vm_region *r);
void shmem_unmap(struct shmem *s, struct vm_region *r);

/* Change the size: frames wholly past the new end are dropped, first from every mapping
 * (vm_shmem_shrunk), and the bytes of a partial last page beyond it zeroed, so growing again
 * reads zeros. 0, or -EFBIG past SHMEM_MAX_BYTES,
 * -ENOMEM when the index cannot grow. */
long shmem_resize(struct shmem *s, uint64_t size);

/* The frame of page i, made zeroed if it has none: the caller gets its own reference. 0 when
 * i is past the end, memory ran out or the quota is spent. */
paddr_t shmem_page(struct shmem *s, size_t i);
/* Does page i hold a frame? Never allocates. */
bool shmem_has(const struct shmem *s, size_t i);

/* Copy n bytes at off out of the object, to user memory (user) or kernel memory: holes read
 * as zeros, nothing past the size. Bytes copied, or -EFAULT when none could be. */
long shmem_read(struct shmem *s, uint64_t off, uintptr_t dst, size_t n, bool user);
/* Copy n bytes into the object at off, making frames as needed and growing the size to cover
 * what was written. Bytes copied; when none could be: -EFAULT, -ENOSPC (quota), -ENOMEM,
 * -EFBIG (off at or past SHMEM_MAX_BYTES). A shortfall later on stops the copy there. */
long shmem_write(struct shmem *s, uint64_t off, uintptr_t src, size_t n, bool user);

#endif
