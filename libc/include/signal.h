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

/* The i386 kernel's layout: rt_sigaction takes it as is. pagewise accepts only SIG_DFL and
 * SIG_IGN as handlers (catching signals fails with ENOSYS there). */
struct sigaction {
	sighandler_t sa_handler;
	unsigned long sa_flags;
	void (*sa_restorer)(void);
	sigset_t sa_mask;
};

int kill(pid_t pid, int sig);
int raise(int sig);
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

#endif
