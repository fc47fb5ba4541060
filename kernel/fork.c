/*
 * fork and vfork: a copy of the calling process. Memory is shared copy-on-write (vm_clone),
 * descriptors are shared open files. vfork also makes the parent wait until the child has
 * called execve or exited, as vfork(2) promises; the memory is still copied-on-write, so a
 * child that writes before exec cannot corrupt the parent.
 */
#include <errno.h>
#include <proc_internal.h>
#include <sched.h>
#include <timer.h>
#include <vfs.h>
#include <vm.h>
#include <arch/cpu.h>

static bool child_vfork_pending(int pid)
{
    struct proc *c = proc_find(pid);
    return c && c->vfork_parent == current && c->state != PROC_ZOMBIE;
}

static long do_fork(bool vfork)
{
    if (proc_count() >= proc_limit())
        return -EAGAIN;                 /* as Linux at threads-max */
    struct proc *child = proc_alloc();
    if (!child)
        return -ENOMEM;
    child->vm = vm_clone(current->vm);
    child->files = child->vm ? fdtable_clone(current->files) : NULL;
    if (!child->files) {
        if (child->vm)
            vm_free(child->vm);
        proc_free(child);
        return -ENOMEM;
    }
    child->parent = current;
    memcpy(child->name, current->name, sizeof child->name);
    memcpy(child->cwd, current->cwd, sizeof child->cwd);
    child->umask = current->umask;
    child->pgid = current->pgid;
    child->sid = current->sid;
    memcpy(child->exe, current->exe, sizeof child->exe);
    child->arch = current->arch;
    child->traced = current->traced;
    signal_fork(child, current);
    child->start_tick = timer_ticks();
    *child->tf = *current->tf;
    arch_set_syscall_return(child->tf, 0);   /* fork returns 0 in the child */
    int pid = child->pid;
    if (vfork)
        child->vfork_parent = current;
    sched_add(child);
    if (vfork)
        while (child_vfork_pending(pid))
            if (sleep_on(child) < 0)
                break;
    return pid;
}

long sys_fork(void) { return do_fork(false); }
long sys_vfork(void) { return do_fork(true); }
