/*
 * Ending processes: exit and exit_group, wait4 and waitpid with Linux's status encoding
 * (wait(2): exit code << 8, or the signal number), orphans handed to init, zombies reaped.
 * Every frame, page table, descriptor and the kernel stack come back: the first three at exit,
 * the stack when the parent reaps (it cannot be freed while it is being run on).
 */
#include <errno.h>
#include <proc_internal.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <vfs.h>
#include <vm.h>
#include <arch/cpu.h>

#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8
#define __WALL     0x40000000
#define __WCLONE   0x80000000

void arch_poweroff(int status);
void fill_rusage(struct proc *p, bool children, void *out);   /* sys_resource.c */

void do_exit(int status)
{
    struct proc *p = current;
    if (p->traced) {
        if (status & 0x7F)
            kprintf("[%d %s] killed by %s\n", p->pid, p->name, signal_name(status & 0x7F));
        else
            kprintf("[%d %s] exit(%d)\n", p->pid, p->name, (status >> 8) & 0xFF);
    }
    if (p->pid == 1) {
        /* init's end is the machine's end: power off with its status, as a shell reports it. */
        int code = (status & 0x7F) ? 128 + (status & 0x7F) : (status >> 8) & 0xFF;
        kprintf("pagewise: init exited with status %d\n", code);
        arch_poweroff(code);
    }
    fdtable_free(p->files);
    p->files = NULL;
    p->exe[0] = '\0';
    struct vm *vm = p->vm;
    p->maxrss_pages = MAX(p->maxrss_pages, vm->hwm);
    p->vm = NULL;
    proc_drop_vm(p, vm);                 /* vm_free switches to the kernel's page tables first */
    vfork_release(p);

    struct proc *init = proc_find(1);
    bool orphan_zombies = false;
    for (struct proc *c = proc_first(); c; c = c->next) {
        if (c->parent != p)
            continue;
        c->parent = init;
        orphan_zombies |= c->state == PROC_ZOMBIE;
    }
    if (orphan_zombies)
        wakeup(init);
    p->exit_status = status;
    p->state = PROC_ZOMBIE;
    wakeup(p->parent);
    schedule();
    panic("a zombie ran again");
}

long sys_exit(int code) { do_exit(W_EXITCODE(code & 0xFF, 0)); }
long sys_exit_group(int code) { do_exit(W_EXITCODE(code & 0xFF, 0)); }

/* wait4's pid: that child, -1 any, 0 any in our process group, -pgid any in that group. */
static bool matches(struct proc *c, int pid)
{
    return pid > 0 ? c->pid == pid : pid == -1 ? true : pid == 0 ? c->pgid == current->pgid
                                                                  : c->pgid == -pid;
}

long sys_wait4(int pid, uintptr_t ustatus, int options, uintptr_t urusage)
{
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
        return -EINVAL;
    for (;;) {
        bool have_child = false;
        for (struct proc *c = proc_first(); c; c = c->next) {
            if (c->parent != current || !matches(c, pid))
                continue;
            have_child = true;
            if (c->state != PROC_ZOMBIE)
                continue;
            if (ustatus && copy_to_user(ustatus, &c->exit_status, sizeof(int)) < 0)
                return -EFAULT;
            if (urusage) {
                uint8_t ru[72];
                fill_rusage(c, false, ru);
                if (copy_to_user(urusage, ru, sizeof ru) < 0)
                    return -EFAULT;
            }
            current->child_minflt += c->minflt + c->child_minflt;
            current->child_majflt += c->majflt + c->child_majflt;
            current->child_user_ticks += c->user_ticks + c->child_user_ticks;
            current->child_kernel_ticks += c->kernel_ticks + c->child_kernel_ticks;
            current->child_maxrss_pages = MAX(current->child_maxrss_pages, MAX(c->maxrss_pages, c->child_maxrss_pages));
            int found = c->pid;
            proc_free(c);
            return found;
        }
        if (!have_child)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        if (sleep_on(current) < 0)
            return -ERESTARTSYS;
    }
}

long sys_waitpid(int pid, uintptr_t ustatus, int options) { return sys_wait4(pid, ustatus, options, 0); }
