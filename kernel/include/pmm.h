/*
 * Physical frames: one struct per 4 KiB frame of the direct-mapped part of RAM, with a
 * reference count (copy-on-write shares frames), and a free list threaded through those
 * structs so that alloc and free are O(1) and never touch the frames themselves.
 */
#ifndef PMM_H
#define PMM_H

#include <kernel.h>
#include <arch/memlayout.h>

struct boot_info;

void pmm_init(const struct boot_info *bi);

/* A frame with reference count 1, or 0 when none is left (frame 0 is never handed out). */
paddr_t pmm_alloc(void);
/* Like pmm_alloc, and the frame is filled with zeros. */
paddr_t pmm_alloc_zeroed(void);
/* Drop one reference; the frame is free again when the count reaches zero. */
void pmm_free(paddr_t frame);
/* Add a reference (a second mapping of the same frame). */
void pmm_ref(paddr_t frame);
unsigned pmm_refcount(paddr_t frame);

size_t pmm_free_frames(void);
size_t pmm_managed_frames(void);     /* frames the allocator owns, free or not */
uint64_t pmm_ram_bytes(void);        /* usable RAM the firmware reported, managed or not */
paddr_t pmm_managed_end(void);       /* end of the highest managed frame: what the direct map must cover */

#endif
