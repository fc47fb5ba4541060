/* The process table: allocation, pids, lookup, and freeing what wait4 reaps and the threads
 * that ended. */
#include <kheap.h>
#include <pmm.h>
#include <sched.h>
#include <proc_internal.h>
#include <arch/memlayout.h>

struct proc *current;
static struct proc *all_procs;
static int next_pid = 1;
static size_t nprocs;

/* Linux's threads-max: no more processes than RAM / (8 kernel stacks), so a fork bomb meets
 * EAGAIN long before it has eaten the memory everyone else needs. */
size_t proc_limit(void) { return MAX(pmm_managed_frames() / (8 * KSTACK_PAGES), (size_t)16); }

struct proc *proc_first(void) { return all_procs; }
size_t proc_count(void) { return nprocs; }

/* The thread (a process's leader, a zombie too) with this id; exited threads are gone. */
struct proc *proc_find(int pid)
{
    for (struct proc *p = all_procs; p; p = p->next)
        if (p->pid == pid && p->state != PROC_DEAD)
            return p;
    return NULL;
}

/* A new process with a kernel stack holding a zeroed trap frame; NULL when out of memory. */
struct proc *proc_alloc(void)
{
    if (nprocs >= proc_limit())
        return NULL;
    struct proc *p = kzalloc(sizeof *p);
    if (!p)
        return NULL;
    p->kstack = kpages_alloc(KSTACK_PAGES, FRAME_KSTACK);
    if (!p->kstack) {
        kfree(p);
        return NULL;
    }
    p->context = arch_kstack_prepare(p->kstack, KSTACK_PAGES * PAGE_SIZE, &p->tf);
    p->pid = next_pid++;
    p->group = p;                   /* a process of its own, until clone makes it a thread */
    p->state = PROC_RUNNABLE;
    p->umask = 022;                 /* Linux's init_fs; fork copies the parent's */
    p->pgid = p->sid = p->pid;      /* init leads its own; fork gives a child its parent's */
    strlcpy(p->cwd, "/", sizeof p->cwd);
    arch_thread_reset(&p->arch);
    p->next = all_procs;
    all_procs = p;
    nprocs++;
    return p;
}

uintptr_t proc_kstack_top(struct proc *p) { return (uintptr_t)p->kstack + KSTACK_PAGES * PAGE_SIZE; }

int proc_live_threads(const struct proc *g)
{
    int n = 0;
    for (struct proc *p = all_procs; p; p = p->next)
        n += p->group == g && !proc_exited(p);
    return n;
}

/* Free a process that will never run again (a reaped zombie, or a fork that failed). */
void proc_free(struct proc *p)
{
    for (struct proc **pp = &all_procs; *pp; pp = &(*pp)->next) {
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    }
    signal_queue_release(&p->sig_private);
    signal_queue_release(&p->sig_shared);
    kpages_free(p->kstack, KSTACK_PAGES);
    kfree(p);
    nprocs--;
}

/* How many PROC_DEAD structs wait to be freed: schedule() runs often, and mostly there are
 * none, so it does not look through the table for them then. */
static int ndead;

void proc_mark_dead(struct proc *p)
{
    p->state = PROC_DEAD;
    ndead++;
}

/* Threads other than a leader are nobody's to wait for: once one has exited and switched
 * away from its kernel stack for good (it is not the one running), it is freed. */
void proc_free_dead(void)
{
    struct proc **pp = &all_procs;
    while (ndead && *pp) {
        struct proc *p = *pp;
        if (p->state == PROC_DEAD && p != current) {
            proc_free(p);           /* unlinks p: *pp is the next one now */
            ndead--;
        } else {
            pp = &p->next;
        }
    }
}

/*
 * The leader's struct is the process (its pid, parent, children, figures): it stays, and
 * takes over thread t's part, the kernel stack we are running on included; t's struct gets
 * the leader's old stack and is left dead. From here on current is the leader.
 */
void proc_become_leader(struct proc *t)
{
    struct proc *g = proc_group(t);
    void *old_stack = g->kstack;
    g->kstack = t->kstack;
    g->tf = t->tf;
    g->context = t->context;
    memcpy(g->name, t->name, sizeof g->name);
    g->sleep_chan = NULL;
    g->restart_nr = t->restart_nr;
    g->restart_pending = t->restart_pending;
    g->kill_signal = t->kill_signal;
    signal_queue_release(&g->sig_private);
    g->sig_private = t->sig_private;
    t->sig_private = (struct sig_pending){ 0 };         /* the leader's now */
    g->sig_blocked = t->sig_blocked;
    g->sig_stack = t->sig_stack;
    g->sig_saved_blocked = t->sig_saved_blocked;
    g->sig_restore_blocked = t->sig_restore_blocked;
    g->traced = t->traced;
    g->vm = t->vm;
    g->files = t->files;
    g->clear_child_tid = t->clear_child_tid;
    g->futex_space = NULL;
    g->thread_minflt = t->thread_minflt;
    g->thread_majflt = t->thread_majflt;
    g->thread_user_ticks = t->thread_user_ticks;
    g->thread_kernel_ticks = t->thread_kernel_ticks;
    g->arch = t->arch;
    g->exit_status = 0;
    g->state = PROC_RUNNING;
    t->kstack = old_stack;
    t->vm = NULL;
    t->files = NULL;
    t->group = t;
    proc_mark_dead(t);
    current = g;
}

void proc_set_name(struct proc *p, const char *path)
{
    const char *base = path;
    for (const char *s = path; *s; s++)
        if (*s == '/' && s[1])
            base = s + 1;
    strlcpy(p->name, base, sizeof p->name);
}

/* A vfork child has exec'd or exited: its parent may go on. */
void vfork_release(struct proc *child)
{
    if (child->vfork_parent) {
        child->vfork_parent = NULL;
        wakeup(child);
    }
}
