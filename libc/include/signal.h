/* Signal numbers, Linux i386 (arch/x86/include/uapi/asm/signal.h). */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <bits/alltypes.h>
#include <abi/signal.h>

typedef int sig_atomic_t;

typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

/* 64 signals, as the kernel's rt_sigaction counts them. */
typedef struct { unsigned long __bits[2]; } sigset_t;

/* The real-time signals: queued one per sending, in order, each with its own siginfo. 32 and
 * 33 are left out, as glibc does (its threads use them), so that the same numbers mean the
 * same signals in programs built with either libc. */
#define SIGRTMIN 34
#define SIGRTMAX 64

union sigval {
	int sival_int;
	void *sival_ptr;
};

typedef struct {
	int si_signo, si_errno, si_code;
	union {
		int __pad[29];
		struct { int __pid, __uid, __status; } __chld;	/* SIGCHLD, waitid */
		struct { int __pid, __uid; union sigval __value; } __rt;	/* sigqueue */
		void *__addr;					/* SIGSEGV, SIGBUS */
	} __f;
} siginfo_t;
#define si_pid __f.__chld.__pid
#define si_uid __f.__chld.__uid
#define si_status __f.__chld.__status
#define si_value __f.__rt.__value
#define si_int __f.__rt.__value.sival_int
#define si_ptr __f.__rt.__value.sival_ptr
#define si_addr __f.__addr
_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t is 128 bytes");


/* The i386 kernel's layout: rt_sigaction takes it as is. Without SA_RESTORER the kernel's
 * frame returns through code it puts on the stack. */
struct sigaction {
	union {
		sighandler_t sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	unsigned long sa_flags;
	void (*sa_restorer)(void);
	sigset_t sa_mask;
};

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002	/* SIGCHLD: the children are reaped as they end */
#define SA_SIGINFO   0x00000004
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

int kill(pid_t pid, int sig);
int raise(int sig);
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

/* A signal with a value (si_code SI_QUEUE); EAGAIN when the receiver's queue is full. */
int sigqueue(pid_t pid, int sig, const union sigval value);
/* Take a pending signal of set, or wait for one (the time-out: EAGAIN; another signal's
 * handler: EINTR), without running its handler; the signals of set should be blocked. */
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
int sigwait(const sigset_t *set, int *sig);	/* an error number, not -1 and errno */

/* sigaltstack(2): a stack for the handlers installed with SA_ONSTACK. */
typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1u << 31)
#define MINSIGSTKSZ   2048
#define SIGSTKSZ      8192
int sigaltstack(const stack_t *ss, stack_t *old);

#endif
