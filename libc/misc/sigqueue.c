/* sigqueue(3), and taking signals without a handler: sigtimedwait(2), sigwaitinfo(2),
 * sigwait(3). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "syscall.h"

int sigqueue(pid_t pid, int sig, const union sigval value)
{
	siginfo_t info;
	memset(&info, 0, sizeof info);
	info.si_signo = sig;
	info.si_code = SI_QUEUE;
	info.si_pid = getpid();
	info.si_uid = (int)getuid();
	info.si_value = value;
	return __sys(__NR_rt_sigqueueinfo, pid, sig, &info);
}

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)
{
	return __sys_cp(__NR_rt_sigtimedwait, set, info, timeout, sizeof(sigset_t));
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
	return sigtimedwait(set, info, NULL);
}

/* POSIX has no EINTR here: a handler that ran while waiting does not end the wait. */
int sigwait(const sigset_t *set, int *sig)
{
	int r;
	while ((r = sigtimedwait(set, NULL, NULL)) < 0)
		if (errno != EINTR)
			return errno;
	*sig = r;
	return 0;
}
