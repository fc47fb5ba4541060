/*
 * i386 two-level paging with 4 KiB pages (Intel SDM vol. 3A, 4.3 "32-bit paging").
 * A page directory of 1024 entries each covering 4 MiB; a page table of 1024 entries each
 * covering 4 KiB. Page tables are reached through the direct map, so they must be frames
 * below DIRECT_MAP_SIZE, which every managed frame is.
 */
#include <kernel.h>
#include <errno.h>
#include <pmm.h>
#include <arch/cpu.h>
#include <arch/mmu.h>

#define PTE_PRESENT   0x001u
#define PTE_WRITE     0x002u
#define PTE_USER      0x004u
#define PTE_ACCESSED  0x020u
#define PTE_DIRTY     0x040u
#define PTE_GLOBAL    0x100u
#define PTE_FRAME     0xFFFFF000u
/* Software bit, in an entry whose present bit is clear: a PROT_NONE page that still owns its
 * frame (Linux's _PAGE_PROTNONE idea). Any access faults; the frame is not lost. */
#define PTE_PROTNONE  0x200u
#define PTE_IN_USE    (PTE_PRESENT | PTE_PROTNONE)

#define PD_INDEX(va)  ((va) >> 22)
#define PT_INDEX(va)  (((va) >> 12) & 0x3FF)
#define PDE_SPAN      (1u << 22)
#define KERNEL_PDE    PD_INDEX(KERNEL_BASE)
#define CR4_PGE       0x80u     /* global pages survive CR3 reloads: the kernel half */

struct arch_aspace kernel_aspace;

static uint32_t pte_flags(unsigned flags)
{
    if (flags & MMU_NONE)
        return PTE_PROTNONE;
    uint32_t f = PTE_PRESENT;
    if (flags & MMU_WRITE)
        f |= PTE_WRITE;
    if (flags & MMU_USER)
        f |= PTE_USER;
    return f;
}

static unsigned mmu_flags(uint32_t pte)
{
    if (!(pte & PTE_PRESENT))
        return MMU_NONE;
    unsigned f = MMU_EXEC;
    if (pte & PTE_WRITE)
        f |= MMU_WRITE;
    if (pte & PTE_USER)
        f |= MMU_USER;
    return f;
}

static void load_cr3(paddr_t pd) { __asm__ volatile("mov %0, %%cr3" : : "r"(pd) : "memory"); }

void arch_tlb_invalidate(uintptr_t va) { __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory"); }

/* The page-table entry for va, allocating the page table when asked to; NULL when absent. */
static uint32_t *pte_for(struct arch_aspace *as, uintptr_t va, bool create)
{
    uint32_t *pde = &as->page_dir[PD_INDEX(va)];
    if (!(*pde & PTE_PRESENT)) {
        if (!create)
            return NULL;
        paddr_t pt = pmm_alloc_zeroed(FRAME_PAGETABLE);
        if (!pt)
            return NULL;
        /* Permissions are decided by the PTEs; the directory entry allows everything. */
        *pde = pt | PTE_PRESENT | PTE_WRITE | (va < USER_TOP ? PTE_USER : 0);
    }
    uint32_t *pt = phys_to_virt(*pde & PTE_FRAME);
    return &pt[PT_INDEX(va)];
}

void arch_mmu_init(paddr_t direct_map_end)
{
    paddr_t pd = pmm_alloc_zeroed(FRAME_PAGETABLE);
    if (!pd)
        panic("mmu: no frame for the kernel page directory");
    kernel_aspace.page_dir = phys_to_virt(pd);
    kernel_aspace.page_dir_phys = pd;

    /* Every kernel page table exists from now on, so the kernel half of each page directory
     * can be a plain copy that never goes stale. */
    for (uintptr_t va = KERNEL_BASE; va < KERNEL_BASE + ALIGN_UP(direct_map_end, PDE_SPAN); va += PDE_SPAN)
        if (!pte_for(&kernel_aspace, va, true))
            panic("mmu: no frame for the direct map's page tables");
    for (uintptr_t va = KVIRT_START; va < KVIRT_END; va += PDE_SPAN)
        if (!pte_for(&kernel_aspace, va, true))
            panic("mmu: no frame for the kernel virtual area's page tables");

    for (paddr_t pa = 0; pa < direct_map_end; pa += PAGE_SIZE)
        *pte_for(&kernel_aspace, KERNEL_BASE + pa, false) = pa | PTE_PRESENT | PTE_WRITE | PTE_GLOBAL;

    load_cr3(pd);      /* the boot directory's identity map is gone from here on */
    __asm__ volatile("mov %%cr4, %%eax; or %0, %%eax; mov %%eax, %%cr4" : : "i"(CR4_PGE) : "eax");
}

int arch_aspace_create(struct arch_aspace *as)
{
    paddr_t pd = pmm_alloc_zeroed(FRAME_PAGETABLE);
    if (!pd)
        return -ENOMEM;
    as->page_dir = phys_to_virt(pd);
    as->page_dir_phys = pd;
    memcpy(&as->page_dir[KERNEL_PDE], &kernel_aspace.page_dir[KERNEL_PDE],
           (1024 - KERNEL_PDE) * sizeof(uint32_t));
    return 0;
}

void arch_aspace_destroy(struct arch_aspace *as)
{
    for (unsigned i = 0; i < KERNEL_PDE; i++)
        if (as->page_dir[i] & PTE_PRESENT)
            pmm_free(as->page_dir[i] & PTE_FRAME);
    if (read_cr3() == as->page_dir_phys)
        load_cr3(kernel_aspace.page_dir_phys);
    pmm_free(as->page_dir_phys);
    as->page_dir = NULL;
}

void arch_aspace_switch(struct arch_aspace *as)
{
    if (read_cr3() != as->page_dir_phys)
        load_cr3(as->page_dir_phys);
}

int arch_mmu_map(struct arch_aspace *as, uintptr_t va, paddr_t pa, unsigned flags)
{
    uint32_t *pte = pte_for(as, va, true);
    if (!pte)
        return -ENOMEM;
    bool was_present = *pte & PTE_PRESENT;
    *pte = (pa & PTE_FRAME) | pte_flags(flags) | (va >= KERNEL_BASE && !(flags & MMU_NONE) ? PTE_GLOBAL : 0);
    if (was_present)
        arch_tlb_invalidate(va);
    return 0;
}

bool arch_mmu_unmap(struct arch_aspace *as, uintptr_t va, paddr_t *old_pa)
{
    uint32_t *pte = pte_for(as, va, false);
    if (!pte || !(*pte & PTE_IN_USE))
        return false;
    if (old_pa)
        *old_pa = *pte & PTE_FRAME;
    *pte = 0;
    arch_tlb_invalidate(va);
    return true;
}

bool arch_mmu_protect(struct arch_aspace *as, uintptr_t va, unsigned flags)
{
    uint32_t *pte = pte_for(as, va, false);
    if (!pte || !(*pte & PTE_IN_USE))
        return false;
    *pte = (*pte & (PTE_FRAME | PTE_ACCESSED | PTE_DIRTY)) | pte_flags(flags);
    arch_tlb_invalidate(va);
    return true;
}

bool arch_mmu_query(struct arch_aspace *as, uintptr_t va, paddr_t *pa, unsigned *flags)
{
    uint32_t *pte = pte_for(as, va, false);
    if (!pte || !(*pte & PTE_IN_USE))
        return false;
    if (pa)
        *pa = *pte & PTE_FRAME;
    if (flags)
        *flags = mmu_flags(*pte);
    return true;
}

bool arch_mmu_dirty(struct arch_aspace *as, uintptr_t va)
{
    uint32_t *pte = pte_for(as, va, false);
    return pte && (*pte & PTE_IN_USE) && (*pte & PTE_DIRTY);
}

void arch_mmu_free_tables(struct arch_aspace *as, uintptr_t start, uintptr_t end)
{
    end = MIN(end, (uintptr_t)USER_TOP);
    for (uintptr_t va = ALIGN_UP(start, PDE_SPAN); va >= start && va < end && end - va >= PDE_SPAN;
         va += PDE_SPAN) {
        uint32_t *pde = &as->page_dir[PD_INDEX(va)];
        if (!(*pde & PTE_PRESENT))
            continue;
        paddr_t pt = *pde & PTE_FRAME;
        *pde = 0;
        /* The CPU may cache directory entries; invlpg drops those too, before the frame goes. */
        if (read_cr3() == as->page_dir_phys)
            arch_tlb_invalidate(va);
        pmm_free(pt);
    }
}

size_t arch_aspace_table_pages(struct arch_aspace *as)
{
    size_t n = 1;
    for (unsigned i = 0; i < KERNEL_PDE; i++)
        n += (as->page_dir[i] & PTE_PRESENT) != 0;
    return n;
}

uintptr_t arch_mmu_next_candidate(struct arch_aspace *as, uintptr_t va)
{
    while (va != 0 && !(as->page_dir[PD_INDEX(va)] & PTE_PRESENT))
        va = ALIGN_DOWN(va, PDE_SPAN) + PDE_SPAN;
    return va;      /* 0 after wrapping past the top */
}
