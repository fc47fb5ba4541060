/*
 * Signals, pagewise style: no handlers yet, only each signal's default action (signal(7)):
 * terminate, or ignore for SIGCHLD, SIGCONT, SIGURG and SIGWINCH. The stop signals are
 * ignored too, as there is no job control. A kill takes effect when the target next returns
 * to user mode; a sleeper is woken for it.
 */
#include <errno.h>
#include <proc_internal.h>
#include <signal.h>

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
    if (ignored_by_default(sig) || p->state == PROC_ZOMBIE || p->kill_signal)
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
