/* Kernel heap tests: random sizes with patterns, alignment, large blocks, exact accounting. */
#include <kheap.h>
#include <ktest.h>
#include <pmm.h>

#define SLOTS 256

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed + i * 7);
}

static bool check(const uint8_t *p, size_t n, uint8_t seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (uint8_t)(seed + i * 7))
            return false;
    return true;
}

KTEST(kheap_random_alloc_free)
{
    struct kheap_stats st0, st;
    kheap_stats(&st0);
    static uint8_t *ptr[SLOTS];
    static size_t len[SLOTS];
    bool patterns_ok = true, aligned = true, got_memory = true;
    for (int round = 0; round < 4000; round++) {
        int i = (int)(ktest_random() % SLOTS);
        if (ptr[i]) {
            patterns_ok &= check(ptr[i], len[i], (uint8_t)i);
            kfree(ptr[i]);
            ptr[i] = NULL;
        } else {
            /* Mostly small, sometimes page-sized and larger. */
            len[i] = ktest_random() % 8 == 0 ? ktest_random() % 20000 : ktest_random() % 600;
            ptr[i] = kmalloc(len[i]);
            got_memory &= ptr[i] != NULL;
            if (!ptr[i])
                continue;
            aligned &= IS_ALIGNED((uintptr_t)ptr[i], 16);
            fill(ptr[i], len[i], (uint8_t)i);
        }
    }
    for (int i = 0; i < SLOTS; i++) {
        if (ptr[i]) {
            patterns_ok &= check(ptr[i], len[i], (uint8_t)i);
            kfree(ptr[i]);
            ptr[i] = NULL;
        }
    }
    KEXPECT(got_memory);
    KEXPECT(patterns_ok);
    KEXPECT(aligned);
    kheap_stats(&st);
    KEXPECT(st.blocks_in_use == st0.blocks_in_use);
    KEXPECT(st.bytes_in_use == st0.bytes_in_use);
}

KTEST(kheap_large_blocks_return_frames)
{
    size_t before = pmm_free_frames();
    void *p = kmalloc(100 * 1024);
    KEXPECT(p != NULL);
    KEXPECT(pmm_free_frames() <= before - 25);
    memset(p, 0x55, 100 * 1024);
    kfree(p);
    KEXPECT(pmm_free_frames() == before);
}

KTEST(kheap_zalloc_and_null)
{
    uint8_t *p = kmalloc(64);
    memset(p, 0xEE, 64);
    kfree(p);
    uint8_t *q = kzalloc(64);
    bool zero = true;
    for (int i = 0; i < 64; i++)
        zero &= q[i] == 0;
    KEXPECT(zero);
    kfree(q);
    kfree(NULL);
    KEXPECT(kmalloc(0x7FFFFFFF) == NULL);       /* absurd sizes fail, they do not crash */
}

KTEST(kpages_guarded_ranges)
{
    size_t before = pmm_free_frames();
    uint8_t *a = kpages_alloc(2, FRAME_VMALLOC), *b = kpages_alloc(2, FRAME_VMALLOC);
    KEXPECT(a && b);
    KEXPECT(b >= a + 3 * PAGE_SIZE || a >= b + 3 * PAGE_SIZE);    /* a guard page between */
    kpages_free(a, 2);
    kpages_free(b, 2);
    KEXPECT(pmm_free_frames() == before);
}
