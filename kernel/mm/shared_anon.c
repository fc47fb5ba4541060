/*
 * Shared anonymous memory (MAP_SHARED | MAP_ANONYMOUS): frames that outlive any one mapping
 * and are found by page index, so parent and child see the same page after fork.
 * Each slot holds one frame reference; each mapping of it holds another.
 */
#include <kheap.h>
#include <pmm.h>
#include "vm_internal.h"

struct shared_anon {
    unsigned refcount;
    size_t npages;
    paddr_t frames[];
};

struct shared_anon *shared_anon_new(size_t npages)
{
    struct shared_anon *s = kzalloc(sizeof *s + npages * sizeof(paddr_t));
    if (s) {
        s->refcount = 1;
        s->npages = npages;
    }
    return s;
}

void shared_anon_get(struct shared_anon *s) { s->refcount++; }

void shared_anon_put(struct shared_anon *s)
{
    if (--s->refcount > 0)
        return;
    for (size_t i = 0; i < s->npages; i++)
        if (s->frames[i])
            pmm_free(s->frames[i]);
    kfree(s);
}

bool shared_anon_has(const struct shared_anon *s, size_t i)
{
    return i < s->npages && s->frames[i];
}

paddr_t shared_anon_page(struct shared_anon *s, size_t i)
{
    if (i >= s->npages)
        return 0;
    if (!s->frames[i] && !(s->frames[i] = pmm_alloc_zeroed(FRAME_SHMEM)))
        return 0;
    pmm_ref(s->frames[i]);
    return s->frames[i];
}
