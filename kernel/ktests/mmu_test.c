/* Page-table tests through the arch MMU contract: map, query, protect, unmap, switch, destroy. */
#include <ktest.h>
#include <pmm.h>
#include <arch/mmu.h>

#define TEST_VA 0x08048000u

KTEST(mmu_map_query_protect_unmap)
{
    size_t before = pmm_free_frames();
    struct arch_aspace as;
    KEXPECT(arch_aspace_create(&as) == 0);
    paddr_t frame = pmm_alloc_zeroed(FRAME_ANON);

    KEXPECT(!arch_mmu_query(&as, TEST_VA, NULL, NULL));
    KEXPECT(arch_mmu_map(&as, TEST_VA, frame, MMU_USER | MMU_WRITE) == 0);
    paddr_t pa = 0;
    unsigned flags = 0;
    KEXPECT(arch_mmu_query(&as, TEST_VA + 123, &pa, &flags));   /* any address in the page */
    KEXPECT(pa == frame);
    KEXPECT((flags & (MMU_USER | MMU_WRITE)) == (MMU_USER | MMU_WRITE));
    KEXPECT(!arch_mmu_query(&as, TEST_VA + PAGE_SIZE, NULL, NULL));

    KEXPECT(arch_mmu_protect(&as, TEST_VA, MMU_USER));
    KEXPECT(arch_mmu_query(&as, TEST_VA, &pa, &flags) && !(flags & MMU_WRITE) && pa == frame);
    KEXPECT(!arch_mmu_protect(&as, TEST_VA + PAGE_SIZE, MMU_USER));

    /* Switch to it and read, through the user address, what was written via the direct map. */
    KEXPECT(arch_mmu_protect(&as, TEST_VA, MMU_USER | MMU_WRITE));
    *(volatile uint32_t *)phys_to_virt(frame) = 0xFEEDF00Du;
    arch_aspace_switch(&as);
    uint32_t seen = *(volatile uint32_t *)TEST_VA;
    *(volatile uint32_t *)(TEST_VA + 4) = 0x12345678u;
    arch_aspace_switch(&kernel_aspace);
    KEXPECT(seen == 0xFEEDF00Du);
    KEXPECT(((volatile uint32_t *)phys_to_virt(frame))[1] == 0x12345678u);

    paddr_t old = 0;
    KEXPECT(arch_mmu_unmap(&as, TEST_VA, &old) && old == frame);
    KEXPECT(!arch_mmu_unmap(&as, TEST_VA, &old));
    KEXPECT(!arch_mmu_query(&as, TEST_VA, NULL, NULL));

    pmm_free(frame);
    arch_aspace_destroy(&as);                 /* frees the page table and the directory */
    KEXPECT(pmm_free_frames() == before);
}

KTEST(mmu_kernel_half_shared)
{
    struct arch_aspace as;
    KEXPECT(arch_aspace_create(&as) == 0);
    static volatile uint32_t marker = 0xC0DEu;
    arch_aspace_switch(&as);
    uint32_t seen = marker;                     /* kernel data is visible in every address space */
    arch_aspace_switch(&kernel_aspace);
    KEXPECT(seen == 0xC0DEu);
    arch_aspace_destroy(&as);
}

KTEST(mmu_next_candidate_skips_holes)
{
    struct arch_aspace as;
    KEXPECT(arch_aspace_create(&as) == 0);
    paddr_t frame = pmm_alloc_zeroed(FRAME_ANON);
    KEXPECT(arch_mmu_map(&as, 0x40000000u, frame, MMU_USER) == 0);
    KEXPECT(arch_mmu_next_candidate(&as, 0x1000) == 0x40000000u);     /* jumped whole 4 MiB holes */
    KEXPECT(arch_mmu_next_candidate(&as, 0x40001000u) == 0x40001000u); /* same page table: stay */
    arch_mmu_unmap(&as, 0x40000000u, NULL);
    pmm_free(frame);
    arch_aspace_destroy(&as);
}
