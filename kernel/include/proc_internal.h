/* Between the process-core files (proc, sched, fork, exec, exit, signals). */
#ifndef PROC_INTERNAL_H
#define PROC_INTERNAL_H

#include <proc.h>

struct proc *proc_alloc(void);
void proc_free(struct proc *p);
size_t proc_count(void);
size_t proc_limit(void);
uintptr_t proc_kstack_top(struct proc *p);
void proc_set_name(struct proc *p, const char *path);
void vfork_release(struct proc *child);
void proc_mark_dead(struct proc *p);          /* exited, and nobody waits for it: PROC_DEAD */
void proc_free_dead(void);                    /* free those, but the one running */
/* execve from thread t, the last of its process but not the leader: t becomes the leader. */
void proc_become_leader(struct proc *t);

void sched_add(struct proc *p);               /* make runnable */
void schedule(void);                          /* run someone else; returns when we run again */
NORETURN void sched_start(struct proc *first);
void sched_tick(bool from_user);              /* timer interrupt */
bool sched_should_yield(void);

/* Terminate the current process, all its threads, with a wait4 status; never returns. */
NORETURN void do_exit(int status);
/* End the calling thread only (exit(2)); the process ends with its last thread. */
NORETURN void thread_exit(int status);
struct vm;
/* Wake up to n waiters on the word at uaddr in vm, as a wake without FUTEX_PRIVATE_FLAG does
 * (the kernel's own wakes: a thread's end, a robust futex's owner dying). */
int futex_wake_shared(struct vm *vm, uintptr_t uaddr, int n);
/* The calling thread ends: mark the robust futexes it holds as their owner's dead. */
void futex_release_robust(struct proc *t);
/* Deliver a terminating signal to p (the default action of every signal we know). */
void send_signal(struct proc *p, int sig);          /* to the process (kill) */
void send_signal_thread(struct proc *p, int sig);   /* to the thread (tgkill, a fault, SIGPIPE) */
/* The same, saying where it came from (the siginfo a SA_SIGINFO handler gets): si_code, and
 * the sender's pid or the faulting address. The two above say SI_KERNEL. */
long send_signal_from(struct proc *p, int sig, bool to_thread, struct sig_origin from);
/* Free what a queue of pending signals holds (its struct proc is going, or taken over). */
void signal_queue_release(struct sig_pending *q);
/* A child's end as SIGCHLD's siginfo and waitid's tell it: CLD_EXITED with the exit code, or
 * CLD_KILLED with the signal, from a wait4 status. */
struct sig_origin signal_child_origin(int child_pid, int status);
/* A child of process p ended with a wait4 status: SIGCHLD to p. True when p has its children
 * reaped without a wait (SIGCHLD ignored with SIG_IGN, or SA_NOCLDWAIT). */
bool signal_child_ended(struct proc *p, int child_pid, int status);
/* Every live thread of g's process but except dies (SIGKILL), whatever it blocks; sleepers
 * wake to do so. */
void signal_kill_threads(struct proc *g, const struct proc *except);
/* A stopped or continued child's wait4 status, and its SIGCHLD/waitid siginfo. */
int signal_report_status(const struct proc *g);
struct sig_origin signal_report_origin(const struct proc *g);
void signal_thread_gone(struct proc *g);
/* Is there a process in group pgid, and in session sid (pgrp.c)? */
bool pgrp_in_session(int pgid, int sid);
/* g's process is ending, its children not yet handed to init: a group this orphans that has a
 * stopped member gets SIGHUP and SIGCONT (pgrp.c). */
void pgrp_process_ending(struct proc *g);
/* Would t refuse sig now: ignored (SIG_IGN) or blocked? */
bool signal_refused(const struct proc *t, int sig);
/* A key at the console that signals (Ctrl-C SIGINT, Ctrl-Z SIGTSTP): to every process of
 * process group pgrp, or with pgrp 0 to every process but init. */
void signal_console_key(int sig, int pgrp);
/* Should a sleep end now (a signal to handle, or the process is dying)? */
bool signal_interrupts(const struct proc *p);
/* On the way back to user mode: deliver one pending signal (may not return). */
void signal_deliver(struct trap_frame *tf);
void signal_fork(struct proc *child, const struct proc *parent);
/* Has p a handler for sig that may run now (installed and not blocked)? */
bool signal_has_handler(const struct proc *p, int sig);
void signal_exec(struct proc *p);
/* p is done with vm (exit, execve): it is freed, or left to the vfork child running in it. */
struct vm;
void proc_drop_vm(struct proc *p, struct vm *vm);
/* sigsuspend, ppoll, pselect6: wait with the caller's blocked set (from user space; EINVAL
 * unless its size is 8, EFAULT). Once the wait is over, signal_wait_mask_end(ret) puts the
 * old set back, unless ret is -EINTR: then a handler runs first, with the caller's set in
 * force, and its sigreturn restores the old one. */
long signal_wait_mask_begin(uintptr_t umask, size_t size);
long signal_wait_mask_end(long ret);

/* Start pid 1 from path with the given arguments (kernel strings). */
void start_init(const char *path, char *const argv[]);
/* execve from kernel strings: 0 or -errno (the current process is unchanged on error). */
long kernel_execve(const char *path, char *const argv[], char *const envp[]);

#define W_EXITCODE(code, sig) (((code) << 8) | (sig))

#endif
