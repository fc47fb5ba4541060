/*
 * Processes and their threads. A struct proc is a thread: a kernel stack, saved user
 * registers, a signal mask, TLS. The threads of one process (a thread group, made by clone
 * with CLONE_THREAD) share its address space (struct vm) and descriptor table, and what is the
 * process's rather than a thread's lives in the group leader, the thread the process began
 * with: its pid is the process id (getpid), its parent is the process's parent, and it holds
 * the signal handlers, process-directed signals, timers, process group, working directory and
 * resource figures (see proc_group()). The leader's struct lives until the process is reaped,
 * even when the leader thread exits first. The scheduler (kernel/sched.c) runs threads
 * round-robin.
 */
#ifndef PROC_H
#define PROC_H

#include <kernel.h>
#include <signal.h>
#include <arch/thread.h>

struct trap_frame;
struct vm;

/* A signal's disposition, as rt_sigaction(2) exchanges it on i386. */
struct k_sigaction {
    uint32_t handler, flags, restorer;
    uint64_t mask;
};
struct fdtable;

/* The real-time signals (32 and up) queue, one per sending (signal(7)). */
#define SIG_FIRST_RT 32
/* Signals sent and not yet taken: bit sig-1 of set. A standard signal is pending once however often it is sent,
 * with the first sender's siginfo; each real-time one sent is queued with its own. */
struct sig_pending {
    uint64_t set;
    struct sig_origin origin[SIG_FIRST_RT - 1];   /* standard signals, index sig-1 */
    struct sig_queued *queued;        /* real-time signals, oldest first */
    unsigned nqueued;
};

/* PROC_ZOMBIE: a process's leader, exited and waiting for wait4 (or for its last thread);
 * PROC_DEAD: another thread, exited: nobody waits for it, the scheduler frees it. */
enum proc_state { PROC_RUNNABLE, PROC_RUNNING, PROC_SLEEPING, PROC_ZOMBIE, PROC_DEAD };

#define PROC_NAME_LEN 16
#define PATH_MAX_LEN 256

struct proc {
    int pid;                          /* the thread id (gettid); the leader's is the process id */
    struct proc *group;               /* the thread group's leader; itself for a leader */
    char name[PROC_NAME_LEN];         /* the program's file name, as Linux's "comm" */
    enum proc_state state;
    struct proc *parent;              /* a leader's: the parent process (its leader) */
    struct proc *next;                /* all processes, newest first (kernel/proc.c) */
    struct proc *run_next;            /* run queue link (kernel/sched.c) */

    struct vm *vm;
    struct fdtable *files;
    char cwd[PATH_MAX_LEN];
    unsigned umask;                   /* mode bits a new file would not get (umask(2)); 022 at boot */
    int pgid, sid;                    /* process group and session (setpgid(2), setsid(2)) */
    bool did_exec;                    /* has called execve since fork (setpgid refuses then) */
    char exe[PATH_MAX_LEN];           /* the program file, for /proc/<pid>/exe */

    void *kstack;                     /* kpages_alloc'd, KSTACK_PAGES long */
    struct trap_frame *tf;            /* the user registers, at the top of kstack */
    uintptr_t context;                /* saved kernel stack pointer while switched out */

    const void *sleep_chan;
    unsigned restart_nr;              /* a system call that answered -ERESTARTSYS: its number */
    bool restart_pending;
    int restart_error;                /* which: -ERESTARTSYS, -ERESTARTNOHAND or -ERESTART_RESTARTBLOCK */
    struct restart_block {            /* what restart_syscall goes on with (Linux's): */
        long (*fn)(void);             /* the rest of the call, reading what follows; NULL: none */
        int clock;                    /* a sleep: its clock, deadline, rem and its width; */
        bool wide;
        uint64_t deadline;            /* a poll: its deadline (UINT64_MAX: none), */
        uintptr_t uaddr;              /* its descriptors and how many */
        unsigned count;
    } restart;
    int kill_signal;                  /* dying of this signal (set when it is delivered), or 0 */
    struct sig_pending sig_private;   /* sent to this thread: tkill, tgkill, faults, SIGPIPE */
    struct sig_pending sig_shared;    /* sent to the process: kill, timers, the terminal */
    uint64_t sig_blocked;             /* bit sig-1 */
    uint64_t sig_real_blocked;        /* in rt_sigtimedwait: the mask it let its set through */
    struct alt_stack sig_stack;       /* sigaltstack: size 0 when there is none */
    uint64_t sig_saved_blocked;       /* sigsuspend: the mask to restore once a handler has run */
    bool sig_restore_blocked;         /* sig_saved_blocked is set */
    uint64_t alarm_at, alarm_interval;          /* ITIMER_REAL: when (timer_ns), and again every; 0: off */
    struct cpu_itimer {               /* ITIMER_VIRTUAL (user time), ITIMER_PROF (user + system) */
        uint64_t expires, interval;   /* in that CPU time's nanoseconds; expires 0: off */
    } cpu_itimer[2];
    struct k_sigaction sig_action[64];         /* index sig-1: SIG_DFL (0), SIG_IGN (1) or a handler */
    int exit_status;                  /* wait4 encoding, valid in PROC_ZOMBIE */
    bool group_exiting;               /* leader: exit_group or a fatal signal ends every thread */
    bool stopped;                     /* leader: a stop signal stopped every thread (job control) */
    int stop_sig;                     /* leader: the signal that did */
    bool stop_reported;               /* leader: every thread has stopped, the parent was told */
    enum { REPORT_NONE, REPORT_STOPPED, REPORT_CONTINUED } report;   /* leader: for wait4 */
    bool de_threading;                /* leader: an execve is killing the other threads */
    uintptr_t clear_child_tid;        /* set_tid_address, CLONE_CHILD_CLEARTID: 0 goes there at exit */
    const void *futex_space;          /* asleep in FUTEX_WAIT: the word's key (kernel/futex.c), */
    uintptr_t futex_addr;             /* a space and an address in it; space NULL: woken, or not */
    uintptr_t robust_list;            /* set_robust_list: the robust futexes it may hold */
    uint32_t futex_bitset;
    bool traced;                      /* print syscalls and faults (the trace program) */

    /* Accounting, as getrusage and /proc report it: the leader's are the process's (all its
     * threads'), thread_* this thread's own share (RUSAGE_THREAD, CLOCK_THREAD_CPUTIME_ID). */
    unsigned long minflt, majflt;
    unsigned long child_minflt, child_majflt;   /* of reaped children */
    size_t maxrss_pages;              /* peak resident size over the whole life (exec keeps it) */
    size_t child_maxrss_pages;        /* the largest of any reaped descendant */
    uint64_t start_tick, user_ticks, kernel_ticks;
    uint64_t child_user_ticks, child_kernel_ticks;
    unsigned long thread_minflt, thread_majflt;
    uint64_t thread_user_ticks, thread_kernel_ticks;

    struct proc *vfork_parent;        /* asleep until this child execs or exits */
    bool vm_borrowed;                 /* vm is the vfork parent's (clone CLONE_VM|CLONE_VFORK): not ours to free */
    struct arch_thread arch;          /* FPU state and TLS descriptors */
};

#define KSTACK_PAGES 2

extern struct proc *current;

/* The process a thread belongs to: its leader, which holds what the threads share. */
static inline struct proc *proc_group(const struct proc *p) { return p->group; }
static inline bool proc_is_leader(const struct proc *p) { return p->group == p; }
/* Has p's thread ended (zombie or dead)? */
static inline bool proc_exited(const struct proc *p) { return p->state == PROC_ZOMBIE || p->state == PROC_DEAD; }
/* Is thread p held by its process's stop (job control)? /proc's state T. */
static inline bool proc_held_stopped(const struct proc *p)
{
    return p->state == PROC_SLEEPING && p->sleep_chan == &p->group->stopped;
}
/* Threads of g's process that have not exited. */
int proc_live_threads(const struct proc *g);

struct proc *proc_find(int pid);
/* Iterate all processes: for (p = proc_first(); p; p = p->next). */
struct proc *proc_first(void);

#endif
