/*
 * fork, vfork and clone: a copy of the calling process. Memory is shared copy-on-write
 * (vm_clone), descriptors are shared open files. vfork also makes the parent wait until the
 * child has called execve or exited, as vfork(2) promises; the memory is still copied-on-write,
 * so a child that writes before exec cannot corrupt the parent.
 *
 * clone does what static glibc asks of it: fork is clone(SIGCHLD | CLONE_CHILD_SETTID |
 * CLONE_CHILD_CLEARTID), posix_spawn and system are clone(CLONE_VM | CLONE_VFORK | SIGCHLD)
 * on a stack of their own. With CLONE_VM the child really runs in the parent's memory until
 * it execs or exits (the parent sleeps meanwhile): that is how posix_spawn's child reports a
 * failed execve to its parent. Threads (CLONE_THREAD, CLONE_SIGHAND, CLONE_VM without
 * CLONE_VFORK), shared tables, namespaces and exit signals other than SIGCHLD are EINVAL: a
 * pagewise process has one thread.
 */
#include <errno.h>
#include <proc_internal.h>
#include <sched.h>
#include <timer.h>
#include <vfs.h>
#include <vm.h>
#include <signal.h>
#include <uaccess.h>
#include <arch/cpu.h>

/* p is done with vm (it exits, or execs another program): free it, unless it was borrowed
 * from a vfork parent, or a vfork child is still running in it: then that child keeps it,
 * and frees it when it is done (the parent was killed, or woke for a signal, and left). */
void proc_drop_vm(struct proc *p, struct vm *vm)
{
    if (p->vm_borrowed) {
        p->vm_borrowed = false;
        return;
    }
    for (struct proc *c = proc_first(); c; c = c->next)
        if (c->vm == vm && c->vm_borrowed && c != p) {
            c->vm_borrowed = false;
            return;
        }
    for (struct proc *c = proc_first(); c; c = c->next)
        if (c->vm == vm && c != p)
            panic("pid %d's address space freed while pid %d runs in it", p->pid, c->pid);
    vm_free(vm);
}

static bool child_vfork_pending(int pid)
{
    struct proc *c = proc_find(pid);
    return c && c->vfork_parent == current && c->state != PROC_ZOMBIE;
}

struct fork_how {
    bool vfork;                 /* the parent waits for the child's execve or exit */
    bool share_vm;              /* the child runs in the parent's memory meanwhile */
    uintptr_t sp;               /* the child's stack pointer; 0: the parent's */
    uintptr_t child_tid;        /* CLONE_CHILD_SETTID: the child's pid goes here, in its memory */
};

static long do_fork(const struct fork_how *how)
{
    if (proc_count() >= proc_limit())
        return -EAGAIN;                 /* as Linux at threads-max */
    struct proc *child = proc_alloc();
    if (!child)
        return -ENOMEM;
    child->vm = how->share_vm ? current->vm : vm_clone(current->vm);
    child->vm_borrowed = how->share_vm;
    child->files = child->vm ? fdtable_clone(current->files) : NULL;
    if (!child->files || (how->child_tid &&
                          vm_write(child->vm, how->child_tid, &child->pid, sizeof child->pid) < 0)) {
        long err = child->files ? -EFAULT : -ENOMEM;
        if (child->files)
            fdtable_free(child->files);
        if (child->vm && !child->vm_borrowed)
            vm_free(child->vm);
        proc_free(child);
        return err;
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
    if (how->sp)
        arch_set_user_sp(child->tf, how->sp);
    int pid = child->pid;
    if (how->vfork)
        child->vfork_parent = current;
    sched_add(child);
    if (how->vfork)
        while (child_vfork_pending(pid))
            if (sleep_on(child) < 0)
                break;
    return pid;
}

long sys_fork(void) { return do_fork(&(struct fork_how){ .vfork = false }); }
long sys_vfork(void) { return do_fork(&(struct fork_how){ .vfork = true }); }

#define CSIGNAL              0x000000ff
#define CLONE_VM             0x00000100
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000     /* ignored by Linux too */
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID | \
                         CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID)

/* i386 argument order (CLONE_BACKWARDS): flags, stack, parent_tid, tls, child_tid.
 * CLONE_CHILD_CLEARTID is accepted and has nothing to do: Linux clears the word only when
 * the memory is shared with other threads, which a pagewise process never has. */
long sys_clone(uint32_t flags, uintptr_t sp, uintptr_t parent_tid, uintptr_t tls, uintptr_t child_tid)
{
    (void)tls;
    if ((flags & ~(uint32_t)CLONE_SUPPORTED) || (flags & CSIGNAL) != SIGCHLD ||
        ((flags & CLONE_VM) && !(flags & CLONE_VFORK)))
        return -EINVAL;
    struct fork_how how = {
        .vfork = flags & CLONE_VFORK, .share_vm = flags & CLONE_VM, .sp = sp,
        .child_tid = flags & CLONE_CHILD_SETTID ? child_tid : 0,
    };
    long pid = do_fork(&how);
    if (pid > 0 && (flags & CLONE_PARENT_SETTID) && copy_to_user(parent_tid, &pid, sizeof(int32_t)) < 0)
        return -EFAULT;
    return pid;
}
