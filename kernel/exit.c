/*
 * Ending threads and processes: exit ends the calling thread, exit_group (and every fatal
 * signal) the whole process; the process ends with its last thread. wait4, waitpid (Linux's
 * status encoding, wait(2): exit code << 8, or the signal number) and waitid (a siginfo) see
 * the process end; orphans are handed to init, zombies reaped.
 * Every frame, page table, descriptor and the kernel stack come back: the first three when the
 * process ends, the stack when the parent reaps (it cannot be freed while it is being run on);
 * a thread other than the leader is freed by the scheduler once it has switched away.
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
#define WSTOPPED   2           /* waitid's name for it */
#define WEXITED    4
#define WCONTINUED 8
#define WNOWAIT    0x01000000
#define __WALL     0x40000000
#define __WCLONE   0x80000000

void arch_poweroff(int status);
void fill_rusage(struct proc *t, int who, void *out);   /* sys_resource.c: who 0 is RUSAGE_SELF */

/* The last thread of g's process has ended (t, with status): what the process held goes back,
 * its children go to init, and its parent hears of it: SIGCHLD, and a zombie to wait for,
 * unless the parent has its children reaped without waiting (then nothing is left). */
static NORETURN void process_end(struct proc *t, struct proc *g, int status)
{
    if (g->traced || t->traced) {
        if (status & 0x7F)
            kprintf("[%d %s] killed by %s\n", g->pid, t->name, signal_name(status & 0x7F));
        else
            kprintf("[%d %s] exit(%d)\n", g->pid, t->name, (status >> 8) & 0xFF);
    }
    if (g->pid == 1) {
        /* init's end is the machine's end: power off with its status, as a shell reports it. */
        int code = (status & 0x7F) ? 128 + (status & 0x7F) : (status >> 8) & 0xFF;
        kprintf("pagewise: init exited with status %d\n", code);
        arch_poweroff(code);
    }
    futex_release_robust(t);             /* mutexes in memory shared with other processes */
    fdtable_free(t->files);
    t->files = NULL;
    g->exe[0] = '\0';
    struct vm *vm = t->vm;
    g->maxrss_pages = MAX(g->maxrss_pages, vm->hwm);
    t->vm = NULL;
    proc_drop_vm(t, vm);                 /* vm_free switches to the kernel's page tables first */
    vfork_release(t);

    pgrp_process_ending(g);
    struct proc *init = proc_find(1);
    bool orphan_zombies = false;
    for (struct proc *c = proc_first(); c; c = c->next) {
        if (c->parent != g)
            continue;
        c->parent = init;
        orphan_zombies |= c->state == PROC_ZOMBIE;
    }
    if (orphan_zombies)
        wakeup(init);
    g->exit_status = status;
    if (t != g)
        proc_mark_dead(t);
    if (signal_child_ended(g->parent, g->pid, status))
        proc_mark_dead(g);               /* the parent has its children reaped without waiting */
    else
        g->state = PROC_ZOMBIE;
    wakeup(g->parent);                   /* its wait4 may be for this one, or now have none */
    schedule();
    panic("a zombie ran again");
}

/* Linux's mm_release: a thread that ends while others share its memory zeroes the word
 * set_tid_address (or CLONE_CHILD_CLEARTID) named, and wakes one futex waiter there:
 * that is how pthread_join learns of it. Errors are ignored, as Linux does. */
static void clear_child_tid(struct proc *t)
{
    uintptr_t addr = t->clear_child_tid;
    t->clear_child_tid = 0;
    int32_t zero = 0;
    if (addr && copy_to_user(addr, &zero, sizeof zero) == 0)
        futex_wake_shared(t->vm, addr, 1);
}

/* The process's status is exit_group's code (or the fatal signal) if there was one, else the
 * leader's exit code, whichever thread ends last (Linux's wait_task_zombie). */
void thread_exit(int status)
{
    struct proc *t = current, *g = proc_group(t);
    if (g->group_exiting || (t != g && proc_exited(g)))
        status = g->exit_status;
    if (proc_live_threads(g) == 1)
        process_end(t, g, status);
    futex_release_robust(t);
    clear_child_tid(t);
    vfork_release(t);
    t->vm = NULL;                           /* the others' still */
    t->files = NULL;
    if (t == g) {
        t->exit_status = status;
        t->state = PROC_ZOMBIE;             /* the process's, reported once its last thread ends */
    } else {
        proc_mark_dead(t);
    }
    wakeup(g);                              /* an execve waiting for the other threads to go */
    signal_thread_gone(g);                  /* a stop waiting for this thread is complete */
    schedule();
    panic("an exited thread ran again");
}

/* Every other thread of the process is killed; the last to go ends the process with status. */
void do_exit(int status)
{
    struct proc *g = proc_group(current);
    if (!g->group_exiting && !g->de_threading) {
        g->group_exiting = true;
        g->exit_status = status;
        signal_kill_threads(g, current);
    }
    thread_exit(status);
}

long sys_exit(int code) { thread_exit(W_EXITCODE(code & 0xFF, 0)); }
long sys_exit_group(int code) { do_exit(W_EXITCODE(code & 0xFF, 0)); }

/* Which children a wait is for: that pid, any, or any in a process group. */
struct wait_for {
    enum { ONE, ANY, GROUP } which;
    int id;
};

static bool matches(const struct proc *c, const struct wait_for *w)
{
    return w->which == ANY || (w->which == ONE ? c->pid == w->id : c->pgid == w->id);
}

/* The child's figures go to its parent's totals, and its last kernel memory is freed. */
static void reap(struct proc *c)
{
    struct proc *g = proc_group(current);
    g->child_minflt += c->minflt + c->child_minflt;
    g->child_majflt += c->majflt + c->child_majflt;
    g->child_user_ticks += c->user_ticks + c->child_user_ticks;
    g->child_kernel_ticks += c->kernel_ticks + c->child_kernel_ticks;
    g->child_maxrss_pages = MAX(g->child_maxrss_pages, MAX(c->maxrss_pages, c->child_maxrss_pages));
    proc_free(c);
}

static long put_rusage(uintptr_t urusage, struct proc *c)
{
    uint8_t ru[72];
    if (!urusage)
        return 0;
    fill_rusage(c, 0, ru);
    return copy_to_user(urusage, ru, sizeof ru) < 0 ? -EFAULT : 0;
}

/* Wait for a child that w names to have something to tell that want asks for: its end
 * (WEXITED), a stop not yet told (WSTOPPED), going on again (WCONTINUED). 0 with *out the
 * child (a zombie is not reaped yet), or 0 with *out NULL (WNOHANG, nothing yet), -ECHILD (no
 * such child at all) or -ERESTARTSYS (a signal). The children are the process's (any of its
 * threads may wait for them), and a child has exited when its last thread has. */
static bool ended(const struct proc *c) { return c->state == PROC_ZOMBIE && !proc_live_threads(c); }

static long wait_child(const struct wait_for *w, int want, bool nohang, struct proc **out)
{
    struct proc *self = proc_group(current);
    *out = NULL;
    for (;;) {
        bool have_child = false;
        for (struct proc *c = proc_first(); c; c = c->next) {
            if (c->parent != self || !proc_is_leader(c) || c->state == PROC_DEAD || !matches(c, w))
                continue;
            have_child = true;
            bool end = ended(c);
            if ((end && (want & WEXITED)) ||
                (!end && c->report == REPORT_STOPPED && c->stopped && (want & WSTOPPED)) ||
                (!end && c->report == REPORT_CONTINUED && (want & WCONTINUED))) {
                *out = c;
                return 0;
            }
        }
        if (!have_child)
            return -ECHILD;
        if (nohang)
            return 0;
        if (sleep_on(self) < 0)
            return -ERESTARTSYS;
    }
}

long sys_wait4(int pid, uintptr_t ustatus, int options, uintptr_t urusage)
{
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
        return -EINVAL;
    struct wait_for w = { pid > 0 ? ONE : pid == -1 ? ANY : GROUP,
                          pid > 0 ? pid : pid == 0 ? proc_group(current)->pgid : -pid };
    struct proc *c;
    long err = wait_child(&w, WEXITED | (options & (WUNTRACED | WCONTINUED)), options & WNOHANG, &c);
    if (err || !c)
        return err;
    int status = ended(c) ? c->exit_status : signal_report_status(c);
    if (ustatus && copy_to_user(ustatus, &status, sizeof(int)) < 0)
        return -EFAULT;
    if ((err = put_rusage(urusage, c)))
        return err;
    int found = c->pid;
    if (ended(c))
        reap(c);
    else
        c->report = REPORT_NONE;    /* told once */
    return found;
}

/* waitid: the child's news as a siginfo (si_signo SIGCHLD, si_code CLD_EXITED, CLD_KILLED,
 * CLD_STOPPED or CLD_CONTINUED, si_pid, si_uid, si_status the exit code or the signal), and
 * with WNOWAIT the child stays waitable (and its news untold). */
#define P_ALL  0
#define P_PID  1
#define P_PGID 2

long sys_waitid(int idtype, int id, uintptr_t uinfo, int options, uintptr_t urusage)
{
    if ((options & ~(WNOHANG | WSTOPPED | WEXITED | WCONTINUED | WNOWAIT | __WALL | __WCLONE)) ||
        !(options & (WEXITED | WSTOPPED | WCONTINUED)))
        return -EINVAL;
    struct wait_for w;
    if (idtype == P_ALL)
        w = (struct wait_for){ ANY, 0 };
    else if (idtype == P_PID && id > 0)
        w = (struct wait_for){ ONE, id };
    else if (idtype == P_PGID && id >= 0)
        w = (struct wait_for){ GROUP, id ? id : proc_group(current)->pgid };
    else
        return -EINVAL;
    struct proc *c = NULL;
    long err = wait_child(&w, options & (WEXITED | WSTOPPED | WCONTINUED), options & WNOHANG, &c);
    if (err)
        return err;
    /* The six words Linux writes (signo, errno, code, pid, uid, status), the rest of the
     * 128-byte siginfo left alone; with WNOHANG and nothing ready, all six are zero. */
    int32_t info[6] = { 0 };
    if (c) {
        struct sig_origin news = ended(c) ? signal_child_origin(c->pid, c->exit_status)
                                          : signal_report_origin(c);
        info[0] = SIGCHLD;
        info[2] = news.code;
        info[3] = (int32_t)news.pid_or_addr;
        info[5] = news.status;
    }
    if (uinfo && copy_to_user(uinfo, info, sizeof info) < 0)
        return -EFAULT;
    if (c && (err = put_rusage(urusage, c)))
        return err;
    if (c && !(options & WNOWAIT)) {
        if (ended(c))
            reap(c);
        else
            c->report = REPORT_NONE;
    }
    return 0;
}

long sys_waitpid(int pid, uintptr_t ustatus, int options) { return sys_wait4(pid, ustatus, options, 0); }
