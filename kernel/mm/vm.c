/*
 * Address spaces: creation, cloning for fork, freeing, and the page-level work of unmapping,
 * changing protection and discarding. Pages are never allocated here (habit 5): vm_fault
 * (fault.c) is the one place user frames come from. The regions themselves: region.c.
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

void vm_shmem_shrunk(struct vm_region *r, uint64_t size)
{
    uint64_t keep = ((size + PAGE_SIZE - 1) / PAGE_SIZE) * PAGE_SIZE;   /* bytes of whole pages */
    if (r->offset + (r->end - r->start) <= keep)
        return;
    uintptr_t from = r->offset >= keep ? r->start : r->start + (uintptr_t)(keep - r->offset);
    vm_release_pages(r->vm, from, r->end);
}

int vm_unmap(struct vm *vm, uintptr_t start, uintptr_t end)
{
    if (!vm_split_at_bounds(vm, start, end))
        return -ENOMEM;
    struct vm_region *r = vm_find_from(vm, start);
    while (r && r->start < end) {
        struct vm_region *next = vm_next(vm, r);
        vm_release_pages(vm, r->start, r->end);
        vm_region_remove(vm, r);
        vm_region_free(r);
        r = next;
    }
    /* The page tables that now cover only the hole around [start, end) go back too, as Linux's
     * free_pgtables gives them back: a process that maps and unmaps all over its address
     * space does not keep collecting empty tables until it exits. */
    struct vm_region *below = region_of(avl_floor(&vm->regions, start));
    struct vm_region *above = region_of(avl_ceil(&vm->regions, start));
    arch_mmu_free_tables(&vm->as, below ? below->end : 0, above ? above->start : USER_TOP);
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

/* Can r take prot? Not writable when what it shares may not be written (EACCES). */
static bool prot_allowed(const struct vm_region *r, unsigned prot)
{
    return !((r->flags & VR_NO_WRITE) && (prot & PROT_WRITE));
}

/* Like Linux's mprotect: the regions are changed in order, and a hole stops it with ENOMEM, a
 * region that cannot take prot with EACCES; what came before keeps its new protection. */
int vm_protect(struct vm *vm, uintptr_t start, uintptr_t end, unsigned prot)
{
    struct vm_region *r = vm_find(vm, start);
    if (!r)
        return -ENOMEM;
    if (!vm_split_at_bounds(vm, start, end))
        return -ENOMEM;
    r = vm_find(vm, start);
    uintptr_t done = start;
    while (done < end) {
        if (!r || r->start != done)
            return -ENOMEM;
        if (!prot_allowed(r, prot)) {
            vm_try_merge(vm, r);             /* undo the splits in what stays as it was */
            return -EACCES;
        }
        r->prot = prot;
        reprotect_pages(vm, r);
        r = vm_try_merge(vm, r);             /* may swallow the next one too */
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
        struct vm_region *c = vm_region_copy(r, vm);
        if (!c)
            goto fail;
        c->flags &= ~VR_LOCK_MASK;          /* memory locks are not inherited (mlock(2)) */
        vm_region_insert(vm, c);
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
        vm_region_remove(vm, r);
        vm_region_free(r);
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

size_t vm_access(struct vm *vm, uintptr_t uaddr, void *buf, size_t n, bool write)
{
    size_t done = 0;
    while (done < n) {
        uintptr_t va = uaddr + done;
        paddr_t pa;
        unsigned flags;
        if (va >= USER_TOP)
            break;
        bool mapped = arch_mmu_query(&vm->as, va, &pa, &flags);
        if (!mapped || (flags & MMU_NONE) || (write && !(flags & MMU_WRITE))) {
            unsigned access = (write ? FAULT_WRITE : 0) | FAULT_USER | (mapped ? FAULT_PRESENT : 0);
            if (vm_fault(vm, va, access) != FAULT_HANDLED || !arch_mmu_query(&vm->as, va, &pa, &flags) ||
                (flags & MMU_NONE) || (write && !(flags & MMU_WRITE)))
                break;
        }
        size_t k = MIN(n - done, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
        char *page = (char *)phys_to_virt(pa) + (va & (PAGE_SIZE - 1));
        if (write)
            memcpy(page, (const char *)buf + done, k);
        else
            memcpy((char *)buf + done, page, k);
        done += k;
    }
    return done;
}

int vm_write(struct vm *vm, uintptr_t uaddr, const void *buf, size_t n)
{
    return vm_access(vm, uaddr, (void *)buf, n, true) == n ? 0 : -EFAULT;
}
