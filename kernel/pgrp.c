/*
 * Process groups and sessions (credentials(7)): setpgid, getpgid, getpgrp, setsid, getsid.
 *
 * Every process is in a process group (pgid) inside a session (sid); a child starts in its
 * parent's. kill(0) and kill(-pgid) signal a group, wait4(0) and wait4(-pgid) wait for a
 * child in one (signal.c, exit.c). The rules are Linux's (kernel/sys.c): a process may move
 * itself or a child that has not called execve, only within its session, and a session
 * leader stays where it is. The console's foreground group (tcsetpgrp) is the tty's
 * (fs/tty.c). Groups and sessions are the process's: they live in its leader, and a
 * thread id names the process the thread belongs to.
 */
#include <errno.h>
#include <proc_internal.h>

/* The process (its leader; a zombie too, until it is reaped) with this pid; pid 0: the caller. */
static struct proc *find(int pid)
{
    struct proc *p = pid == 0 ? current : proc_find(pid);
    return p ? proc_group(p) : NULL;
}

bool pgrp_in_session(int pgid, int sid)
{
    for (struct proc *p = proc_first(); p; p = p->next)
        if (proc_is_leader(p) && p->pgid == pgid && p->sid == sid)
            return true;
    return false;
}

long sys_setpgid(int pid, int pgid)
{
    struct proc *self = proc_group(current);
    if (pid == 0)
        pid = self->pid;
    if (pgid == 0)
        pgid = pid;
    if (pgid < 0)
        return -EINVAL;
    struct proc *p = find(pid);
    if (p && p != self && p->parent == self) {
        if (p->sid != self->sid)
            return -EPERM;
        if (p->did_exec)
            return -EACCES;
    } else if (p != self) {
        return -ESRCH;
    }
    if (p->sid == p->pid)                           /* a session leader */
        return -EPERM;
    if (pgid != p->pid && !pgrp_in_session(pgid, self->sid))
        return -EPERM;
    p->pgid = pgid;
    return 0;
}

long sys_getpgid(int pid)
{
    struct proc *p = find(pid);
    return p ? p->pgid : -ESRCH;
}

long sys_getpgrp(void) { return proc_group(current)->pgid; }

/* A new session and process group, both numbered as the caller: not for a group leader. */
long sys_setsid(void)
{
    struct proc *self = proc_group(current);
    for (struct proc *p = proc_first(); p; p = p->next)
        if (proc_is_leader(p) && p->pgid == self->pid)
            return -EPERM;
    self->sid = self->pgid = self->pid;
    return self->sid;
}

long sys_getsid(int pid)
{
    struct proc *p = find(pid);
    return p ? p->sid : -ESRCH;
}
