/* The process table: allocation, pids, lookup, and freeing what wait4 reaps. */
#include <kheap.h>
#include <pmm.h>
#include <sched.h>
#include <proc.h>
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

struct proc *proc_find(int pid)
{
    for (struct proc *p = all_procs; p; p = p->next)
        if (p->pid == pid)
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
    p->kstack = kpages_alloc(KSTACK_PAGES);
    if (!p->kstack) {
        kfree(p);
        return NULL;
    }
    p->context = arch_kstack_prepare(p->kstack, KSTACK_PAGES * PAGE_SIZE, &p->tf);
    p->pid = next_pid++;
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

/* Free a process that will never run again (a reaped zombie, or a fork that failed). */
void proc_free(struct proc *p)
{
    for (struct proc **pp = &all_procs; *pp; pp = &(*pp)->next) {
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    }
    kpages_free(p->kstack, KSTACK_PAGES);
    kfree(p);
    nprocs--;
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
