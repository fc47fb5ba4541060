/*
 * Locking memory in: mlock, mlock2, munlock, mlockall, munlockall (mlock(2)).
 *
 * A locked region's pages are faulted in when it is locked, and when it grows or is made
 * while mlockall(MCL_FUTURE) is in force; MLOCK_ONFAULT and MCL_ONFAULT lock without that,
 * and pages come as they are touched. pagewise never swaps or reclaims a page, so keeping
 * them resident costs nothing more: what a program sees is the faults happening at once
 * (its fault count jumps, VmRSS grows), VmLck in /proc/PID/status, and MADV_DONTNEED
 * refusing a locked region (EINVAL), all as on Linux. Everyone here is root, so
 * RLIMIT_MEMLOCK does not apply (Linux lets CAP_IPC_LOCK past it). fork's child inherits no
 * lock, execve keeps none.
 */
#include <errno.h>
#include <proc.h>
#include <vm.h>
#include "vm_internal.h"

size_t vm_locked_pages(struct vm *vm)
{
    size_t n = 0;
    for (struct vm_region *r = vm_find_from(vm, 0); r; r = vm_next(vm, r))
        if (r->flags & VR_LOCKED)
            n += (r->end - r->start) / PAGE_SIZE;
    return n;
}

/* Fault in what a locked region needs in [start, end); -ENOMEM where it cannot be (a region
 * without access, or no memory), as Linux's __mm_populate answers mlock. */
static long fault_in(struct vm *vm, uintptr_t start, uintptr_t end)
{
    for (struct vm_region *r = vm_find_from(vm, start); r && r->start < end; r = vm_next(vm, r)) {
        if (!vr_faulted_in(r->flags))
            continue;
        if (r->prot == PROT_NONE)
            return -ENOMEM;
        if (vm_populate(vm, MAX(start, r->start), MIN(end, r->end)) < 0)
            return -ENOMEM;
    }
    return 0;
}

/* Set the lock bits of every region in [start, end) to lock; a hole is ENOMEM (what came
 * before keeps its change, as in Linux's apply_vma_lock_flags). */
static long set_lock(struct vm *vm, uintptr_t start, uintptr_t end, unsigned lock)
{
    struct vm_region *r = vm_find(vm, start);
    if (!r || !vm_split_at_bounds(vm, start, end))
        return -ENOMEM;
    uintptr_t done = start;
    for (r = vm_find(vm, start); done < end; r = vm_next(vm, r)) {
        if (!r || r->start != done)
            return -ENOMEM;
        r->flags = (r->flags & ~VR_LOCK_MASK) | lock;
        r = vm_try_merge(vm, r);
        done = r->end;
    }
    return 0;
}

/* mlock's range: from the page of addr, len more bytes, whole pages, computed as Linux's
 * do_mlock does it (a length that rounds up past the top wraps to nothing: no error). A range
 * that wraps is EINVAL; one that runs into the kernel's half meets a hole: ENOMEM. */
static long lock_range(uintptr_t addr, size_t len, unsigned lock)
{
    uintptr_t start = page_down(addr), end = start + page_up(len + (addr & (PAGE_SIZE - 1)));
    if (end < start)
        return -EINVAL;
    if (end == start)
        return 0;
    struct vm *vm = current->vm;
    long err = set_lock(vm, start, end, lock);
    return err ? err : lock ? fault_in(vm, start, end) : 0;
}

long sys_mlock(uintptr_t addr, size_t len) { return lock_range(addr, len, VR_LOCKED); }
long sys_munlock(uintptr_t addr, size_t len) { return lock_range(addr, len, 0); }

long sys_mlock2(uintptr_t addr, size_t len, unsigned flags)
{
    if (flags & ~MLOCK_ONFAULT)
        return -EINVAL;
    return lock_range(addr, len, VR_LOCKED | (flags & MLOCK_ONFAULT ? VR_LOCKONFAULT : 0));
}

long sys_mlockall(unsigned flags)
{
    if (!(flags & (MCL_CURRENT | MCL_FUTURE)) || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)))
        return -EINVAL;
    struct vm *vm = current->vm;
    unsigned lock = VR_LOCKED | (flags & MCL_ONFAULT ? VR_LOCKONFAULT : 0);
    vm->lock_future = flags & MCL_FUTURE ? lock : 0;
    if (!(flags & MCL_CURRENT))
        return 0;
    for (struct vm_region *r = vm_find_from(vm, 0); r; r = vm_next(vm, r)) {
        r->flags = (r->flags & ~VR_LOCK_MASK) | lock;
        r = vm_try_merge(vm, r);
    }
    /* As Linux's mm_populate for mlockall: what cannot be faulted in (PROT_NONE, or no
     * memory left) is passed over, not an error. */
    if (!(lock & VR_LOCKONFAULT))
        for (struct vm_region *r = vm_find_from(vm, 0); r; r = vm_next(vm, r))
            if (r->prot != PROT_NONE)
                vm_populate(vm, r->start, r->end);
    return 0;
}

long sys_munlockall(void)
{
    struct vm *vm = current->vm;
    vm->lock_future = 0;
    for (struct vm_region *r = vm_find_from(vm, 0); r; r = vm_next(vm, r)) {
        r->flags &= ~VR_LOCK_MASK;
        r = vm_try_merge(vm, r);
    }
    return 0;
}
