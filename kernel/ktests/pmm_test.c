/* Frame allocator tests: exhaustion, distinctness, exact counts, reference counting. */
#include <ktest.h>
#include <pmm.h>

/* Take every free frame, chaining them through their own first word, then give all back. */
KTEST(pmm_alloc_until_empty)
{
    size_t before = pmm_free_frames();
    paddr_t head = 0;
    size_t n = 0;
    bool distinct = true;
    for (paddr_t pa; (pa = pmm_alloc(FRAME_ANON)) != 0; n++) {
        uint32_t *w = phys_to_virt(pa);
        if (w[1] == 0x5A5A5A5Au && w[2] == pa)     /* already ours: handed out twice */
            distinct = false;
        w[0] = head;
        w[1] = 0x5A5A5A5Au;
        w[2] = pa;
        head = pa;
    }
    KEXPECT(n == before);
    KEXPECT(pmm_free_frames() == 0);
    KEXPECT(pmm_alloc(FRAME_ANON) == 0);                      /* empty is an error return, not a crash */
    KEXPECT(pmm_alloc_zeroed(FRAME_ANON) == 0);
    KEXPECT(distinct);
    size_t freed = 0;
    while (head) {
        uint32_t *w = phys_to_virt(head);
        paddr_t next = w[0];
        KEXPECT(w[2] == head);                      /* nobody else wrote into our frames */
        w[1] = w[2] = 0;
        pmm_free(head);
        head = next;
        freed++;
    }
    KEXPECT(freed == before);
    KEXPECT(pmm_free_frames() == before);
}

KTEST(pmm_refcount)
{
    size_t before = pmm_free_frames();
    paddr_t pa = pmm_alloc(FRAME_ANON);
    KEXPECT(pa != 0 && IS_ALIGNED(pa, PAGE_SIZE));
    KEXPECT(pmm_refcount(pa) == 1);
    pmm_ref(pa);
    KEXPECT(pmm_refcount(pa) == 2);
    pmm_free(pa);
    KEXPECT(pmm_refcount(pa) == 1);
    KEXPECT(pmm_free_frames() == before - 1);       /* still held by the second reference */
    pmm_free(pa);
    KEXPECT(pmm_refcount(pa) == 0);
    KEXPECT(pmm_free_frames() == before);
}

KTEST(pmm_zeroed)
{
    paddr_t pa = pmm_alloc(FRAME_ANON);
    memset(phys_to_virt(pa), 0xAB, PAGE_SIZE);
    pmm_free(pa);
    paddr_t pb = pmm_alloc_zeroed(FRAME_ANON);                /* LIFO: very likely the same frame */
    const uint8_t *p = phys_to_virt(pb);
    bool zero = true;
    for (size_t i = 0; i < PAGE_SIZE; i++)
        zero &= p[i] == 0;
    KEXPECT(zero);
    pmm_free(pb);
}

extern char _kernel_start[], _kernel_end[];

KTEST(pmm_never_hands_out_reserved)
{
    size_t before = pmm_free_frames();
    bool ok = true;
    paddr_t head = 0;
    for (paddr_t pa; (pa = pmm_alloc(FRAME_ANON)) != 0;) {
        if (pa < 0x100000 || (pa >= virt_to_phys(_kernel_start) && pa < virt_to_phys(_kernel_end)))
            ok = false;
        *(paddr_t *)phys_to_virt(pa) = head;
        head = pa;
    }
    while (head) {
        paddr_t next = *(paddr_t *)phys_to_virt(head);
        pmm_free(head);
        head = next;
    }
    KEXPECT(ok);
    KEXPECT(pmm_free_frames() == before);
}

/* Each frame is counted under the use it was taken for, once however many references it has,
 * and the uses add up to everything that is not free. */
KTEST(pmm_frames_by_use)
{
    size_t anon = pmm_frames_for(FRAME_ANON), pipe = pmm_frames_for(FRAME_PIPE);
    paddr_t a = pmm_alloc(FRAME_ANON), b = pmm_alloc_zeroed(FRAME_PIPE);
    KEXPECT(a && b);
    KEXPECT(pmm_frames_for(FRAME_ANON) == anon + 1 && pmm_frames_for(FRAME_PIPE) == pipe + 1);
    pmm_ref(a);
    KEXPECT(pmm_frames_for(FRAME_ANON) == anon + 1);
    pmm_free(a);
    KEXPECT(pmm_frames_for(FRAME_ANON) == anon + 1);    /* the second reference holds it */
    size_t used = 0;
    for (int u = 0; u < FRAME_USES; u++)
        used += pmm_frames_for((enum frame_use)u);
    KEXPECT(used == pmm_managed_frames() - pmm_free_frames());
    pmm_free(a);
    pmm_free(b);
    KEXPECT(pmm_frames_for(FRAME_ANON) == anon && pmm_frames_for(FRAME_PIPE) == pipe);
}
