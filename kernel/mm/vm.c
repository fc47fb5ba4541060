/*
 * Address spaces and their regions: creation, lookup, insertion with merging, splitting,
 * unmapping, protection changes, and freeing. Pages are never allocated here (habit 5):
 * vm_fault (fault.c) is the one place user frames come from.
 */
#include <errno.h>
#include <kheap.h>
#include <pmm.h>
#include <vfs.h>
#include <vm.h>
#include "vm_internal.h"

struct vm *vm_new(void)
{
    struct vm *vm = kzalloc(sizeof *vm);
    if (!vm)
        return NULL;
    if (arch_aspace_create(&vm->as) < 0) {
        kfree(vm);
        return NULL;
    }
    vm->mmap_base = MMAP_BASE;
    vm->stack_top = USER_TOP;
    return vm;
}

void vm_activate(struct vm *vm) { arch_aspace_switch(&vm->as); }

static struct vm_region *region_of(struct avl_node *n)
{
    return n ? container_of(n, struct vm_region, node) : NULL;
}

struct vm_region *vm_find(struct vm *vm, uintptr_t addr)
{
    struct vm_region *r = region_of(avl_floor(&vm->regions, addr));
    return r && addr < r->end ? r : NULL;
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

/* ---- page-level helpers, shared with fault.c ---------------------------------------------- */

void vm_map_page(struct vm *vm, uintptr_t va, paddr_t pa, unsigned mmu_flags, bool *ok)
{
    paddr_t old;
    bool had = arch_mmu_query(&vm->as, va, &old, NULL);
    if (arch_mmu_map(&vm->as, va, pa, mmu_flags) < 0) {
        *ok = false;
        return;
    }
    *ok = true;
    if (had) {
        if (old != zero_page())
            vm->rss--;
        if (old != pa)
            release_frame(old);
    }
    if (pa != zero_page()) {
        vm->rss++;
        vm->hwm = MAX(vm->hwm, vm->rss);
    }
}

void release_frame(paddr_t pa)
{
    if (pa != zero_page())
        pmm_free(pa);
}

/* Unmap every page in [start, end), giving back each frame's reference. */
void vm_release_pages(struct vm *vm, uintptr_t start, uintptr_t end)
{
    for (uintptr_t va = start; va < end && va != 0;) {
        uintptr_t next = arch_mmu_next_candidate(&vm->as, va);
        if (next != va) {
            va = next;
            continue;
        }
        paddr_t pa;
        if (arch_mmu_unmap(&vm->as, va, &pa)) {
            if (pa != zero_page())
                vm->rss--;
            release_frame(pa);
        }
        va += PAGE_SIZE;
    }
}

/* ---- regions ----------------------------------------------------------------------------- */

static void region_free(struct vm_region *r)
{
    if (r->file)
        file_put(r->file);
    if (r->shared)
        shared_anon_put(r->shared);
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

static void region_insert(struct vm *vm, struct vm_region *r)
{
    r->node.key = r->start;
    struct vm_region *prev = r->start ? region_of(avl_floor(&vm->regions, r->start - 1)) : NULL;
    r->node.gap = r->start - (prev ? prev->end : 0);
    avl_insert(&vm->regions, &r->node);
    vm->nregions++;
    set_gap(vm, vm_next(vm, r));
}

static void region_remove(struct vm *vm, struct vm_region *r)
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

static struct vm_region *region_copy(const struct vm_region *r)
{
    struct vm_region *c = kmalloc(sizeof *c);
    if (!c)
        return NULL;
    *c = *r;
    if (c->file)
        file_get(c->file);
    if (c->shared)
        shared_anon_get(c->shared);
    return c;
}

/* Split r at addr (inside it): r keeps [start, addr), the returned new region [addr, end). */
static struct vm_region *region_split(struct vm *vm, struct vm_region *r, uintptr_t addr)
{
    struct vm_region *tail = region_copy(r);
    if (!tail)
        return NULL;
    tail->start = addr;
    tail->offset = r->offset + (addr - r->start);
    vm_region_set_end(vm, r, addr);
    region_insert(vm, tail);
    return tail;
}

/* Two neighbours that describe memory the same way become one (Linux's vma_merge). */
static bool mergeable(const struct vm_region *a, const struct vm_region *b)
{
    return a->end == b->start && a->prot == b->prot && a->flags == b->flags && a->file == b->file &&
           a->shared == b->shared && strcmp(a->path, b->path) == 0 &&
           (!a->file && !a->shared ? true : a->offset + (a->end - a->start) == b->offset) &&
           a->file_end == b->file_end;
}

static struct vm_region *try_merge(struct vm *vm, struct vm_region *r)
{
    struct vm_region *prev = vm_prev(vm, r);
    if (prev && mergeable(prev, r)) {
        region_remove(vm, r);
        vm_region_set_end(vm, prev, r->end);
        region_free(r);
        r = prev;
    }
    struct vm_region *next = vm_next(vm, r);
    if (next && mergeable(r, next)) {
        region_remove(vm, next);
        vm_region_set_end(vm, r, next->end);
        region_free(next);
    }
    return r;
}

struct vm_region *vm_map_region(struct vm *vm, uintptr_t start, uintptr_t end, unsigned prot,
                                unsigned flags, struct file *file, uint64_t offset)
{
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
    if (file)
        file_get(file);
    if ((flags & VR_SHARED) && !file) {
        r->shared = shared_anon_new((end - start) / PAGE_SIZE);
        if (!r->shared) {
            region_free(r);
            return NULL;
        }
    }
    region_insert(vm, r);
    return r;
}

struct vm_region *vm_region_merge(struct vm *vm, struct vm_region *r) { return try_merge(vm, r); }

/* Make region boundaries fall at start and end; false when out of memory. */
static bool split_at_bounds(struct vm *vm, uintptr_t start, uintptr_t end)
{
    struct vm_region *r = vm_find(vm, start);
    if (r && r->start < start && !region_split(vm, r, start))
        return false;
    r = vm_find(vm, end - 1);
    if (r && r->end > end && !region_split(vm, r, end))
        return false;
    return true;
}

int vm_unmap(struct vm *vm, uintptr_t start, uintptr_t end)
{
    if (!split_at_bounds(vm, start, end))
        return -ENOMEM;
    struct vm_region *r = vm_find_from(vm, start);
    while (r && r->start < end) {
        struct vm_region *next = vm_next(vm, r);
        vm_release_pages(vm, r->start, r->end);
        region_remove(vm, r);
        region_free(r);
        r = next;
    }
    return 0;
}

/* The MMU flags a present page of region r gets. Private writable pages start read-only when
 * shared with someone (copy-on-write): callers pass writable=false for those. */
unsigned region_mmu_flags(const struct vm_region *r, bool writable)
{
    if (r->prot == PROT_NONE)
        return MMU_NONE;
    unsigned f = MMU_USER;
    if ((r->prot & PROT_WRITE) && writable)
        f |= MMU_WRITE;
    if (r->prot & PROT_EXEC)
        f |= MMU_EXEC;
    return f;
}

/* New protection for the present pages of region r. */
static void reprotect_pages(struct vm *vm, struct vm_region *r)
{
    for (uintptr_t va = r->start; va < r->end && va != 0;) {
        uintptr_t next = arch_mmu_next_candidate(&vm->as, va);
        if (next != va) {
            va = next;
            continue;
        }
        paddr_t pa;
        if (arch_mmu_query(&vm->as, va, &pa, NULL)) {
            /* A private page still shared with another process (copy-on-write) or the
             * zero page stays read-only: its first write must fault and copy. */
            bool writable = pa != zero_page() && ((r->flags & VR_SHARED) || pmm_refcount(pa) == 1);
            arch_mmu_protect(&vm->as, va, region_mmu_flags(r, writable));
        }
        va += PAGE_SIZE;
    }
}

/* Like Linux's mprotect: the regions are changed in order, and a hole stops it with ENOMEM
 * (what came before the hole keeps its new protection). */
int vm_protect(struct vm *vm, uintptr_t start, uintptr_t end, unsigned prot)
{
    struct vm_region *r = vm_find(vm, start);
    if (!r)
        return -ENOMEM;
    if (!split_at_bounds(vm, start, end))
        return -ENOMEM;
    r = vm_find(vm, start);
    uintptr_t done = start;
    while (done < end) {
        if (!r || r->start != done)
            return -ENOMEM;
        r->prot = prot;
        reprotect_pages(vm, r);
        r = try_merge(vm, r);             /* may swallow the next one too */
        done = r->end;
        r = vm_next(vm, r);
    }
    return 0;
}

int vm_discard(struct vm *vm, uintptr_t start, uintptr_t end)
{
    for (struct vm_region *r = vm_find_from(vm, start); r && r->start < end; r = vm_next(vm, r)) {
        uintptr_t s = MAX(start, r->start), e = MIN(end, r->end);
        /* Shared memory keeps its contents (they live in the shared object); private pages go,
         * and the next touch faults in zeros or the file's data again. */
        vm_release_pages(vm, s, e);
    }
    return 0;
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

struct vm *vm_clone(struct vm *parent)
{
    struct vm *vm = vm_new();
    if (!vm)
        return NULL;
    vm->start_brk = parent->start_brk;
    vm->brk = parent->brk;
    vm->mmap_base = parent->mmap_base;
    vm->stack_top = parent->stack_top;
    for (struct vm_region *r = region_of(avl_first(&parent->regions)); r; r = vm_next(parent, r)) {
        struct vm_region *c = region_copy(r);
        if (!c)
            goto fail;
        region_insert(vm, c);
        if (!vm_copy_pages(parent, vm, r))
            goto fail;
    }
    vm->hwm = vm->rss;
    return vm;
fail:
    vm_free(vm);
    return NULL;
}

void vm_free(struct vm *vm)
{
    struct vm_region *r = region_of(avl_first(&vm->regions));
    while (r) {
        struct vm_region *next = vm_next(vm, r);
        vm_release_pages(vm, r->start, r->end);
        region_remove(vm, r);
        region_free(r);
        r = next;
    }
    arch_aspace_destroy(&vm->as);
    kfree(vm);
}

size_t vm_total_pages(struct vm *vm)
{
    size_t n = 0;
    for (struct vm_region *r = region_of(avl_first(&vm->regions)); r; r = vm_next(vm, r))
        n += (r->end - r->start) / PAGE_SIZE;
    return n;
}

size_t vm_data_pages(struct vm *vm)
{
    size_t n = 0;
    for (struct vm_region *r = region_of(avl_first(&vm->regions)); r; r = vm_next(vm, r))
        if ((r->prot & PROT_WRITE) && !(r->flags & (VR_SHARED | VR_STACK)))
            n += (r->end - r->start) / PAGE_SIZE;
    return n;
}

size_t vm_stack_pages(struct vm *vm)
{
    size_t n = 0;
    for (struct vm_region *r = region_of(avl_first(&vm->regions)); r; r = vm_next(vm, r))
        if (r->flags & VR_STACK)
            n += (r->end - r->start) / PAGE_SIZE;
    return n;
}

void vm_region_rekey(struct vm *vm, struct vm_region *r, uintptr_t new_start)
{
    region_remove(vm, r);
    r->offset -= r->start - new_start;
    r->start = new_start;
    region_insert(vm, r);
}

size_t vm_read(struct vm *vm, uintptr_t uaddr, void *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        uintptr_t va = uaddr + done;
        paddr_t pa;
        unsigned flags;
        if (va >= USER_TOP || !arch_mmu_query(&vm->as, va, &pa, &flags) || (flags & MMU_NONE))
            break;
        size_t k = MIN(n - done, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
        memcpy((char *)buf + done, (char *)phys_to_virt(pa) + (va & (PAGE_SIZE - 1)), k);
        done += k;
    }
    return done;
}
