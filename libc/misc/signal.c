/* sigaction(2) and signal(2) over rt_sigaction, and the sigset_t helpers. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "syscall.h"

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
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
