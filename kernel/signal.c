/*
 * Signals (signal(7)). Each has a disposition: its default action (terminate; ignore for
 * SIGCHLD, SIGCONT, SIGURG and SIGWINCH; stop for SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU), SIG_IGN,
 * or a handler the program installed with rt_sigaction. A signal sent is
 * pending until it is delivered on the way back to user mode, unless it is blocked
 * (rt_sigprocmask). A sleeper is woken for it: its system call is restarted after the
 * handler with SA_RESTART, fails with EINTR otherwise (nanosleep always), and is simply
 * redone when no handler ran. Ctrl-C at the console sends SIGINT to the terminal's foreground
 * process group (to every process but init while none is set), Ctrl-Z SIGTSTP.
 *
 * With threads (signal(7), "Signals and threads"): dispositions are the process's (kept in
 * its leader), the mask is each thread's. A signal sent to the process (kill, timers) waits
 * in the process's queue and is taken by whichever thread does not block it; one sent to a
 * thread (tgkill, a fault) waits in that thread's. A signal whose action is to terminate ends
 * the whole process, and SIGKILL always does.
 *
 * Job control (Linux's group stop): a stop signal taken with its default action stops every
 * thread of the process, each where it returns to user mode (a sleeper is woken to get there;
 * its call is redone once it goes on). The parent hears of it (SIGCHLD with CLD_STOPPED, and
 * wait4 with WUNTRACED). SIGCONT, at the moment it is sent, lets them all go on (CLD_CONTINUED,
 * WCONTINUED) and throws away stop signals still pending; a stop signal sent throws away a
 * pending SIGCONT. SIGKILL ends a stopped process too.
 */
#include <errno.h>
#include <kheap.h>
#include <proc_internal.h>
#include <sched.h>
#include <signal.h>
#include <timer.h>
#include <uaccess.h>
#include <arch/cpu.h>

#define SIG_DFL 0u
#define SIG_IGN 1u
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO   0x00000004u
#define SA_ONSTACK   0x08000000u
#define SA_RESTART   0x10000000u
#define SA_NODEFER   0x40000000u
#define SA_RESETHAND 0x80000000u
#define SIG_BIT(sig) (1ull << ((sig) - 1))
#define UNBLOCKABLE (SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP))
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1u << 31)
#define MINSIGSTKSZ 2048

static bool on_signal_stack(const struct proc *p, uintptr_t sp);
static uint32_t stack_flags(const struct proc *p, uintptr_t sp);
static long set_signal_stack(struct proc *p, const struct alt_stack *ss, uintptr_t sp);

static const char *const names[NSIG] = {
    [SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
    [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
    [SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
    [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM", [SIGCHLD] = "SIGCHLD",
    [SIGCONT] = "SIGCONT", [SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN",
    [SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG", [SIGWINCH] = "SIGWINCH",
};

const char *signal_name(int sig)
{
    return sig > 0 && sig < NSIG && names[sig] ? names[sig] : "a signal";
}

static bool ignored_by_default(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
        return true;
    default:
        return false;
    }
}

/* The signals whose default action on Linux also dumps core (signal(7)'s "Core"). */
#define CORE_SIGNALS (SIG_BIT(SIGQUIT) | SIG_BIT(SIGILL) | SIG_BIT(SIGTRAP) | SIG_BIT(SIGABRT) | \
                      SIG_BIT(SIGBUS) | SIG_BIT(SIGFPE) | SIG_BIT(SIGSEGV) | SIG_BIT(SIGXCPU) | \
                      SIG_BIT(SIGXFSZ) | SIG_BIT(SIGSYS))

#define STOP_SIGNALS (SIG_BIT(SIGSTOP) | SIG_BIT(SIGTSTP) | SIG_BIT(SIGTTIN) | SIG_BIT(SIGTTOU))

static bool stops(int sig) { return sig > 0 && (STOP_SIGNALS & SIG_BIT(sig)); }

static struct k_sigaction *action(const struct proc *p, int sig) { return &proc_group(p)->sig_action[sig - 1]; }

/* Would delivering sig do nothing at all? Such signals are dropped when sent, as Linux does. */
static bool ignored(const struct proc *p, int sig)
{
    uint32_t h = action(p, sig)->handler;
    return sig != SIGKILL && (h == SIG_IGN || (h == SIG_DFL && ignored_by_default(sig)));
}

static uint64_t pending(const struct proc *p)
{
    return p->sig_private.set | proc_group(p)->sig_shared.set;
}

/* A stopped process's sleepers are interrupted too: they stop on their way to user mode. */
bool signal_interrupts(const struct proc *p)
{
    return p->kill_signal || (pending(p) & ~p->sig_blocked) || proc_group(p)->stopped;
}

struct sig_queued {
    struct sig_queued *next;
    int sig;
    struct sig_origin from;
};

/* Queue sig in q, as Linux's __send_signal does: a standard signal already pending stays as it
 * was (the later one is dropped, the first sender's siginfo kept); a real-time one is queued
 * again, after the others. 0, or -EAGAIN: past SIGQUEUE_MAX queued in one queue (Linux counts
 * RLIMIT_SIGPENDING per user), what the sender chose the code of (sigqueue, tkill) fails, and
 * what kill or the kernel sends is pending without its siginfo. */
static long queue(struct sig_pending *q, int sig, struct sig_origin from)
{
    if (sig < SIG_FIRST_RT) {
        if (!(q->set & SIG_BIT(sig)))
            q->origin[sig - 1] = from;
        q->set |= SIG_BIT(sig);
        return 0;
    }
    struct sig_queued *e = q->nqueued < SIGQUEUE_MAX ? kmalloc(sizeof *e) : NULL;
    if (!e) {
        if (from.code < 0)
            return -EAGAIN;
        q->set |= SIG_BIT(sig);
        return 0;
    }
    *e = (struct sig_queued){ NULL, sig, from };
    struct sig_queued **end = &q->queued;
    while (*end)
        end = &(*end)->next;
    *end = e;
    q->nqueued++;
    q->set |= SIG_BIT(sig);
    return 0;
}

/* Remove the first of sig's entries from q (or all of them), and say whether any is left. */
static bool unlink_queued(struct sig_pending *q, int sig, bool all, struct sig_origin *from)
{
    bool taken = false, left = false;
    for (struct sig_queued **pp = &q->queued, *e; (e = *pp);) {
        if (e->sig != sig || (taken && !all)) {
            left |= e->sig == sig;
            pp = &e->next;
            continue;
        }
        if (from && !taken)
            *from = e->from;
        taken = true;
        *pp = e->next;
        kfree(e);
        q->nqueued--;
    }
    return left;
}

/* Forget every sig waiting in q (it became ignored). */
static void flush(struct sig_pending *q, int sig)
{
    q->set &= ~SIG_BIT(sig);
    if (sig >= SIG_FIRST_RT)
        unlink_queued(q, sig, true, NULL);
}

/* Take one sig out of q, with its siginfo. A real-time signal pending with none left queued was
 * sent when the queue was full: Linux reports it as SI_USER from nobody. */
static void unqueue(struct sig_pending *q, int sig, struct sig_origin *from)
{
    if (sig < SIG_FIRST_RT) {
        *from = q->origin[sig - 1];
        q->set &= ~SIG_BIT(sig);
        return;
    }
    *from = (struct sig_origin){ SI_USER, 0, 0, 0 };
    if (!unlink_queued(q, sig, false, from))
        q->set &= ~SIG_BIT(sig);
}

/* A thread's struct goes away, or the leader takes over its queue: what is queued is freed. */
void signal_queue_release(struct sig_pending *q)
{
    while (q->queued) {
        struct sig_queued *e = q->queued;
        q->queued = e->next;
        kfree(e);
    }
    *q = (struct sig_pending){ 0 };
}

/* A thread held by a stop stays put: only SIGCONT and SIGKILL let it go (the kill path wakes
 * it itself). */
static void wake_for_signal(struct proc *t)
{
    if (t->state == PROC_SLEEPING && signal_interrupts(t) && !proc_held_stopped(t))
        sched_add(t);
}

void signal_kill_threads(struct proc *g, const struct proc *except)
{
    for (struct proc *t = proc_first(); t; t = t->next) {
        if (t->group != g || t == except || proc_exited(t))
            continue;
        t->kill_signal = SIGKILL;
        if (t->state == PROC_SLEEPING)
            sched_add(t);
    }
}

/* Which thread takes a signal sent to the process: p if it can (the one named, when it is
 * alive and does not block sig), else the first live thread that does not block it; NULL if
 * every thread blocks it (it waits in the queue until one unblocks it). */
static struct proc *taker(struct proc *p, int sig)
{
    if (!proc_exited(p) && !(p->sig_blocked & SIG_BIT(sig)))
        return p;
    for (struct proc *t = proc_first(); t; t = t->next)
        if (t->group == proc_group(p) && !proc_exited(t) && !(t->sig_blocked & SIG_BIT(sig)))
            return t;
    return NULL;
}

/* ---- job control ---- */

int signal_report_status(const struct proc *g)
{
    return g->report == REPORT_CONTINUED ? 0xffff : (g->stop_sig << 8) | 0x7f;
}

/* The siginfo of a SIGCHLD that tells of report (a stop or a continue) of g. */
static struct sig_origin report_origin(const struct proc *g, int report)
{
    bool cont = report == REPORT_CONTINUED;
    return (struct sig_origin){ cont ? CLD_CONTINUED : CLD_STOPPED, (uint32_t)g->pid,
                                cont ? SIGCONT : g->stop_sig, 0 };
}

struct sig_origin signal_report_origin(const struct proc *g) { return report_origin(g, g->report); }

/* g stopped or went on: wait4 has report to give, and the parent is told with SIGCHLD of told
 * (they differ only for a stop cut short), unless it asked not to be (SA_NOCLDSTOP); any
 * wait4 of its wakes to look. */
static void tell_parent(struct proc *g, int report, int told)
{
    struct proc *parent = g->parent;
    g->report = report;
    if (!parent)
        return;
    if (!(action(parent, SIGCHLD)->flags & SA_NOCLDSTOP))
        send_signal_from(parent, SIGCHLD, false, report_origin(g, told));
    wakeup(proc_group(parent));
}

/* A process's stop is complete when every live thread but except (NULL: none) is held by it;
 * only then does the parent hear of it (Linux's group_stop_count reaching 0). */
static void stop_completes(struct proc *g, const struct proc *except)
{
    if (!g->stopped || g->stop_reported || g->group_exiting)
        return;
    for (struct proc *t = proc_first(); t; t = t->next)
        if (t->group == g && t != except && !proc_exited(t) && !proc_held_stopped(t))
            return;
    g->stop_reported = true;
    tell_parent(g, REPORT_STOPPED, REPORT_STOPPED);
}

/* A thread of g is gone: the others may be all the stop was waiting for. */
void signal_thread_gone(struct proc *g)
{
    if (proc_live_threads(g))
        stop_completes(g, NULL);
}

/* The signals of sigs from every queue of g's process: the shared one and each thread's own. */
static void flush_everywhere(struct proc *g, uint64_t sigs)
{
    for (int sig = 1; sig < NSIG; sig++) {
        if (!(sigs & SIG_BIT(sig)))
            continue;
        flush(&g->sig_shared, sig);
        for (struct proc *t = proc_first(); t; t = t->next)
            if (t->group == g)
                flush(&t->sig_private, sig);
    }
}

/* What sending sig does at once, whatever its disposition (Linux's prepare_signal): SIGCONT
 * lets a stopped process go on and drops its pending stop signals; a stop signal drops a
 * pending SIGCONT. */
static void stop_or_continue(struct proc *g, int sig)
{
    if (stops(sig)) {
        flush_everywhere(g, SIG_BIT(SIGCONT));
        return;
    }
    flush_everywhere(g, STOP_SIGNALS);
    if (!g->stopped)
        return;
    g->stopped = false;
    wakeup(&g->stopped);
    /* A stop not yet complete counts as done and then continued; the parent, whose SIGCHLD
     * does not queue, is told only of the stop, as Linux's prepare_signal does. */
    tell_parent(g, REPORT_CONTINUED, g->stop_reported ? REPORT_CONTINUED : REPORT_STOPPED);
}

/* A stop signal was taken with its default action: the whole process stops. The other
 * threads' sleeps are interrupted now (signal_interrupts), so that they stop too, on their
 * way to user mode; the last of them to stop completes the stop. */
static void group_stop(int sig)
{
    struct proc *g = proc_group(current);
    g->stopped = true;
    g->stop_sig = sig;
    g->stop_reported = false;
    for (struct proc *t = proc_first(); t; t = t->next)
        if (t->group == g && t != current)
            wake_for_signal(t);
}

/* Wait here while the process is stopped; SIGKILL ends it even so. */
static void stay_stopped(void)
{
    struct proc *g = proc_group(current);
    while (g->stopped && !current->kill_signal) {
        stop_completes(g, current);     /* current is about to be held too */
        sleep_uninterruptible(&g->stopped);
    }
    if (current->kill_signal)
        do_exit(W_EXITCODE(0, current->kill_signal));
}

/* Will sig, taken by a thread of g that does not block it, end the process? Then it ends now,
 * every thread woken wherever it sleeps, as if by SIGKILL but with sig as the status (Linux's
 * complete_signal): a thread in a wait only SIGKILL can end (a vfork) goes too, not only once
 * the wait is over. Not for a stopped process (the signal waits for SIGCONT, as on Linux), nor
 * for the signals that dump core, which Linux sends the slow way, for the core. */
static bool fatal_at_once(const struct proc *g, int sig)
{
    return action(g, sig)->handler == SIG_DFL && !ignored_by_default(sig) && !stops(sig) &&
           !(CORE_SIGNALS & SIG_BIT(sig)) && !g->stopped && !g->group_exiting && !g->de_threading;
}

/* sig to thread t (to_thread), or to t's process: 0, or -EAGAIN when a real-time signal finds
 * the queue full (queue). */
long send_signal_from(struct proc *t, int sig, bool to_thread, struct sig_origin from)
{
    struct proc *g = proc_group(t);
    if (to_thread ? proc_exited(t) : !proc_live_threads(g))
        return 0;
    /* Like Linux's SIGNAL_UNKILLABLE: init gets only the signals it has handlers for, from
     * anyone (kill, a hang-up of its group, the terminal), so it never dies or stops of one. */
    if (g->pid == 1 && action(g, sig)->handler == SIG_DFL)
        return 0;
    if (t->kill_signal)
        return 0;
    if (sig == SIGCONT || stops(sig))
        stop_or_continue(g, sig);
    /* A blocked signal is kept even if it is ignored now: the program may set a handler
     * before it unblocks it, or take it with sigtimedwait, which lets it through while it
     * waits (Linux's sig_ignored looks at real_blocked too). */
    struct proc *who = to_thread ? t : taker(t, sig);
    bool blocked = !who || ((who->sig_blocked | who->sig_real_blocked) & SIG_BIT(sig));
    if (ignored(t, sig) && !blocked)
        return 0;
    long err = queue(to_thread ? &t->sig_private : &g->sig_shared, sig, from);
    if (err)
        return err;
    if (sig == SIGKILL) {
        signal_kill_threads(g, NULL);   /* nothing stops it, not even a blocked mask */
    } else if (!blocked && fatal_at_once(g, sig)) {
        g->group_exiting = true;
        g->exit_status = W_EXITCODE(0, sig);
        signal_kill_threads(g, NULL);
    } else if (who) {
        wake_for_signal(who);
    }
    return 0;
}

void send_signal(struct proc *p, int sig) { send_signal_from(p, sig, false, (struct sig_origin){ SI_KERNEL, 0, 0, 0 }); }
void send_signal_thread(struct proc *p, int sig) { send_signal_from(p, sig, true, (struct sig_origin){ SI_KERNEL, 0, 0, 0 }); }

struct sig_origin signal_child_origin(int child_pid, int status)
{
    bool killed = status & 0x7F;
    return (struct sig_origin){ killed ? CLD_KILLED : CLD_EXITED, (uint32_t)child_pid,
                                killed ? status & 0x7F : (status >> 8) & 0xFF, 0 };
}

/* A child of p's has ended with status: SIGCHLD to p, unless p ignores it. Does p want its
 * children reaped without waiting for them (SIGCHLD set to SIG_IGN, or SA_NOCLDWAIT)? */
bool signal_child_ended(struct proc *p, int child_pid, int status)
{
    const struct k_sigaction *ka = action(p, SIGCHLD);
    send_signal_from(p, SIGCHLD, false, signal_child_origin(child_pid, status));
    return ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
}

/* The signals that report what the current instruction did come first (Linux's next_signal),
 * then the lowest number. */
#define SYNCHRONOUS (SIG_BIT(SIGSEGV) | SIG_BIT(SIGBUS) | SIG_BIT(SIGILL) | SIG_BIT(SIGTRAP) | \
                     SIG_BIT(SIGFPE) | SIG_BIT(SIGSYS))

static int next_signal(uint64_t ready)
{
    uint64_t sync = ready & SYNCHRONOUS;
    return ready ? __builtin_ctzll(sync ? sync : ready) + 1 : 0;
}

/* Like Linux's dequeue_signal: of the signals in wanted, what was sent to the thread first,
 * then what was sent to the process. So a standard signal sent both ways while blocked is
 * delivered twice. */
static int dequeue(struct proc *p, uint64_t wanted, struct sig_origin *from)
{
    int sig = next_signal(p->sig_private.set & wanted);
    struct sig_pending *q = &p->sig_private;
    if (!sig) {
        q = &proc_group(p)->sig_shared;
        sig = next_signal(q->set & wanted);
    }
    if (sig)
        unqueue(q, sig, from);
    return sig;
}

/* Deliver the lowest pending signal that is not blocked: false when there is none (or only
 * ignored ones), true when a handler's frame was set up. */
static bool deliver_one(struct trap_frame *tf)
{
    /* After sigsuspend, the handler's frame carries the mask from before it, to be restored by
     * sigreturn; if no handler runs after all, that mask comes back now. */
    bool restore = current->sig_restore_blocked;
    uint64_t old_blocked = restore ? current->sig_saved_blocked : current->sig_blocked;
    current->sig_restore_blocked = false;
    int sig;
    struct sig_origin from;
    do {                                /* an ignored one is dropped and the next one tried */
        sig = dequeue(current, ~current->sig_blocked, &from);
        if (!sig) {
            current->sig_blocked = old_blocked;
            return false;
        }
    } while (ignored(current, sig));
    struct k_sigaction *ka = action(current, sig);
    if (ka->handler == SIG_DFL && stops(sig)) {
        group_stop(sig);
        current->sig_blocked = old_blocked;
        return true;                            /* stay_stopped, then look again */
    }
    if (ka->handler == SIG_DFL)
        do_exit(W_EXITCODE(0, sig));            /* the whole process */
    if (current->restart_pending) {
        /* A handler runs: the interrupted call restarts after it with SA_RESTART, else EINTR. */
        if ((ka->flags & SA_RESTART) && current->restart_error == -ERESTARTSYS)
            arch_restart_syscall(tf, current->restart_nr);
        else
            arch_set_syscall_return(tf, (uint32_t)-EINTR);
        current->restart_pending = false;
    }
    /* SA_ONSTACK: on the signal stack, unless the program is on it already (a nested signal). */
    uintptr_t sp = arch_trap_user_sp(tf), top = sp;
    struct alt_stack alt = current->sig_stack;
    alt.flags = stack_flags(current, sp);
    if ((ka->flags & SA_ONSTACK) && current->sig_stack.size && !on_signal_stack(current, sp)) {
        top = current->sig_stack.sp + current->sig_stack.size;
        if (current->sig_stack.flags & SS_AUTODISARM)
            current->sig_stack = (struct alt_stack){ 0, 0, 0 };   /* back with its sigreturn */
    }
    if (arch_signal_frame(tf, &current->arch, sig, ka->handler, ka->flags, ka->restorer, old_blocked,
                          ka->flags & SA_SIGINFO ? &from : NULL, top, &alt) < 0) {
        kprintf("pagewise: pid %d (%s) killed by SIGSEGV: no room on the stack for a %s frame\n",
                current->pid, current->name, signal_name(sig));
        do_exit(W_EXITCODE(0, SIGSEGV));
    }
    current->sig_blocked |= ka->mask | (ka->flags & SA_NODEFER ? 0 : SIG_BIT(sig));
    current->sig_blocked &= ~UNBLOCKABLE;
    if (ka->flags & SA_RESETHAND)
        ka->handler = SIG_DFL;
    return true;
}

/* On the way back to user mode: a frame for every signal that can be delivered, as Linux's
 * exit_to_user_mode_loop does. Each goes on top of the one before, whose handler it interrupts
 * at its first instruction, so the last one set up runs first, and a handler never finds
 * another signal that was already deliverable arriving in its middle (at its first system
 * call, say). */
void signal_deliver(struct trap_frame *tf)
{
    do
        stay_stopped();
    while (deliver_one(tf));
}

static long signal_return(bool rt)
{
    uint64_t blocked;
    struct alt_stack alt = { 0, SS_DISABLE, 0 };
    long ret = arch_signal_return(current->tf, &current->arch, rt, &blocked, &alt);
    if (ret == -EFAULT && !current->kill_signal) {
        kprintf("pagewise: pid %d (%s) killed by SIGSEGV: bad signal frame\n", current->pid, current->name);
        do_exit(W_EXITCODE(0, SIGSEGV));
    }
    current->sig_blocked = blocked & ~UNBLOCKABLE;
    if (rt)             /* as Linux: the frame's uc_stack becomes the signal stack (errors ignored) */
        set_signal_stack(current, &alt, arch_trap_user_sp(current->tf));
    return ret;
}

/*
 * sigaltstack(2): a stack for the handlers installed with SA_ONSTACK, so that one can run when
 * the program's own stack is gone (a SIGSEGV from running out of it). It cannot be changed
 * while a handler runs on it (EPERM); SS_AUTODISARM takes it away while a handler uses it.
 */
static bool on_signal_stack(const struct proc *p, uintptr_t sp)
{
    return p->sig_stack.size && sp > p->sig_stack.sp && sp - p->sig_stack.sp <= p->sig_stack.size;
}

static uint32_t stack_flags(const struct proc *p, uintptr_t sp)
{
    uint32_t mode = !p->sig_stack.size ? SS_DISABLE : on_signal_stack(p, sp) ? SS_ONSTACK : 0;
    return mode | (p->sig_stack.flags & SS_AUTODISARM);
}

static long set_signal_stack(struct proc *p, const struct alt_stack *ss, uintptr_t sp)
{
    if (on_signal_stack(p, sp))
        return -EPERM;
    uint32_t mode = ss->flags & ~SS_AUTODISARM;
    if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
        return -EINVAL;
    if (mode == SS_DISABLE) {
        p->sig_stack = (struct alt_stack){ 0, 0, 0 };
        return 0;
    }
    if (ss->size < MINSIGSTKSZ)
        return -ENOMEM;
    p->sig_stack = (struct alt_stack){ ss->sp, ss->flags & SS_AUTODISARM, ss->size };
    return 0;
}

long sys_sigaltstack(uintptr_t uss, uintptr_t uoss)
{
    uintptr_t sp = arch_trap_user_sp(current->tf);
    struct alt_stack old = current->sig_stack, ss;      /* stack_t: ss_sp, ss_flags, ss_size */
    old.flags = stack_flags(current, sp);
    if (uss) {
        if (copy_from_user(&ss, uss, sizeof ss) < 0)
            return -EFAULT;
        long err = set_signal_stack(current, &ss, sp);
        if (err)
            return err;
    }
    if (uoss && copy_to_user(uoss, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

long sys_rt_sigreturn(void) { return signal_return(true); }
long sys_sigreturn(void) { return signal_return(false); }

bool signal_has_handler(const struct proc *p, int sig)
{
    return action(p, sig)->handler > SIG_IGN && !(p->sig_blocked & SIG_BIT(sig));
}

bool signal_refused(const struct proc *t, int sig)
{
    return action(t, sig)->handler == SIG_IGN || (t->sig_blocked & SIG_BIT(sig));
}

void signal_console_key(int sig, int pgrp)
{
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->pid != 1 && proc_is_leader(p) && !proc_exited(p) && (!pgrp || p->pgid == pgrp))
            send_signal(p, sig);
}

void signal_fork(struct proc *child, const struct proc *parent)
{
    memcpy(child->sig_action, proc_group(parent)->sig_action, sizeof child->sig_action);
    child->sig_blocked = parent->sig_blocked;
    memset(&child->sig_private, 0, sizeof child->sig_private);
    memset(&child->sig_shared, 0, sizeof child->sig_shared);
    child->sig_restore_blocked = false;
    child->alarm_at = child->alarm_interval = 0;        /* timers are not inherited (POSIX) */
    memset(child->cpu_itimer, 0, sizeof child->cpu_itimer);
    child->sig_stack = parent->sig_stack;
}

/* pause: sleep until a signal is taken; then EINTR (never restarted). A stop and SIGCONT
 * take no handler: it goes on pausing. */
long sys_pause(void)
{
    while (sleep_on(current) == 0)
        ;
    return -ERESTARTNOHAND;
}

/* signal_deliver puts the old set back once a handler's frame is set up (the frame carries
 * it), or at once if no handler runs after all. */
long signal_wait_mask_begin(uintptr_t umask, size_t size)
{
    uint64_t mask;
    if (size != sizeof mask)
        return -EINVAL;
    if (copy_from_user(&mask, umask, sizeof mask) < 0)
        return -EFAULT;
    current->sig_saved_blocked = current->sig_blocked;
    current->sig_restore_blocked = true;
    current->sig_blocked = mask & ~UNBLOCKABLE;
    return 0;
}

long signal_wait_mask_end(long ret)
{
    if (ret != -EINTR && ret != -ERESTARTNOHAND && current->sig_restore_blocked) {
        current->sig_blocked = current->sig_saved_blocked;
        current->sig_restore_blocked = false;
    }
    return ret;
}

/* rt_sigsuspend: wait for a signal with mask as the blocked set. */
long sys_rt_sigsuspend(uintptr_t umask, size_t sigsetsize)
{
    long err = signal_wait_mask_begin(umask, sigsetsize);
    if (err)
        return err;
    while (sleep_on(current) == 0)
        ;
    return -ERESTARTNOHAND;
}

/* execve: handlers point into the old program, so they go back to the default; SIG_IGN stays. */
void signal_exec(struct proc *p)
{
    p->sig_stack = (struct alt_stack){ 0, 0, 0 };      /* it was in the old program's memory */
    struct k_sigaction *acts = proc_group(p)->sig_action;
    for (int i = 0; i < 64; i++)
        if (acts[i].handler != SIG_IGN)
            acts[i] = (struct k_sigaction){ SIG_DFL, 0, 0, 0 };
}

/* sig from kill, tkill or tgkill to p, to the process or to the thread. Signal 0 only asks
 * whether p exists; a zombie still exists until it is reaped, and takes nothing. */
static long send_from_user(struct proc *p, int sig, bool to_thread, struct sig_origin from)
{
    if (sig == 0)
        return 0;
    return send_signal_from(p, sig, to_thread, from);
}

/* What kill, tkill and tgkill say of their sender. */
static struct sig_origin from_caller(int code)
{
    return (struct sig_origin){ code, (uint32_t)proc_group(current)->pid, 0, 0 };
}

/* kill: to processes. A thread id names the thread's process, as on Linux. */
long sys_kill(int pid, int sig)
{
    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    int found = 0;
    struct proc *self = proc_group(current);
    for (struct proc *p = proc_first(); p; p = p->next) {
        if (p->state == PROC_DEAD)
            continue;
        if (pid > 0 && p->pid == pid && !proc_is_leader(p) && !proc_exited(p)) {
            found++;
            send_from_user(proc_group(p), sig, false, from_caller(SI_USER));
            continue;
        }
        if (!proc_is_leader(p))
            continue;
        bool match = pid > 0 ? p->pid == pid
                   : pid == -1 ? p->pid != 1 && p != self
                   : pid == 0 ? p->pgid == self->pgid
                   : p->pgid == -pid;
        if (!match)
            continue;
        found++;
        send_from_user(p, sig, false, from_caller(SI_USER));
    }
    return found ? 0 : -ESRCH;
}

long sys_rt_sigaction(int sig, uintptr_t uact, uintptr_t uoact, size_t sigsetsize)
{
    if (sigsetsize != sizeof(uint64_t) || sig < 1 || sig >= NSIG)
        return -EINVAL;
    struct k_sigaction act;
    if (uact && copy_from_user(&act, uact, sizeof act) < 0)
        return -EFAULT;
    if (uact && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    if (uoact && copy_to_user(uoact, action(current, sig), sizeof act) < 0)
        return -EFAULT;
    if (uact) {
        *action(current, sig) = act;
        if (ignored(current, sig)) {                /* POSIX: a pending ignored signal goes */
            struct proc *g = proc_group(current);
            flush(&g->sig_shared, sig);
            for (struct proc *t = proc_first(); t; t = t->next)
                if (t->group == g)
                    flush(&t->sig_private, sig);
        }
    }
    return 0;
}

long sys_rt_sigprocmask(int how, uintptr_t uset, uintptr_t uoldset, size_t sigsetsize)
{
    if (sigsetsize != sizeof(uint64_t))
        return -EINVAL;
    uint64_t set = 0, old = current->sig_blocked;
    if (uset && copy_from_user(&set, uset, sizeof set) < 0)
        return -EFAULT;
    if (uset) {
        switch (how) {
        case SIG_BLOCK: current->sig_blocked |= set; break;
        case SIG_UNBLOCK: current->sig_blocked &= ~set; break;
        case SIG_SETMASK: current->sig_blocked = set; break;
        default: return -EINVAL;
        }
        current->sig_blocked &= ~UNBLOCKABLE;
    }
    if (uoldset && copy_to_user(uoldset, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

long sys_rt_sigpending(uintptr_t uset, size_t sigsetsize)
{
    if (sigsetsize != sizeof(uint64_t))
        return -EINVAL;
    uint64_t waiting = pending(current) & current->sig_blocked;
    return copy_to_user(uset, &waiting, sizeof waiting) < 0 ? -EFAULT : 0;
}

/* Thread tid (of process tgid; 0: any). An exited thread is gone, even while its process
 * lives on. */
static struct proc *find_thread(int tgid, int tid)
{
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->state != PROC_DEAD && p->pid == tid && (!tgid || proc_group(p)->pid == tgid))
            return p;
    return NULL;
}

/* tkill and tgkill: to thread tid. A zombie leader takes nothing, as on Linux. */
static long signal_thread(int tgid, int tid, int sig)
{
    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    struct proc *p = find_thread(tgid, tid);
    return p ? send_from_user(p, sig, true, from_caller(SI_TKILL)) : -ESRCH;
}

/* glibc's raise() and pthread_kill() use tgkill. */
long sys_tgkill(int tgid, int tid, int sig)
{
    if (tgid <= 0 || tid <= 0)
        return -EINVAL;
    return signal_thread(tgid, tid, sig);
}

long sys_tkill(int tid, int sig) { return tid <= 0 ? -EINVAL : signal_thread(0, tid, sig); }

/*
 * rt_sigqueueinfo and rt_tgsigqueueinfo: a signal with the siginfo the sender wrote, which
 * sigqueue(3) fills with SI_QUEUE, its pid and uid and a value. Only a thread signalling
 * itself (the target, process or thread, is its own id) may claim a code that kill or the
 * kernel would give (si_code >= 0, or SI_TKILL): others could pass for them (Linux's rule).
 */
static long queue_info(int tgid, int tid, int sig, uintptr_t uinfo)
{
    struct sig_origin from;
    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    if (arch_siginfo_read(uinfo, &from) < 0)
        return -EFAULT;
    if ((from.code >= 0 || from.code == SI_TKILL) && (tid ? tid : tgid) != current->pid)
        return -EPERM;
    struct proc *p = tid ? find_thread(tgid, tid) : proc_find(tgid);
    if (!p)
        return -ESRCH;
    return tid ? send_from_user(p, sig, true, from) : send_from_user(proc_group(p), sig, false, from);
}

long sys_rt_sigqueueinfo(int tgid, int sig, uintptr_t uinfo)
{
    return tgid <= 0 ? -ESRCH : queue_info(tgid, 0, sig, uinfo);
}

long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, uintptr_t uinfo)
{
    return tgid <= 0 || tid <= 0 ? -EINVAL : queue_info(tgid, tid, sig, uinfo);
}

/*
 * rt_sigtimedwait: take a signal of set that is pending, or wait for one (until the time-out;
 * none: forever), without running its handler; its number is the answer and its siginfo goes
 * to *uinfo. While waiting, the signals of set are let through (Linux's real_blocked), so that
 * one sent wakes the waiter; a signal outside set that is let through ends the wait with
 * EINTR, and its handler runs. Never restarted.
 */
static const char sigwait_chan;        /* nobody wakes it: only a signal ends an untimed wait */

static long sigtimedwait(uintptr_t uset, uintptr_t uinfo, uintptr_t uts, size_t setsize, bool wide)
{
    uint64_t set, deadline = 0;
    if (setsize != sizeof set)
        return -EINVAL;
    if (copy_from_user(&set, uset, sizeof set) < 0)
        return -EFAULT;
    set &= ~UNBLOCKABLE;
    if (uts) {
        uint64_t ns;
        long err = read_timespec(uts, wide, &ns);
        if (err)
            return err;
        deadline = timer_ns() + ns;
    }
    struct sig_origin from;
    uint64_t blocked = current->sig_blocked;
    int sig;
    while (!(sig = dequeue(current, set, &from))) {
        if (uts && timer_ns() >= deadline)
            return -EAGAIN;
        current->sig_blocked = blocked & ~set;
        current->sig_real_blocked = blocked;
        int r = sleep_on(uts ? timer_channel() : &sigwait_chan);
        current->sig_blocked = blocked;
        current->sig_real_blocked = 0;
        if (r < 0 && !(pending(current) & set))
            return -EINTR;              /* woken by a signal outside set: its handler runs */
    }
    if (uinfo && arch_siginfo_write(uinfo, sig, &from) < 0)
        return -EFAULT;
    return sig;
}

long sys_rt_sigtimedwait(uintptr_t uset, uintptr_t uinfo, uintptr_t uts, size_t setsize)
{
    return sigtimedwait(uset, uinfo, uts, setsize, false);
}

long sys_rt_sigtimedwait_time64(uintptr_t uset, uintptr_t uinfo, uintptr_t uts, size_t setsize)
{
    return sigtimedwait(uset, uinfo, uts, setsize, true);
}
