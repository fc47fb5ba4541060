/* sigaction(2), signal(2), sigprocmask(2), sigpending(2), sigsuspend(2), and the sigset_t
 * helpers. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "syscall.h"

#define SA_RESTORER 0x04000000

void __restore(void), __restore_rt(void);

/* The handler returns through our own restorer (sigrestore.asm), as glibc and musl do. */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct sigaction k;
	if (act) {
		k = *act;
		k.sa_flags |= SA_RESTORER;
		k.sa_restorer = (act->sa_flags & SA_SIGINFO) ? __restore_rt : __restore;
		act = &k;
	}
	return __sys(__NR_rt_sigaction, sig, act, old, sizeof(sigset_t));
}

/* BSD semantics, as glibc's signal(): the handler stays installed. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_handler = handler }, old;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

/* Signal 32 is pthread_cancel's (thread/cancel.c): as glibc does, no mask blocks it. */
int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	sigset_t s;
	if (set && how != SIG_UNBLOCK) {
		s = *set;
		s.__bits[0] &= ~(1ul << 31);
		set = &s;
	}
	return __sys(__NR_rt_sigprocmask, how, set, old, sizeof(sigset_t));
}

int sigpending(sigset_t *set)
{
	return __sys(__NR_rt_sigpending, set, sizeof(sigset_t));
}

/* Wait for a signal with mask blocked; always -1, EINTR once a handler has run. */
int sigsuspend(const sigset_t *mask)
{
	return __sys_cp(__NR_rt_sigsuspend, mask, sizeof(sigset_t));
}

static int bad_signal(int sig)
{
	if (sig > 0 && sig < NSIG)
		return 0;
	errno = EINVAL;
	return 1;
}

int sigemptyset(sigset_t *set)
{
	memset(set, 0, sizeof *set);
	return 0;
}

int sigfillset(sigset_t *set)
{
	memset(set, 0xff, sizeof *set);
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->__bits[(sig - 1) / 32] |= 1ul << ((sig - 1) % 32);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->__bits[(sig - 1) / 32] &= ~(1ul << ((sig - 1) % 32));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (set->__bits[(sig - 1) / 32] >> ((sig - 1) % 32)) & 1;
}

int sigaltstack(const stack_t *ss, stack_t *old)
{
	return __sys(__NR_sigaltstack, ss, old);
}
