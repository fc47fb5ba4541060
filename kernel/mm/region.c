/*
 * The regions of an address space, in an AVL tree keyed by start address: lookup, insertion
 * with merging of compatible neighbours, splitting, and the search for a free range. Every
 * region's node records the size of the hole below it, and the tree keeps the largest hole of
 * each subtree, so that search is O(log n) too (Linux's augmented rbtree of VMAs does this).
 */
#include <errno.h>
#include <kheap.h>
#include <vfs.h>
#include <vm.h>
#include "vm_internal.h"

struct vm_region *vm_find(struct vm *vm, uintptr_t addr)
{
    struct vm_region *r = region_of(avl_floor(&vm->regions, addr));
    return r && addr < r->end ? r : NULL;
}

const void *vm_shmem_at(struct vm *vm, uintptr_t addr, uintptr_t *offset)
{
    struct vm_region *r = vm_find(vm, addr);
    if (!r || !r->shared)
        return NULL;
    *offset = (uintptr_t)r->offset + (addr - r->start);
    return r->shared;
}

struct vm_region *vm_find_from(struct vm *vm, uintptr_t addr)
{
    struct vm_region *r = vm_find(vm, addr);
    return r ? r : region_of(avl_ceil(&vm->regions, addr));
}

struct vm_region *vm_next(struct vm *vm, struct vm_region *r)
{
    return region_of(avl_ceil(&vm->regions, r->end));
}

struct vm_region *vm_prev(struct vm *vm, struct vm_region *r)
{
    return r->start ? region_of(avl_floor(&vm->regions, r->start - 1)) : NULL;
}

void vm_region_free(struct vm_region *r)
{
    if (r->ops && r->ops->close)
        r->ops->close(r);
    if (r->file)
        file_put(r->file);
    if (r->shared)
        shmem_unmap(r->shared, r);
    kfree(r);
}

/*
 * Every region's node carries the size of the hole just below it (gap), so that vm_find_free
 * can skip subtrees without a big enough hole. These keep the gaps right as regions come, go
 * and change size.
 */
static void set_gap(struct vm *vm, struct vm_region *r)
{
    if (!r)
        return;
    struct vm_region *prev = vm_prev(vm, r);
    r->node.gap = r->start - (prev ? prev->end : 0);
    avl_refresh(&vm->regions, r->start);
}

void vm_region_insert(struct vm *vm, struct vm_region *r)
{
    r->node.key = r->start;
    struct vm_region *prev = r->start ? region_of(avl_floor(&vm->regions, r->start - 1)) : NULL;
    r->node.gap = r->start - (prev ? prev->end : 0);
    avl_insert(&vm->regions, &r->node);
    vm->nregions++;
    set_gap(vm, vm_next(vm, r));
}

void vm_region_remove(struct vm *vm, struct vm_region *r)
{
    avl_remove(&vm->regions, &r->node);
    vm->nregions--;
    set_gap(vm, region_of(avl_ceil(&vm->regions, r->end)));
}

void vm_region_set_end(struct vm *vm, struct vm_region *r, uintptr_t end)
{
    r->end = end;
    set_gap(vm, vm_next(vm, r));
}

struct vm_region *vm_region_copy(const struct vm_region *r, struct vm *vm)
{
    struct vm_region *c = kmalloc(sizeof *c);
    if (!c)
        return NULL;
    *c = *r;
    c->vm = vm;
    if (c->file)
        file_get(c->file);
    if (c->shared)
        shmem_map(c->shared, c);
    if (c->ops && c->ops->open)
        c->ops->open(c);
    return c;
}

struct vm_region *vm_region_copy_at(struct vm *vm, const struct vm_region *r, uintptr_t start,
                                    uintptr_t end, uint64_t offset)
{
    struct vm_region *in_way = vm_find_from(vm, start);
    if (vm->nregions >= MAX_MAP_COUNT || (in_way && in_way->start < end))
        return NULL;
    struct vm_region *c = vm_region_copy(r, vm);
    if (!c)
        return NULL;
    c->start = start;
    c->end = end;
    c->offset = offset;
    vm_region_insert(vm, c);
    return c;
}

/* Split r at addr (inside it): r keeps [start, addr), the returned new region [addr, end). */
static struct vm_region *region_split(struct vm *vm, struct vm_region *r, uintptr_t addr)
{
    if (vm->nregions >= MAX_MAP_COUNT)
        return NULL;
    struct vm_region *tail = vm_region_copy(r, vm);
    if (!tail)
        return NULL;
    tail->start = addr;
    tail->offset = r->offset + (addr - r->start);
    vm_region_set_end(vm, r, addr);
    vm_region_insert(vm, tail);
    return tail;
}

/* Two neighbours that describe memory the same way become one (Linux's vma_merge). */
static bool mergeable(const struct vm_region *a, const struct vm_region *b)
{
    return a->end == b->start && a->prot == b->prot && a->flags == b->flags && a->file == b->file &&
           a->shared == b->shared && !(a->ops && a->ops->close) && !(b->ops && b->ops->close) &&
           strcmp(a->path, b->path) == 0 &&
           (!a->file && !a->shared ? true : a->offset + (a->end - a->start) == b->offset) &&
           a->file_end == b->file_end;
}

struct vm_region *vm_try_merge(struct vm *vm, struct vm_region *r)
{
    struct vm_region *prev = vm_prev(vm, r);
    if (prev && mergeable(prev, r)) {
        vm_region_remove(vm, r);
        vm_region_set_end(vm, prev, r->end);
        vm_region_free(r);
        r = prev;
    }
    struct vm_region *next = vm_next(vm, r);
    if (next && mergeable(r, next)) {
        vm_region_remove(vm, next);
        vm_region_set_end(vm, r, next->end);
        vm_region_free(next);
    }
    return r;
}

/* A new region over file, or over obj, or (shared and neither) a new shared object. */
static struct vm_region *map(struct vm *vm, uintptr_t start, uintptr_t end, unsigned prot,
                             unsigned flags, struct file *file, struct shmem *obj, uint64_t offset)
{
    if (vm->nregions >= MAX_MAP_COUNT)
        return NULL;
    struct vm_region *in_way = vm_find_from(vm, start);
    if (start >= end || (in_way && in_way->start < end))
        return NULL;                      /* callers make room first; never overlap two regions */
    if (end > USER_TOP)
        panic("a region %#x-%#x reaches into the kernel's half", (unsigned)start, (unsigned)end);
    struct vm_region *r = kzalloc(sizeof *r);
    if (!r)
        return NULL;
    r->start = start;
    r->end = end;
    r->prot = prot;
    r->flags = flags;
    r->file = file;
    r->offset = offset;
    r->file_end = UINT64_MAX;
    r->vm = vm;
    if (file)
        file_get(file);
    if (obj) {
        shmem_map(obj, r);
        r->shared = obj;
    } else if ((flags & VR_SHARED) && !file) {
        struct shmem *fresh = shmem_new(end - start, NULL);
        if (!fresh) {
            vm_region_free(r);
            return NULL;
        }
        shmem_map(fresh, r);
        shmem_put(fresh);               /* the region's reference is the one it keeps */
        r->shared = fresh;
    }
    vm_region_insert(vm, r);
    return r;
}

struct vm_region *vm_map_region(struct vm *vm, uintptr_t start, uintptr_t end, unsigned prot,
                                unsigned flags, struct file *file, uint64_t offset)
{
    return map(vm, start, end, prot, flags, file, NULL, offset);
}

struct vm_region *vm_map_shared(struct vm *vm, uintptr_t start, uintptr_t end, unsigned prot,
                                unsigned flags, struct shmem *obj, struct file *file, uint64_t offset)
{
    return map(vm, start, end, prot, flags | VR_SHARED, file, obj, offset);
}

struct vm_region *vm_region_merge(struct vm *vm, struct vm_region *r) { return vm_try_merge(vm, r); }

/* Make region boundaries fall at start and end; false when out of memory. */
bool vm_split_at_bounds(struct vm *vm, uintptr_t start, uintptr_t end)
{
    struct vm_region *r = vm_find(vm, start);
    if (r && r->start < start && !region_split(vm, r, start))
        return false;
    r = vm_find(vm, end - 1);
    if (r && r->end > end && !region_split(vm, r, end))
        return false;
    return true;
}

/* The highest start a of a free [a, a+len) inside the holes of subtree n, with a+len <= limit
 * and a >= MMAP_MIN; 0 when there is none. Subtrees whose largest hole is too small are
 * skipped, so this costs O(log n) when the answer is near the top. */
static uintptr_t find_hole(struct avl_node *n, size_t len, uintptr_t limit)
{
    if (!n || n->max_gap < len)
        return 0;
    struct vm_region *r = region_of(n);
    if (r->start - n->gap < limit) {             /* holes to the right lie above this one */
        uintptr_t a = find_hole(n->right, len, limit);
        if (a)
            return a;
    }
    uintptr_t lo = MAX(r->start - n->gap, (uintptr_t)MMAP_MIN), hi = MIN(r->start, limit);
    if (hi > lo && hi - lo >= len)
        return hi - len;
    return find_hole(n->left, len, limit);
}

uintptr_t vm_find_free(struct vm *vm, size_t len)
{
    uintptr_t limit = vm->mmap_base;
    if (len == 0 || len > limit - MMAP_MIN)
        return 0;
    /* The space above the highest region belongs to no node's hole. */
    struct vm_region *last = region_of(avl_last(&vm->regions));
    uintptr_t above = last ? MAX(last->end, (uintptr_t)MMAP_MIN) : MMAP_MIN;
    if (above < limit && limit - above >= len)
        return limit - len;
    return find_hole(vm->regions.root, len, limit);
}

void vm_region_rekey(struct vm *vm, struct vm_region *r, uintptr_t new_start)
{
    vm_region_remove(vm, r);
    r->offset -= r->start - new_start;
    r->start = new_start;
    vm_region_insert(vm, r);
}
