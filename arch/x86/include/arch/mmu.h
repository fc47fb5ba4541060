/*
 * The MMU contract between generic kernel code and arch/x86 (after LK's arch/mmu.h).
 * Generic code speaks of address spaces, pages and MMU_* permission bits; how they become
 * page directories, PTE bits and CR3 writes is arch/x86/mmu.c's business alone.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/memlayout.h>

/* Permission bits of a mapping. Every mapping is readable; i386 has no no-execute bit. */
#define MMU_WRITE   0x1u
#define MMU_USER    0x2u
#define MMU_EXEC    0x4u     /* accepted and ignored on i386 without PAE */
#define MMU_NONE    0x8u     /* keep the frame but allow no access at all (PROT_NONE) */

struct arch_aspace {
    uint32_t *page_dir;      /* kernel virtual address of the page directory */
    paddr_t page_dir_phys;
};

extern struct arch_aspace kernel_aspace;

/* Boot: build the kernel's page tables (direct map and kernel virtual area) and switch to them. */
void arch_mmu_init(paddr_t direct_map_end);

/* A new address space: empty user half, kernel half shared. -ENOMEM when out of frames. */
int arch_aspace_create(struct arch_aspace *as);
/* Free the page directory and the user page tables. The frames they mapped are not touched:
 * the caller has unmapped (and released) them first. */
void arch_aspace_destroy(struct arch_aspace *as);
void arch_aspace_switch(struct arch_aspace *as);

/* Map one page; a page table is allocated when needed (-ENOMEM when none can be). Replaces
 * an existing mapping. */
int arch_mmu_map(struct arch_aspace *as, uintptr_t va, paddr_t pa, unsigned flags);
/* Remove one mapping; returns true and the old frame when there was one. */
bool arch_mmu_unmap(struct arch_aspace *as, uintptr_t va, paddr_t *old_pa);
/* Change the permissions of an existing mapping; false when the page is not mapped. */
bool arch_mmu_protect(struct arch_aspace *as, uintptr_t va, unsigned flags);
/* Look up a mapping; false when the page is not mapped. */
bool arch_mmu_query(struct arch_aspace *as, uintptr_t va, paddr_t *pa, unsigned *flags);
/* Has the page been written through this mapping since it was mapped (the dirty bit)? */
bool arch_mmu_dirty(struct arch_aspace *as, uintptr_t va);
/* The next virtual address at or after va that might be mapped: skips holes a whole page table
 * wide, so walking a sparse gigabyte costs hundreds of steps, not a quarter million. */
uintptr_t arch_mmu_next_candidate(struct arch_aspace *as, uintptr_t va);

void arch_tlb_invalidate(uintptr_t va);
/* Give back the page tables whose whole span (4 MiB each) lies in [start, end) of the user
 * half. The caller has unmapped every page there. */
void arch_mmu_free_tables(struct arch_aspace *as, uintptr_t start, uintptr_t end);
/* Frames holding the user half's page tables (the directory included). */
size_t arch_aspace_table_pages(struct arch_aspace *as);

#endif
