/*
 * Signals, pagewise style: no handlers yet. A signal is ignored (SIG_IGN, set with
 * rt_sigaction) or takes its default action (signal(7)): terminate, or ignore for SIGCHLD,
 * SIGCONT, SIGURG and SIGWINCH. The stop signals are ignored too, as there is no job
 * control. A kill takes effect when the target next returns to user mode; a sleeper is
 * woken for it. Ctrl-C at the console sends SIGINT to every process but init: the shell
 * ignores it, so the program it runs is the one that stops.
 */
#include <errno.h>
#include <proc_internal.h>
#include <signal.h>
#include <uaccess.h>

#define SIG_DFL 0u
#define SIG_IGN 1u
#define SIG_BIT(sig) (1ull << ((sig) - 1))

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
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return true;
    default:
        return false;
    }
}

void send_signal(struct proc *p, int sig)
{
    bool can_ignore = sig != SIGKILL && sig != SIGSTOP;
    if (ignored_by_default(sig) || (can_ignore && (p->sig_ignored & SIG_BIT(sig))) ||
        p->state == PROC_ZOMBIE || p->kill_signal)
        return;
    p->kill_signal = sig;
    if (p->state == PROC_SLEEPING)
        sched_add(p);
}

long sys_kill(int pid, int sig)
{
    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    int found = 0;
    for (struct proc *p = proc_first(); p; p = p->next) {
        bool match = pid > 0 ? p->pid == pid
                   : pid == -1 ? p->pid != 1 && p != current
                   : p == current;          /* pid 0 and -pgid: no process groups, so ourselves */
        if (!match)
            continue;
        found++;                              /* a zombie still exists until it is reaped */
        if (sig == 0 || p->state == PROC_ZOMBIE)
            continue;
        /* Like Linux, init only gets the signals it has handlers for: none. */
        if (p->pid == 1 && pid != -1)
            continue;
        send_signal(p, sig);
    }
    return found ? 0 : -ESRCH;
}

void signal_console_interrupt(void)
{
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->pid != 1)
            send_signal(p, SIGINT);
}

/* The i386 kernel's struct sigaction for rt_sigaction: handler, flags, restorer, mask. */
struct k_sigaction {
    uint32_t handler, flags, restorer;
    uint64_t mask;
};

long sys_rt_sigaction(int sig, uintptr_t uact, uintptr_t uoact, size_t sigsetsize)
{
    if (sigsetsize != sizeof(uint64_t) || sig < 1 || sig >= NSIG)
        return -EINVAL;
    struct k_sigaction act;
    if (uact && copy_from_user(&act, uact, sizeof act) < 0)
        return -EFAULT;
    if (uact && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    if (uact && act.handler != SIG_DFL && act.handler != SIG_IGN)
        return -ENOSYS;               /* catching signals is not implemented (yet): say so */
    if (uoact) {
        struct k_sigaction old = { current->sig_ignored & SIG_BIT(sig) ? SIG_IGN : SIG_DFL, 0, 0, 0 };
        if (copy_to_user(uoact, &old, sizeof old) < 0)
            return -EFAULT;
    }
    if (uact) {
        if (act.handler == SIG_IGN)
            current->sig_ignored |= SIG_BIT(sig);
        else
            current->sig_ignored &= ~SIG_BIT(sig);
    }
    return 0;
}
