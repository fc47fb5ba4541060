/* The physical frame allocator. See pmm.h for the idea. */
#include <boot.h>
#include <pmm.h>

#define FRAME_RESERVED 0x1u          /* not RAM, or the kernel's own: never on the free list */
#define NO_FRAME       0xFFFFFFFFu

struct frame {
    uint32_t next_free;              /* index of the next free frame while this one is free */
    uint16_t refcount;
    uint8_t flags;
    uint8_t use;                     /* enum frame_use, while allocated */
};

extern char _kernel_start[], _kernel_end[];

static struct frame *frames;
static uint32_t nframes;             /* frames described by the array (all below the limit) */
static uint32_t free_head = NO_FRAME;
static size_t nfree, nmanaged;
static size_t in_use_for[FRAME_USES];
static unsigned long long allocations, frees;
static uint64_t ram_bytes;

static inline uint32_t frame_index(paddr_t pa) { return pa >> PAGE_SHIFT; }

/* Is [start, end) wholly inside one usable range of the firmware's map? */
static bool range_usable(const struct boot_info *bi, uint64_t start, uint64_t end)
{
    for (int i = 0; i < bi->nranges; i++) {
        const struct mem_range *r = &bi->ranges[i];
        if (r->type == MEM_USABLE && start >= r->base && end <= r->base + r->length)
            return true;
    }
    return false;
}

/* Frames the kernel may never hand out: the real-mode area, the image, the boot modules. */
static bool frame_taken(const struct boot_info *bi, paddr_t pa, paddr_t array_start, paddr_t array_end)
{
    if (pa < 0x100000)
        return true;
    if (pa >= virt_to_phys(_kernel_start) && pa < virt_to_phys(_kernel_end))
        return true;
    if (pa >= array_start && pa < array_end)
        return true;
    for (int i = 0; i < bi->nmodules; i++)
        if (pa + PAGE_SIZE > bi->modules[i].start && pa < bi->modules[i].end)
            return true;
    return false;
}

void pmm_init(const struct boot_info *bi)
{
    uint64_t top = 0;
    for (int i = 0; i < bi->nranges; i++) {
        const struct mem_range *r = &bi->ranges[i];
        if (r->type != MEM_USABLE)
            continue;
        ram_bytes += r->length;
        top = MAX(top, r->base + r->length);
    }
    /* Only the direct-mapped part is managed: the kernel must be able to reach every frame. */
    top = MIN(top, (uint64_t)DIRECT_MAP_SIZE);
    nframes = (uint32_t)(top >> PAGE_SHIFT);

    /* The frame array goes right after the kernel image and the boot modules. */
    paddr_t array_start = virt_to_phys(_kernel_end);
    for (int i = 0; i < bi->nmodules; i++)
        array_start = MAX(array_start, bi->modules[i].end);
    array_start = ALIGN_UP(array_start, PAGE_SIZE);
    paddr_t array_end = ALIGN_UP(array_start + nframes * (uint32_t)sizeof(struct frame), PAGE_SIZE);
    if (!range_usable(bi, array_start, array_end))
        panic("pmm: no usable memory for the frame array at %#x..%#x", array_start, array_end);
    frames = phys_to_virt(array_start);

    /* Build the free list from the top down so that low frames come out first. */
    for (uint32_t i = nframes; i-- > 0;) {
        paddr_t pa = (paddr_t)i << PAGE_SHIFT;
        frames[i].refcount = 0;
        if (!range_usable(bi, pa, (uint64_t)pa + PAGE_SIZE) || frame_taken(bi, pa, array_start, array_end)) {
            frames[i].flags = FRAME_RESERVED;
            continue;
        }
        frames[i].flags = 0;
        frames[i].next_free = free_head;
        free_head = i;
        nfree++;
    }
    nmanaged = nfree;
}

paddr_t pmm_alloc(enum frame_use use)
{
    if (free_head == NO_FRAME)
        return 0;
    uint32_t i = free_head;
    free_head = frames[i].next_free;
    frames[i].refcount = 1;
    frames[i].use = (uint8_t)use;
    in_use_for[use]++;
    allocations++;
    nfree--;
    return (paddr_t)i << PAGE_SHIFT;
}

paddr_t pmm_alloc_zeroed(enum frame_use use)
{
    paddr_t pa = pmm_alloc(use);
    if (pa)
        memset(phys_to_virt(pa), 0, PAGE_SIZE);
    return pa;
}

static struct frame *frame_of(paddr_t pa, const char *who)
{
    uint32_t i = frame_index(pa);
    if (i >= nframes || (frames[i].flags & FRAME_RESERVED))
        panic("%s: %#x is not a managed frame", who, pa);
    if (frames[i].refcount == 0)
        panic("%s: frame %#x is free", who, pa);
    return &frames[i];
}

void pmm_free(paddr_t pa)
{
    struct frame *f = frame_of(pa, "pmm_free");
    if (--f->refcount > 0)
        return;
    in_use_for[f->use]--;
    frees++;
    f->next_free = free_head;
    free_head = frame_index(pa);
    nfree++;
}

void pmm_ref(paddr_t pa)
{
    struct frame *f = frame_of(pa, "pmm_ref");
    if (f->refcount == UINT16_MAX)
        panic("pmm_ref: frame %#x has too many references", pa);
    f->refcount++;
}

unsigned pmm_refcount(paddr_t pa)
{
    uint32_t i = frame_index(pa);
    return i < nframes ? frames[i].refcount : 0;
}

enum frame_state pmm_frame_state(uint32_t pfn, enum frame_use *use, unsigned *refs)
{
    if (pfn >= nframes)
        return FRAME_ABSENT;
    const struct frame *f = &frames[pfn];
    if (f->flags & FRAME_RESERVED)
        return FRAME_IS_RESERVED;
    if (f->refcount == 0)
        return FRAME_IS_FREE;
    *use = (enum frame_use)f->use;
    *refs = f->refcount;
    return FRAME_IN_USE;
}

uint32_t pmm_frame_numbers(void) { return nframes; }
unsigned long long pmm_allocations(void) { return allocations; }
unsigned long long pmm_frees(void) { return frees; }

size_t pmm_free_frames(void) { return nfree; }
size_t pmm_frames_for(enum frame_use use) { return use < FRAME_USES ? in_use_for[use] : 0; }
size_t pmm_managed_frames(void) { return nmanaged; }
uint64_t pmm_ram_bytes(void) { return ram_bytes; }
paddr_t pmm_managed_end(void) { return (paddr_t)nframes << PAGE_SHIFT; }
