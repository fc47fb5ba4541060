/* Shared memory objects (shmem.h): frames made on first write and only there, holes of zeros,
 * resize dropping frames and zeroing a cut page, the quota, and every frame back at the end. */
#include <errno.h>
#include <kheap.h>
#include <ktest.h>
#include <pmm.h>
#include <shmem.h>

KTEST(shmem_holes_resize_and_frames)
{
    size_t free0 = pmm_free_frames(), shmem0 = pmm_frames_for(FRAME_SHMEM);
    char *buf = kmalloc(3 * PAGE_SIZE);
    struct shmem *s = shmem_new(0, NULL);
    if (!buf || !s)
        return;
    KEXPECT(shmem_size(s) == 0 && shmem_pages_held(s) == 0);
    KEXPECT(shmem_write(s, 2 * PAGE_SIZE + 100, (uintptr_t)"abc", 3, false) == 3);
    KEXPECT(shmem_size(s) == 2 * PAGE_SIZE + 103 && shmem_pages_held(s) == 1);
    KEXPECT(pmm_frames_for(FRAME_SHMEM) == shmem0 + 1);
    KEXPECT(!shmem_has(s, 0) && !shmem_has(s, 1) && shmem_has(s, 2));
    memset(buf, 7, 3 * PAGE_SIZE);
    KEXPECT(shmem_read(s, 0, (uintptr_t)buf, 3 * PAGE_SIZE, false) == 2 * PAGE_SIZE + 103);
    KEXPECT(buf[0] == 0 && buf[PAGE_SIZE + 5] == 0 && memcmp(buf + 2 * PAGE_SIZE + 100, "abc", 3) == 0);
    KEXPECT(shmem_read(s, 5 * PAGE_SIZE, (uintptr_t)buf, 10, false) == 0);

    /* cut inside the last page: the bytes past the end are zeros when it grows again */
    KEXPECT(shmem_resize(s, 2 * PAGE_SIZE + 101) == 0 && shmem_pages_held(s) == 1);
    KEXPECT(shmem_resize(s, 2 * PAGE_SIZE + 200) == 0);
    KEXPECT(shmem_read(s, 2 * PAGE_SIZE + 100, (uintptr_t)buf, 3, false) == 3);
    KEXPECT(buf[0] == 'a' && buf[1] == 0 && buf[2] == 0);
    KEXPECT(shmem_resize(s, PAGE_SIZE) == 0 && shmem_pages_held(s) == 0);
    KEXPECT(pmm_frames_for(FRAME_SHMEM) == shmem0);
    KEXPECT(shmem_resize(s, SHMEM_MAX_BYTES + 1) == -EFBIG);
    KEXPECT(shmem_write(s, SHMEM_MAX_BYTES, (uintptr_t)"x", 1, false) == -EFBIG);

    /* a page far out: one leaf of the index, one frame */
    KEXPECT(shmem_write(s, 1000 * PAGE_SIZE * 4, (uintptr_t)"far", 3, false) == 3);
    KEXPECT(shmem_pages_held(s) == 1 && shmem_has(s, 4000));
    paddr_t pa = shmem_page(s, 4000);
    KEXPECT(pa && pmm_refcount(pa) == 2);               /* the object's and ours */
    pmm_free(pa);
    KEXPECT(shmem_page(s, 5000) == 0);                  /* past the end */
    shmem_put(s);
    kfree(buf);
    KEXPECT(pmm_frames_for(FRAME_SHMEM) == shmem0 && pmm_free_frames() == free0);
}

KTEST(shmem_quota_and_sharing)
{
    size_t free0 = pmm_free_frames();
    struct shmem_quota q = { .used = 0, .limit = 2 };
    struct shmem *a = shmem_new(0, &q), *b = shmem_new(0, &q);
    if (!a || !b)
        return;
    char page[64] = "quota";
    KEXPECT(shmem_write(a, 0, (uintptr_t)page, sizeof page, false) == sizeof page);
    KEXPECT(shmem_write(b, 0, (uintptr_t)page, sizeof page, false) == sizeof page && q.used == 2);
    KEXPECT(shmem_write(b, PAGE_SIZE, (uintptr_t)page, 1, false) == -ENOSPC);
    KEXPECT(shmem_size(b) == sizeof page);              /* a failed write leaves no trace */
    /* a write across a page boundary: what fits, then the quota stops it */
    KEXPECT(shmem_write(b, PAGE_SIZE - 10, (uintptr_t)page, 20, false) == 10);
    shmem_get(a);                                       /* a second user: nothing freed yet */
    shmem_put(a);
    KEXPECT(q.used == 2);
    shmem_put(a);
    KEXPECT(q.used == 1);
    KEXPECT(shmem_write(b, PAGE_SIZE, (uintptr_t)page, 1, false) == 1 && q.used == 2);
    shmem_put(b);
    KEXPECT(q.used == 0 && pmm_free_frames() == free0);
}
