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

/*
 * Orphaned process groups (POSIX; Linux's kill_orphaned_pgrp). A group is orphaned when no
 * member has a parent in another group of the same session (a parent that is init does not
 * count): nobody is left who could continue its stopped jobs, as when the shell that ran them
 * exits. When a process's end orphans a group that has a stopped member, every member gets
 * SIGHUP, then SIGCONT: by default SIGHUP ends them, and their memory comes back, instead of
 * staying stopped for ever. (init itself takes no signal it has no handler for.)
 */
static bool orphaned(int pgid, const struct proc *gone)
{
    for (struct proc *q = proc_first(); q; q = q->next) {
        if (!proc_is_leader(q) || q == gone || q->pgid != pgid || proc_exited(q))
            continue;
        const struct proc *parent = q->parent;
        if (!parent || parent == gone || parent->pid == 1)
            continue;                   /* (a child of the one ending is init's from now) */
        if (parent->pgid != pgid && parent->sid == q->sid)
            return false;
    }
    return true;
}

static void hang_up_if_stopped(int pgid, const struct proc *gone)
{
    bool stopped = false;
    for (struct proc *q = proc_first(); q; q = q->next)
        stopped |= proc_is_leader(q) && q->pgid == pgid && !proc_exited(q) && q->stopped;
    if (!stopped || !orphaned(pgid, gone))
        return;
    for (struct proc *q = proc_first(); q; q = q->next) {
        if (proc_is_leader(q) && q->pgid == pgid && !proc_exited(q)) {
            send_signal(q, SIGHUP);
            send_signal(q, SIGCONT);
        }
    }
}

void pgrp_process_ending(struct proc *g)
{
    /* g was its group's link to the session, when its parent is in another group of it. */
    const struct proc *parent = g->parent;
    if (parent && parent->pgid != g->pgid && parent->sid == g->sid)
        hang_up_if_stopped(g->pgid, g);
    /* A child in another group of the session may have had g as its only link. */
    for (struct proc *c = proc_first(); c; c = c->next)
        if (c->parent == g && proc_is_leader(c) && c->pgid != g->pgid && c->sid == g->sid)
            hang_up_if_stopped(c->pgid, g);
}
