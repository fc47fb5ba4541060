/*
 * Kernel memory for kernel objects.
 * kmalloc/kfree: small blocks from size-class slabs in the direct map, larger ones as whole
 * pages in the kernel virtual area; every block carries a header and a trailing canary that
 * kfree checks, so a double free or an overrun panics at once instead of corrupting memory.
 * kpages_alloc/kpages_free: page-granular memory with an unmapped guard page on each side
 * (kernel stacks: an overflow faults instead of scribbling on a neighbour).
 */
#ifndef KHEAP_H
#define KHEAP_H

#include <stddef.h>
#include <pmm.h>

void *kmalloc(size_t size);              /* NULL when out of memory */
void *kzalloc(size_t size);              /* zero-filled */
void kfree(void *p);                     /* NULL is fine */
void *kpages_alloc(size_t npages, enum frame_use use);   /* FRAME_KSTACK or FRAME_VMALLOC */
void kpages_free(void *p, size_t npages);

struct kheap_stats {
    size_t blocks_in_use, bytes_in_use, pages_in_use;
};
void kheap_stats(struct kheap_stats *st);

#endif
