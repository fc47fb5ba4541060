/*
 * fork, vfork and clone: a copy of the calling process, or a new thread in it. Memory is
 * shared copy-on-write (vm_clone), descriptors are shared open files. vfork also makes the
 * parent wait until the child has called execve or exited, as vfork(2) promises; the memory
 * is still copied-on-write, so a child that writes before exec cannot corrupt the parent.
 * A process forked by one of several threads has one thread, the one that forked.
 *
 * clone does what static glibc asks of it: fork is clone(SIGCHLD | CLONE_CHILD_SETTID |
 * CLONE_CHILD_CLEARTID), posix_spawn and system are clone(CLONE_VM | CLONE_VFORK | SIGCHLD)
 * on a stack of their own. With CLONE_VM the child really runs in the parent's memory until
 * it execs or exits (the parent sleeps meanwhile): that is how posix_spawn's child reports a
 * failed execve to its parent. pthread_create is clone(CLONE_VM | CLONE_FS | CLONE_FILES |
 * CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
 * CLONE_CHILD_CLEARTID): a thread, which shares everything but its registers, stack, TLS and
 * signal mask (kernel/include/proc.h). The sharing comes whole: a thread that does not share
 * its memory, descriptors, directory and handlers, or a process that shares some of them,
 * a thread of a vfork child still in its parent's memory, namespaces, and exit signals other
 * than SIGCHLD are EINVAL.
 */
#include <abi/sched.h>
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

/* The new thread or process p goes on from the caller's system call, as the caller, with 0
 * for its result and (sp not 0) a stack of its own. */
static void resume_as_caller(struct proc *p, uintptr_t sp)
{
    *p->tf = *current->tf;
    arch_set_syscall_return(p->tf, 0);
    if (sp)
        arch_set_user_sp(p->tf, sp);
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
    uintptr_t clear_tid;        /* CLONE_CHILD_CLEARTID: 0 goes there when the child's thread ends */
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
    struct proc *g = proc_group(current);
    child->parent = g;
    memcpy(child->name, current->name, sizeof child->name);
    memcpy(child->cwd, g->cwd, sizeof child->cwd);
    child->umask = g->umask;
    child->pgid = g->pgid;
    child->sid = g->sid;
    memcpy(child->exe, g->exe, sizeof child->exe);
    child->arch = current->arch;
    child->traced = current->traced;
    signal_fork(child, current);
    child->start_tick = timer_ticks();
    resume_as_caller(child, how->sp);
    child->clear_child_tid = how->clear_tid;
    int pid = child->pid;
    if (how->vfork)
        child->vfork_parent = current;
    sched_add(child);
    /* Only a fatal signal ends the wait (Linux's TASK_KILLABLE), and then this thread is on
     * its way out: returning to the program while the child still runs on its stack would
     * let both write there. */
    if (how->vfork)
        while (child_vfork_pending(pid) && !current->kill_signal)
            sleep_uninterruptible(child);
    return pid;
}

long sys_fork(void) { return do_fork(&(struct fork_how){ .vfork = false }); }
long sys_vfork(void) { return do_fork(&(struct fork_how){ .vfork = true }); }

/* CLONE_SYSVSEM (there is no System V IPC to share) and CLONE_DETACHED (which Linux ignores too)
 * are accepted and change nothing. */
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_VFORK | \
                         CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
                         CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID)
#define CLONE_SHARE_ALL (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)

/* A new thread of the caller's process, starting on stack sp with the caller's registers and
 * 0 in eax. Like Linux, the tid goes to parent_tid and child_tid before it first runs. */
static long new_thread(uint32_t flags, uintptr_t sp, uintptr_t parent_tid, uintptr_t tls,
                       uintptr_t child_tid)
{
    /* A vfork child runs in memory it borrowed until it execs or exits; threads in there could
     * outlive both the loan and the lender's address space. */
    if (current->vm_borrowed)
        return -EINVAL;
    if (proc_count() >= proc_limit())
        return -EAGAIN;
    struct proc *t = proc_alloc();
    if (!t)
        return -EAGAIN;                 /* as Linux when it has no memory for a task */
    t->arch = current->arch;
    long err = flags & CLONE_SETTLS ? arch_tls_for_new_thread(&t->arch, tls) : 0;
    int32_t tid = t->pid;
    if (!err && (flags & CLONE_PARENT_SETTID) && copy_to_user(parent_tid, &tid, sizeof tid) < 0)
        err = -EFAULT;
    if (!err && (flags & CLONE_CHILD_SETTID) && copy_to_user(child_tid, &tid, sizeof tid) < 0)
        err = -EFAULT;
    if (err) {
        proc_free(t);
        return err;
    }
    struct proc *g = proc_group(current);
    t->group = g;
    t->vm = current->vm;
    t->files = current->files;
    memcpy(t->name, current->name, sizeof t->name);
    t->traced = current->traced;
    t->sig_blocked = current->sig_blocked;        /* the signal stack is not inherited */
    t->clear_child_tid = flags & CLONE_CHILD_CLEARTID ? child_tid : 0;
    t->start_tick = timer_ticks();
    resume_as_caller(t, sp);
    sched_add(t);
    return tid;
}

/* i386 argument order (CLONE_BACKWARDS): flags, stack, parent_tid, tls, child_tid. */
long sys_clone(uint32_t flags, uintptr_t sp, uintptr_t parent_tid, uintptr_t tls, uintptr_t child_tid)
{
    if (flags & ~(uint32_t)CLONE_SUPPORTED)
        return -EINVAL;
    if (flags & CLONE_THREAD)
        return (flags & CLONE_SHARE_ALL) == CLONE_SHARE_ALL && !(flags & CLONE_VFORK)
                   ? new_thread(flags, sp, parent_tid, tls, child_tid) : -EINVAL;
    if ((flags & CSIGNAL) != SIGCHLD || (flags & (CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_SETTLS)) ||
        ((flags & CLONE_VM) && !(flags & CLONE_VFORK)))
        return -EINVAL;
    struct fork_how how = {
        .vfork = flags & CLONE_VFORK, .share_vm = flags & CLONE_VM, .sp = sp,
        .child_tid = flags & CLONE_CHILD_SETTID ? child_tid : 0,
        .clear_tid = flags & CLONE_CHILD_CLEARTID ? child_tid : 0,
    };
    long pid = do_fork(&how);
    if (pid > 0 && (flags & CLONE_PARENT_SETTID) && copy_to_user(parent_tid, &pid, sizeof(int32_t)) < 0)
        return -EFAULT;
    return pid;
}
