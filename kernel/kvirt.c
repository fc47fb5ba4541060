/*
 * The kernel virtual area (KVIRT_START..KVIRT_END): page ranges backed by frames mapped one by
 * one, so a large block need not be physically contiguous. A bitmap of used pages; each range
 * is followed by one never-mapped page, and the area starts with one, so every range has an
 * unmapped guard on each side.
 */
#include <kernel.h>
#include <kheap.h>
#include <pmm.h>
#include <arch/mmu.h>

#define KVIRT_PAGES ((KVIRT_END - KVIRT_START) / PAGE_SIZE)

static uint32_t used[KVIRT_PAGES / 32];
static size_t hint = 1;              /* page 0 stays a guard */
static size_t pages_in_use;

static bool page_used(size_t i) { return used[i / 32] & (1u << (i % 32)); }
static void set_used(size_t i, bool on)
{
    if (on)
        used[i / 32] |= 1u << (i % 32);
    else
        used[i / 32] &= ~(1u << (i % 32));
}

/* First fit from the hint: npages free pages followed by a free guard page. */
static size_t find_range(size_t npages)
{
    for (int pass = 0; pass < 2; pass++) {
        size_t start = pass == 0 ? hint : 1, run = 0;
        for (size_t i = start; i < KVIRT_PAGES; i++) {
            if (page_used(i) || page_used(i - 1)) {   /* keep a guard after the previous range */
                run = 0;
                continue;
            }
            if (run++ == 0)
                start = i;
            if (run == npages + 1)                    /* the extra one is the trailing guard */
                return start;
        }
    }
    return 0;
}

void *kpages_alloc(size_t npages, enum frame_use use)
{
    if (npages == 0 || npages >= KVIRT_PAGES)
        return NULL;
    size_t first = find_range(npages);
    if (!first)
        return NULL;
    uintptr_t va = KVIRT_START + first * PAGE_SIZE;
    for (size_t i = 0; i < npages; i++) {
        paddr_t pa = pmm_alloc(use);
        if (!pa || arch_mmu_map(&kernel_aspace, va + i * PAGE_SIZE, pa, MMU_WRITE) < 0) {
            if (pa)
                pmm_free(pa);
            for (size_t j = 0; j < i; j++) {
                paddr_t old;
                arch_mmu_unmap(&kernel_aspace, va + j * PAGE_SIZE, &old);
                pmm_free(old);
            }
            return NULL;
        }
        set_used(first + i, true);
    }
    hint = first + npages + 1;
    pages_in_use += npages;
    return (void *)va;
}

void kpages_free(void *p, size_t npages)
{
    uintptr_t va = (uintptr_t)p;
    if (va < KVIRT_START || va >= KVIRT_END || !IS_ALIGNED(va, PAGE_SIZE))
        panic("kpages_free: %p is not in the kernel virtual area", p);
    size_t first = (va - KVIRT_START) / PAGE_SIZE;
    for (size_t i = 0; i < npages; i++) {
        paddr_t old;
        if (!page_used(first + i) || !arch_mmu_unmap(&kernel_aspace, va + i * PAGE_SIZE, &old))
            panic("kpages_free: page %#x of %p was not allocated", (unsigned)(va + i * PAGE_SIZE), p);
        pmm_free(old);
        set_used(first + i, false);
    }
    pages_in_use -= npages;
    if (first < hint)
        hint = first;
}

size_t kvirt_pages_in_use(void) { return pages_in_use; }
