/*
 * Shared memory objects (shmem.h). The index from page number to frame is two-level, like an
 * i386 page table: a directory of leaves, each leaf a page of 1024 slots, made when one of its
 * slots first gets a frame and freed when its last one goes. A sparse object (a file truncated
 * up to 1 GiB, a large shared mapping barely touched) costs a directory entry per 4 MiB.
 */
#include <errno.h>
#include <kheap.h>
#include <pmm.h>
#include <shmem.h>
#include <uaccess.h>
#include <vm.h>

#define LEAF_SLOTS (PAGE_SIZE / sizeof(paddr_t))

struct shmem {
    unsigned refcount;
    uint64_t size;
    size_t held;                   /* frames in the slots */
    size_t nleaves;                /* the directory's length: leaves for pages [0, nleaves * 1024) */
    paddr_t **leaves;              /* each NULL or LEAF_SLOTS slots, each 0 or a frame */
    struct shmem_quota *quota;
    struct vm_region *mappers;     /* the regions that map it (linked through shmem_next) */
};

static size_t pages_for(uint64_t size) { return (size_t)((size + PAGE_SIZE - 1) / PAGE_SIZE); }

/* Make the directory cover pages [0, npages): false when out of memory. */
static bool grow_directory(struct shmem *s, size_t npages)
{
    size_t want = (npages + LEAF_SLOTS - 1) / LEAF_SLOTS;
    if (want <= s->nleaves)
        return true;
    paddr_t **d = kzalloc(want * sizeof *d);
    if (!d)
        return false;
    if (s->nleaves)
        memcpy(d, s->leaves, s->nleaves * sizeof *d);
    kfree(s->leaves);
    s->leaves = d;
    s->nleaves = want;
    return true;
}

struct shmem *shmem_new(uint64_t size, struct shmem_quota *quota)
{
    if (size > SHMEM_MAX_BYTES)
        return NULL;
    struct shmem *s = kzalloc(sizeof *s);
    if (!s)
        return NULL;
    s->refcount = 1;
    s->size = size;
    s->quota = quota;
    if (!grow_directory(s, pages_for(size))) {
        kfree(s);
        return NULL;
    }
    return s;
}

void shmem_get(struct shmem *s) { s->refcount++; }

static paddr_t *slot(const struct shmem *s, size_t i)
{
    size_t l = i / LEAF_SLOTS;
    return l < s->nleaves && s->leaves[l] ? &s->leaves[l][i % LEAF_SLOTS] : NULL;
}

bool shmem_has(const struct shmem *s, size_t i)
{
    paddr_t *p = slot(s, i);
    return p && *p;
}

/* Drop the frames of pages [from, nleaves * 1024) and the leaves left empty. */
static void drop_from(struct shmem *s, size_t from)
{
    for (size_t l = from / LEAF_SLOTS; l < s->nleaves; l++) {
        paddr_t *leaf = s->leaves[l];
        if (!leaf)
            continue;
        size_t first = l == from / LEAF_SLOTS ? from % LEAF_SLOTS : 0;
        for (size_t k = first; k < LEAF_SLOTS; k++) {
            if (leaf[k]) {
                pmm_free(leaf[k]);
                leaf[k] = 0;
                s->held--;
                if (s->quota)
                    s->quota->used--;
            }
        }
        if (first == 0) {
            kfree(leaf);
            s->leaves[l] = NULL;
        }
    }
}

void shmem_put(struct shmem *s)
{
    if (--s->refcount > 0)
        return;
    drop_from(s, 0);
    kfree(s->leaves);
    kfree(s);
}

void shmem_map(struct shmem *s, struct vm_region *r)
{
    shmem_get(s);
    r->shmem_next = s->mappers;
    r->shmem_pprev = &s->mappers;
    if (s->mappers)
        s->mappers->shmem_pprev = &r->shmem_next;
    s->mappers = r;
}

void shmem_unmap(struct shmem *s, struct vm_region *r)
{
    *r->shmem_pprev = r->shmem_next;
    if (r->shmem_next)
        r->shmem_next->shmem_pprev = r->shmem_pprev;
    shmem_put(s);
}

uint64_t shmem_size(const struct shmem *s) { return s->size; }
size_t shmem_pages_held(const struct shmem *s) { return s->held; }

long shmem_resize(struct shmem *s, uint64_t size)
{
    if (size > SHMEM_MAX_BYTES)
        return -EFBIG;
    if (!grow_directory(s, pages_for(size)))
        return -ENOMEM;
    if (size < s->size) {
        for (struct vm_region *r = s->mappers; r; r = r->shmem_next)
            vm_shmem_shrunk(r, size);  /* their references go first, then the object's */
        drop_from(s, pages_for(size));
        paddr_t *last = size % PAGE_SIZE ? slot(s, (size_t)(size / PAGE_SIZE)) : NULL;
        if (last && *last)
            memset((char *)phys_to_virt(*last) + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
    }
    s->size = size;
    return 0;
}

/* The frame of page i (inside the directory), made if missing; 0 and *err when it cannot be. */
static paddr_t frame_at(struct shmem *s, size_t i, long *err)
{
    paddr_t **leaf = &s->leaves[i / LEAF_SLOTS];
    if (!*leaf && !(*leaf = kzalloc(PAGE_SIZE))) {
        *err = -ENOMEM;
        return 0;
    }
    paddr_t *p = &(*leaf)[i % LEAF_SLOTS];
    if (*p)
        return *p;
    if (s->quota && s->quota->used >= s->quota->limit) {
        *err = -ENOSPC;
        return 0;
    }
    if (!(*p = pmm_alloc_zeroed(FRAME_SHMEM))) {
        *err = -ENOMEM;
        return 0;
    }
    s->held++;
    if (s->quota)
        s->quota->used++;
    return *p;
}

paddr_t shmem_page(struct shmem *s, size_t i)
{
    long err;
    if (i >= pages_for(s->size))
        return 0;
    paddr_t pa = frame_at(s, i, &err);
    if (pa)
        pmm_ref(pa);
    return pa;
}

long shmem_read(struct shmem *s, uint64_t off, uintptr_t dst, size_t n, bool user)
{
    if (off >= s->size)
        return 0;
    n = (size_t)MIN((uint64_t)n, s->size - off);
    size_t done = 0;
    while (done < n) {
        size_t in_page = (size_t)((off + done) % PAGE_SIZE);
        size_t chunk = MIN(n - done, PAGE_SIZE - in_page);
        paddr_t *p = slot(s, (size_t)((off + done) / PAGE_SIZE));
        const char *from = p && *p ? (const char *)phys_to_virt(*p) + in_page : NULL;
        int bad = 0;
        if (!user)
            from ? memcpy((char *)dst + done, from, chunk) : memset((char *)dst + done, 0, chunk);
        else
            bad = from ? copy_to_user(dst + done, from, chunk) : clear_user(dst + done, chunk);
        if (bad)
            return done ? (long)done : -EFAULT;
        done += chunk;
    }
    return (long)done;
}

long shmem_write(struct shmem *s, uint64_t off, uintptr_t src, size_t n, bool user)
{
    if (off >= SHMEM_MAX_BYTES)
        return -EFBIG;
    n = (size_t)MIN((uint64_t)n, SHMEM_MAX_BYTES - off);
    if (!grow_directory(s, pages_for(off + n)))
        return -ENOMEM;
    size_t done = 0;
    long err = 0;
    while (done < n) {
        size_t in_page = (size_t)((off + done) % PAGE_SIZE);
        size_t chunk = MIN(n - done, PAGE_SIZE - in_page);
        paddr_t pa = frame_at(s, (size_t)((off + done) / PAGE_SIZE), &err);
        if (!pa)
            break;
        char *to = (char *)phys_to_virt(pa) + in_page;
        if (!user)
            memcpy(to, (const char *)src + done, chunk);
        else if (copy_from_user(to, src + done, chunk)) {
            err = -EFAULT;      /* the page may hold a frame now and no new byte: a hole of zeros */
            break;
        }
        done += chunk;
    }
    if (done && off + done > s->size)
        s->size = off + done;
    if (done < n)
        drop_from(s, pages_for(s->size));   /* a frame made for a copy that failed, past the end */
    return done ? (long)done : err;
}
