/*
 * /proc/kpagecount and /proc/kpageflags: one 64-bit word per physical frame, at offset
 * 8 * frame number, as Linux has them (Documentation/admin-guide/mm/pagemap.rst). With
 * /proc/PID/pagemap's frame numbers they take a virtual page all the way down: which frame,
 * how many mappings share it, and what kind of memory it is.
 *
 * kpagecount is the number of page-table entries that map the frame. kpageflags says what the
 * frame is, with Linux's bit numbers for what pagewise has: a process's private page is
 * ANON | SWAPBACKED | MMAP (once mapped) | UPTODATE, shared anonymous memory SWAPBACKED | MMAP
 * | UPTODATE (Linux's shmem pages are not ANON), the zero page ZERO_PAGE, page tables PGTABLE,
 * the kernel heap's slabs SLAB, a free frame BUDDY, the first MiB, the kernel image and the
 * boot modules RESERVED. Kernel stacks, large kernel blocks and pipe buffers carry no flag, as
 * Linux's vmalloc and pipe pages carry none here.
 */
#include <pmm.h>
#include <procfs.h>
#include <vm.h>
#include "vm_internal.h"

#define KPF_UPTODATE    (1ull << 3)
#define KPF_SLAB        (1ull << 7)
#define KPF_BUDDY       (1ull << 10)
#define KPF_MMAP        (1ull << 11)
#define KPF_ANON        (1ull << 12)
#define KPF_SWAPBACKED  (1ull << 14)
#define KPF_ZERO_PAGE   (1ull << 24)
#define KPF_PGTABLE     (1ull << 26)
#define KPF_RESERVED    (1ull << 32)

/* Mappings of a frame in use: a private page's references are its mappings; shared memory's
 * object holds one reference more than its mappings; the zero page is mapped uncounted, as on
 * Linux, where its count reads 0 too; kernel frames are not mapped into any process. */
static unsigned mappings(enum frame_use use, unsigned refs)
{
    switch (use) {
    case FRAME_ANON: return refs;
    case FRAME_SHMEM: return refs - 1;
    default: return 0;
    }
}

unsigned frame_mappings(paddr_t pa)
{
    enum frame_use use = FRAME_ANON;
    unsigned refs = 0;
    return pmm_frame_state(pa >> PAGE_SHIFT, &use, &refs) == FRAME_IN_USE ? mappings(use, refs) : 0;
}

static uint64_t flags_of(enum frame_use use, unsigned refs)
{
    uint64_t mapped = mappings(use, refs) ? KPF_MMAP : 0;
    switch (use) {
    case FRAME_ANON: return KPF_UPTODATE | KPF_ANON | KPF_SWAPBACKED | mapped;
    case FRAME_SHMEM: return KPF_UPTODATE | KPF_SWAPBACKED | mapped;
    case FRAME_ZERO: return KPF_ZERO_PAGE;
    case FRAME_PAGETABLE: return KPF_PGTABLE;
    case FRAME_SLAB: return KPF_SLAB;
    default: return 0;
    }
}

static uint64_t count_entry(uint64_t pfn, void *arg)
{
    (void)arg;
    return frame_mappings((paddr_t)pfn << PAGE_SHIFT);
}

static uint64_t flags_entry(uint64_t pfn, void *arg)
{
    (void)arg;
    enum frame_use use = FRAME_ANON;
    unsigned refs = 0;
    switch (pmm_frame_state((uint32_t)pfn, &use, &refs)) {
    case FRAME_IS_FREE: return KPF_BUDDY;
    case FRAME_IS_RESERVED: return KPF_RESERVED;
    case FRAME_IN_USE: return flags_of(use, refs);
    default: return 0;
    }
}

long kpagecount_read(struct file *f, uintptr_t ubuf, size_t n)
{
    return procfs_read_entries(f, ubuf, n, pmm_frame_numbers(), count_entry, NULL);
}

long kpageflags_read(struct file *f, uintptr_t ubuf, size_t n)
{
    return procfs_read_entries(f, ubuf, n, pmm_frame_numbers(), flags_entry, NULL);
}
