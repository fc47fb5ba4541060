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

/* What a frame is for. Every allocation says, so that each frame in use is counted under one
 * heading (/proc/meminfo's AnonPages, Shmem, PageTables, ...) and the headings add up to all
 * of memory less the free frames. */
enum frame_use {
    FRAME_ANON,         /* a process's private page (anonymous, or its copy of a file page) */
    FRAME_SHMEM,        /* shared anonymous memory (MAP_SHARED | MAP_ANONYMOUS) */
    FRAME_ZERO,         /* the one zero page every untouched read maps */
    FRAME_PAGETABLE,    /* page directories and page tables */
    FRAME_KSTACK,       /* kernel stacks, one per thread */
    FRAME_SLAB,         /* the kernel heap's small-block pages */
    FRAME_VMALLOC,      /* the kernel heap's large blocks, in the kernel virtual area */
    FRAME_PIPE,         /* pipe buffers */
    FRAME_USES
};

/* A frame with reference count 1, or 0 when none is left (frame 0 is never handed out). */
paddr_t pmm_alloc(enum frame_use use);
/* Like pmm_alloc, and the frame is filled with zeros. */
paddr_t pmm_alloc_zeroed(enum frame_use use);
/* Drop one reference; the frame is free again when the count reaches zero. */
void pmm_free(paddr_t frame);
/* Add a reference (a second mapping of the same frame). */
void pmm_ref(paddr_t frame);
unsigned pmm_refcount(paddr_t frame);

/* What frame number pfn is now: outside RAM's array, reserved (not RAM, the first MiB, the
 * kernel and boot modules), free, or in use for *use with *refs references. */
enum frame_state { FRAME_ABSENT, FRAME_IS_RESERVED, FRAME_IS_FREE, FRAME_IN_USE };
enum frame_state pmm_frame_state(uint32_t pfn, enum frame_use *use, unsigned *refs);
uint32_t pmm_frame_numbers(void);    /* frame numbers 0 .. this - 1 have a state */

size_t pmm_free_frames(void);
size_t pmm_frames_for(enum frame_use use);   /* frames in use for that, each counted once */
unsigned long long pmm_allocations(void);   /* frames handed out since boot */
unsigned long long pmm_frees(void);         /* frames that came back since boot */
size_t pmm_managed_frames(void);     /* frames the allocator owns, free or not */
uint64_t pmm_ram_bytes(void);        /* usable RAM the firmware reported, managed or not */
paddr_t pmm_managed_end(void);       /* end of the highest managed frame: what the direct map must cover */

#endif
