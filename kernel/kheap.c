/* kmalloc and kfree. See kheap.h for the idea. */
#include <kernel.h>
#include <kheap.h>
#include <pmm.h>
#include <arch/memlayout.h>

#define MAGIC_USED   0x6B6D5553u      /* "kmUS" */
#define MAGIC_FREE   0x6B6D4652u      /* "kmFR" */
#define CANARY       0xC0FFEE42u
#define NCLASSES     8                /* 16, 32, ..., 2048 bytes per slot */
#define MIN_SHIFT    4
#define LARGE_CLASS  0xFF

struct header {                       /* 16 bytes keeps the payload 16-byte aligned */
    uint32_t magic;
    uint32_t size;                    /* what the caller asked for */
    uint32_t class;                   /* size class, or LARGE_CLASS */
    uint32_t npages;                  /* large blocks: pages in the range */
};

struct free_slot { struct free_slot *next; };

/*
 * A slab is one page of same-size slots with this header in front. Pages with a free slot
 * are on their class's list; a page whose last block is freed goes straight back to the
 * frame allocator, so the free-frame count returns exactly once kernel objects are freed.
 */
struct slab {
    struct slab *next, *prev;        /* the class's list of slabs with free slots */
    struct free_slot *free;
    uint32_t class, in_use;
    uint32_t pad[3];                 /* 32 bytes: the first slot stays 16-byte aligned */
};

static struct slab *partial[NCLASSES];
static struct kheap_stats stats;

static size_t slot_size(unsigned class) { return (size_t)1 << (class + MIN_SHIFT); }
static struct slab *slab_of(const void *p) { return (struct slab *)ALIGN_DOWN((uintptr_t)p, PAGE_SIZE); }

static void list_add(struct slab *s)
{
    s->prev = NULL;
    s->next = partial[s->class];
    if (s->next)
        s->next->prev = s;
    partial[s->class] = s;
}

static void list_del(struct slab *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        partial[s->class] = s->next;
    if (s->next)
        s->next->prev = s->prev;
}

static bool refill(unsigned class)
{
    paddr_t pa = pmm_alloc(FRAME_SLAB);
    if (!pa)
        return false;
    struct slab *s = phys_to_virt(pa);
    *s = (struct slab){ .class = class };
    size_t sz = slot_size(class);
    for (size_t off = sizeof *s; off + sz <= PAGE_SIZE; off += sz) {
        struct header *h = (struct header *)((char *)s + off);
        h->magic = MAGIC_FREE;
        struct free_slot *slot = (struct free_slot *)(h + 1);
        slot->next = s->free;
        s->free = slot;
    }
    list_add(s);
    stats.pages_in_use++;
    return true;
}

static void set_canary(struct header *h)
{
    uint32_t c = CANARY;
    memcpy((char *)(h + 1) + h->size, &c, sizeof c);
}

void *kmalloc(size_t size)
{
    size_t need = sizeof(struct header) + size + sizeof(uint32_t);
    if (size > 256 * MiB)
        return NULL;
    struct header *h;
    if (need <= slot_size(NCLASSES - 1)) {
        unsigned class = 0;
        while (slot_size(class) < need)
            class++;
        if (!partial[class] && !refill(class))
            return NULL;
        struct slab *sl = partial[class];
        struct free_slot *s = sl->free;
        sl->free = s->next;
        if (++sl->in_use && !sl->free)
            list_del(sl);                    /* full: off the list until a slot is freed */
        h = (struct header *)s - 1;
        *h = (struct header){ MAGIC_USED, (uint32_t)size, class, 0 };
    } else {
        size_t npages = ALIGN_UP(need, PAGE_SIZE) / PAGE_SIZE;
        h = kpages_alloc(npages, FRAME_VMALLOC);
        if (!h)
            return NULL;
        *h = (struct header){ MAGIC_USED, (uint32_t)size, LARGE_CLASS, (uint32_t)npages };
        stats.pages_in_use += npages;
    }
    set_canary(h);
    stats.blocks_in_use++;
    stats.bytes_in_use += size;
    return h + 1;
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void kfree(void *p)
{
    if (!p)
        return;
    struct header *h = (struct header *)p - 1;
    if (h->magic == MAGIC_FREE)
        panic("kfree: double free of %p", p);
    if (h->magic != MAGIC_USED)
        panic("kfree: %p was not returned by kmalloc (header %#x)", p, h->magic);
    uint32_t c;
    memcpy(&c, (char *)p + h->size, sizeof c);
    if (c != CANARY)
        panic("kfree: block %p of %u bytes was overrun (canary %#x)", p, h->size, c);
    stats.blocks_in_use--;
    stats.bytes_in_use -= h->size;
    if (h->class == LARGE_CLASS) {
        h->magic = MAGIC_FREE;
        stats.pages_in_use -= h->npages;
        kpages_free(h, h->npages);
        return;
    }
    h->magic = MAGIC_FREE;
    struct slab *sl = slab_of(h);
    struct free_slot *s = p;
    if (!sl->free)
        list_add(sl);                        /* it was full */
    s->next = sl->free;
    sl->free = s;
    if (--sl->in_use == 0) {
        list_del(sl);
        stats.pages_in_use--;
        pmm_free(virt_to_phys(sl));
    }
}

void kheap_stats(struct kheap_stats *st) { *st = stats; }
