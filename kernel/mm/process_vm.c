/*
 * process_vm_readv and process_vm_writev (process_vm_readv(2)): copy between the caller's
 * memory and another process's, without that process doing anything. Its pages are faulted
 * in as its own accesses would fault them (a read of untouched memory reads zeros, a write
 * breaks copy-on-write), counted in neither process's faults, as Linux's remote accesses are
 * not. The copy stops at the first page the other process could not touch itself (unmapped,
 * PROT_NONE, read-only for a write): the answer is then the bytes copied, or EFAULT if none
 * were. Everyone here is root, who may look into any process (Linux asks for ptrace access).
 */
#include <errno.h>
#include <kheap.h>
#include <proc.h>
#include <uaccess.h>
#include <vm.h>

#define IOV_MAX 1024                    /* Linux's UIO_MAXIOV */

#define MAX_TOTAL 0x7fffffffu           /* what ssize_t holds */

static long transfer(int pid, uintptr_t ulocal, unsigned long nlocal, uintptr_t uremote,
                     unsigned long nremote, unsigned long flags, bool write)
{
    if (flags || nlocal > IOV_MAX || nremote > IOV_MAX)
        return -EINVAL;
    long err;
    struct iovec32 *local = iovecs_from_user(ulocal, nlocal, MAX_TOTAL, &err), *remote = NULL;
    if (local)
        remote = iovecs_from_user(uremote, nremote, MAX_TOTAL, &err);
    struct proc *p = pid > 0 ? proc_find(pid) : NULL;
    struct vm *vm = p ? p->vm : NULL;
    char *bounce = remote ? kmalloc(PAGE_SIZE) : NULL;
    long done = 0;
    if (!remote || !bounce)
        err = remote ? -ENOMEM : err;
    else if (!vm)
        err = -ESRCH;                   /* none, or a zombie with no memory left */
    unsigned long li = 0, ri = 0;
    uint32_t loff = 0, roff = 0;
    while (!err && li < nlocal && ri < nremote) {
        if (loff == local[li].len) {
            li++, loff = 0;
            continue;
        }
        if (roff == remote[ri].len) {
            ri++, roff = 0;
            continue;
        }
        size_t k = MIN(MIN(local[li].len - loff, remote[ri].len - roff), PAGE_SIZE);
        uintptr_t l = local[li].base + loff, r = remote[ri].base + roff;
        size_t got;
        if (write) {
            if (copy_from_user(bounce, l, k) < 0) {
                err = -EFAULT;
                break;
            }
            got = vm_access(vm, r, bounce, k, true);
        } else {
            got = vm_access(vm, r, bounce, k, false);
            if (got && copy_to_user(l, bounce, got) < 0) {
                err = -EFAULT;
                break;
            }
        }
        done += (long)got;
        loff += (uint32_t)got;
        roff += (uint32_t)got;
        if (got < k) {
            err = done ? 0 : -EFAULT;
            break;
        }
    }
    kfree(bounce);
    kfree(remote);
    kfree(local);
    return done ? done : err;
}

long sys_process_vm_readv(int pid, uintptr_t local, unsigned long nlocal, uintptr_t remote,
                          unsigned long nremote, unsigned long flags)
{
    return transfer(pid, local, nlocal, remote, nremote, flags, false);
}

long sys_process_vm_writev(int pid, uintptr_t local, unsigned long nlocal, uintptr_t remote,
                           unsigned long nremote, unsigned long flags)
{
    return transfer(pid, local, nlocal, remote, nremote, flags, true);
}
