/*
 * Process groups and sessions (credentials(7)): setpgid, getpgid, getpgrp, setsid, getsid.
 *
 * Every process is in a process group (pgid) inside a session (sid); a child starts in its
 * parent's. kill(0) and kill(-pgid) signal a group, wait4(0) and wait4(-pgid) wait for a
 * child in one (signal.c, exit.c). The rules are Linux's (kernel/sys.c): a process may move
 * itself or a child that has not called execve, only within its session, and a session
 * leader stays where it is. There is no controlling terminal: Ctrl-C still goes to every
 * process but init.
 */
#include <errno.h>
#include <proc_internal.h>

/* The process (a zombie too, until it is reaped) with this pid; pid 0: the caller. */
static struct proc *find(int pid)
{
    return pid == 0 ? current : proc_find(pid);
}

/* Is there a process in group pgid, and in session sid? */
static bool group_in_session(int pgid, int sid)
{
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->pgid == pgid && p->sid == sid)
            return true;
    return false;
}

long sys_setpgid(int pid, int pgid)
{
    if (pid == 0)
        pid = current->pid;
    if (pgid == 0)
        pgid = pid;
    if (pgid < 0)
        return -EINVAL;
    struct proc *p = find(pid);
    if (p && p != current && p->parent == current) {
        if (p->sid != current->sid)
            return -EPERM;
        if (p->did_exec)
            return -EACCES;
    } else if (p != current) {
        return -ESRCH;
    }
    if (p->sid == p->pid)                           /* a session leader */
        return -EPERM;
    if (pgid != pid && !group_in_session(pgid, current->sid))
        return -EPERM;
    p->pgid = pgid;
    return 0;
}

long sys_getpgid(int pid)
{
    struct proc *p = find(pid);
    return p ? p->pgid : -ESRCH;
}

long sys_getpgrp(void) { return current->pgid; }

/* A new session and process group, both numbered as the caller: not for a group leader. */
long sys_setsid(void)
{
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->pgid == current->pid)
            return -EPERM;
    current->sid = current->pgid = current->pid;
    return current->sid;
}

long sys_getsid(int pid)
{
    struct proc *p = find(pid);
    return p ? p->sid : -ESRCH;
}
