/*
 * The page-fault handler, in layers as Linux's mm does it: find the region (growing the stack
 * when the address is just below it), check the access against the region's protection, then
 * fill the page: zeros (or the shared zero page for a read), the file's data, or a private copy
 * of a copy-on-write page. It answers with a result; arch/x86 decides what that means.
 */
#include <errno.h>
#include <pmm.h>
#include <proc.h>
#include <vfs.h>
#include <vm.h>
#include "vm_internal.h"

static paddr_t the_zero_page;

paddr_t zero_page(void)
{
    if (!the_zero_page && !(the_zero_page = pmm_alloc_zeroed(FRAME_ZERO)))
        panic("no frame for the zero page");
    return the_zero_page;
}

enum fill_kind { FILL_ZERO, FILL_ZERO_PAGE, FILL_FILE, FILL_COW, FILL_REUSE, FILL_SHARED };
static const char *const fill_names[] = {
    [FILL_ZERO] = "zero-fill", [FILL_ZERO_PAGE] = "zero-page", [FILL_FILE] = "file",
    [FILL_COW] = "copy-on-write", [FILL_REUSE] = "copy-on-write (last user, reused)",
    [FILL_SHARED] = "shared",
};

static void account(enum fill_kind kind, uintptr_t addr, unsigned access, paddr_t pa, bool grew)
{
    vm_events.pgfault++;
    vm_events.pgmajfault += kind == FILL_FILE;
    if (!current)
        return;
    struct proc *g = proc_group(current);
    if (kind == FILL_FILE) {
        current->thread_majflt++;
        g->majflt++;
    } else {
        current->thread_minflt++;
        g->minflt++;
    }
    if (current->traced)
        kprintf("[%d %s] fault 0x%08x %s %s%s -> frame %#x\n", current->pid, current->name,
                (unsigned)addr, access & FAULT_WRITE ? "write" : "read", fill_names[kind],
                grew ? " (stack growth)" : "", pa);
}

/* The stack region grows down towards addr when addr lies within the stack limit of the stack
 * top and does not come closer than the guard gap to the region below. */
static struct vm_region *grow_stack(struct vm *vm, uintptr_t addr)
{
    struct vm_region *r = vm_find_from(vm, addr);
    if (!r || !(r->flags & VR_GROWSDOWN) || addr >= r->start)
        return NULL;
    if (addr < vm->stack_top - STACK_LIMIT)
        return NULL;
    struct vm_region *below = vm_prev(vm, r);
    uintptr_t new_start = page_down(addr);
    if (below && new_start < below->end + STACK_GUARD_GAP)
        return NULL;
    vm_region_rekey(vm, r, new_start);
    return r;
}

static bool access_allowed(const struct vm_region *r, unsigned access)
{
    if (access & FAULT_WRITE)
        return r->prot & PROT_WRITE;
    return r->prot & (PROT_READ | PROT_EXEC);     /* x86 cannot tell reads from executes */
}

static paddr_t read_file_page(struct vm_region *r, uintptr_t page, enum fault_result *err)
{
    uint64_t foff = r->offset + (page - r->start);
    paddr_t pa = pmm_alloc_zeroed(FRAME_ANON);
    if (!pa) {
        *err = FAULT_OOM;
        return 0;
    }
    if (foff < r->file_end) {
        size_t want = (size_t)MIN((uint64_t)PAGE_SIZE, r->file_end - foff);
        long got = r->file->ops->pread_kernel(r->file, phys_to_virt(pa), want, foff);
        if (got <= 0 && r->file_end == UINT64_MAX) {
            pmm_free(pa);          /* a whole page past the end of the file: SIGBUS, as Linux */
            *err = FAULT_BUS;
            return 0;
        }
    }
    return pa;
}

/* Fill a page that is not present. */
static enum fault_result fill(struct vm *vm, struct vm_region *r, uintptr_t page, unsigned access,
                              enum fill_kind *kind, paddr_t *out)
{
    enum fault_result err = FAULT_OOM;
    paddr_t pa;
    bool writable = true;
    if (r->shared) {
        uint64_t off = r->offset + (page - r->start);
        if (off >= shmem_size(r->shared))
            return FAULT_BUS;               /* a page wholly past the end of the file: SIGBUS */
        pa = shmem_page(r->shared, (size_t)(off / PAGE_SIZE));
        *kind = FILL_SHARED;
    } else if (r->file) {
        pa = read_file_page(r, page, &err);
        *kind = FILL_FILE;
        writable = !(r->flags & VR_SHARED);   /* shared file mappings are read-only here */
    } else if (!(access & FAULT_WRITE)) {
        pa = zero_page();                     /* reads of untouched memory share one frame */
        writable = false;
        *kind = FILL_ZERO_PAGE;
    } else {
        pa = pmm_alloc_zeroed(FRAME_ANON);
        *kind = FILL_ZERO;
    }
    if (!pa)
        return err;
    bool ok;
    vm_map_page(vm, page, pa, region_mmu_flags(r, writable), &ok);
    if (!ok) {
        release_frame(pa);
        return FAULT_OOM;
    }
    if (r->shared && r->file && (access & FAULT_WRITE) && r->file->ops->mapping_written)
        r->file->ops->mapping_written(r->file);
    *out = pa;
    return FAULT_HANDLED;
}

/* A write to a present read-only page of a writable private region: copy-on-write. */
static enum fault_result break_cow(struct vm *vm, struct vm_region *r, uintptr_t page,
                                   enum fill_kind *kind, paddr_t *out)
{
    paddr_t old;
    if (!arch_mmu_query(&vm->as, page, &old, NULL))
        return FAULT_SEGV_ACCERR;
    if (old != zero_page() && pmm_refcount(old) == 1) {
        arch_mmu_protect(&vm->as, page, region_mmu_flags(r, true));   /* the last user keeps it */
        *kind = FILL_REUSE;
        *out = old;
        return FAULT_HANDLED;
    }
    paddr_t pa = pmm_alloc(FRAME_ANON);
    if (!pa)
        return FAULT_OOM;
    memcpy(phys_to_virt(pa), phys_to_virt(old), PAGE_SIZE);
    bool ok;
    vm_map_page(vm, page, pa, region_mmu_flags(r, true), &ok);   /* drops the old reference */
    if (!ok) {
        pmm_free(pa);
        return FAULT_OOM;
    }
    *kind = old == zero_page() ? FILL_ZERO : FILL_COW;
    *out = pa;
    return FAULT_HANDLED;
}

enum fault_result vm_fault(struct vm *vm, uintptr_t addr, unsigned access)
{
    if (addr >= USER_TOP)
        return FAULT_SEGV_MAPERR;
    bool grew = false;
    struct vm_region *r = vm_find(vm, addr);
    if (!r) {
        r = grow_stack(vm, addr);
        if (!r)
            return FAULT_SEGV_MAPERR;
        grew = true;
    }
    if (!access_allowed(r, access))
        return FAULT_SEGV_ACCERR;

    uintptr_t page = page_down(addr);
    enum fill_kind kind;
    paddr_t pa = 0;
    enum fault_result res;
    if (access & FAULT_PRESENT) {
        if (!(access & FAULT_WRITE) || (r->flags & VR_SHARED && r->file))
            return FAULT_SEGV_ACCERR;
        res = break_cow(vm, r, page, &kind, &pa);
    } else if (arch_mmu_query(&vm->as, page, NULL, NULL)) {
        /* Present by now (another path filled it, or a kernel access to a read-only page
         * reported as not-present on some CPUs): treat as the protection case. */
        res = access & FAULT_WRITE ? break_cow(vm, r, page, &kind, &pa) : FAULT_HANDLED;
        if (!(access & FAULT_WRITE))
            return res;
    } else {
        res = fill(vm, r, page, access, &kind, &pa);
    }
    if (res == FAULT_HANDLED)
        account(kind, addr, access, pa, grew);
    return res;
}

bool vm_copy_pages(struct vm *parent, struct vm *child, struct vm_region *r)
{
    for (uintptr_t va = r->start; va < r->end && va != 0;) {
        uintptr_t next = arch_mmu_next_candidate(&parent->as, va);
        if (next != va) {
            va = next;
            continue;
        }
        paddr_t pa;
        unsigned flags;
        if (arch_mmu_query(&parent->as, va, &pa, &flags)) {
            if (!(r->flags & VR_SHARED) && (flags & MMU_WRITE)) {
                flags &= ~MMU_WRITE;                /* both sides read-only: copy on write */
                arch_mmu_protect(&parent->as, va, flags);
            }
            if (pa != zero_page())
                pmm_ref(pa);
            bool ok;
            vm_map_page(child, va, pa, flags, &ok);
            if (!ok) {
                release_frame(pa);
                return false;
            }
        }
        va += PAGE_SIZE;
    }
    return true;
}

/* As Linux's populate_vma_page_range: a writable private page is faulted in as a write, so a
 * page present but shared read-only (the zero page, copy-on-write after fork) gets its own
 * frame too. */
int vm_populate(struct vm *vm, uintptr_t start, uintptr_t end)
{
    for (uintptr_t va = start; va < end; va += PAGE_SIZE) {
        struct vm_region *r = vm_find(vm, va);
        if (!r || r->prot == PROT_NONE)
            continue;
        unsigned access = (r->prot & PROT_WRITE) && !(r->flags & VR_SHARED && r->file) ? FAULT_WRITE : 0;
        unsigned flags;
        if (arch_mmu_query(&vm->as, va, NULL, &flags) && (!access || (flags & MMU_WRITE)))
            continue;
        enum fault_result res = vm_fault(vm, va, access);
        if (res == FAULT_OOM)
            return -ENOMEM;
    }
    return 0;
}
