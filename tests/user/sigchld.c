/*
 * SIGCHLD (signal(7), wait(2)): when a child ends, its parent gets SIGCHLD, whose siginfo says
 * how (CLD_EXITED with the exit code, CLD_KILLED with the signal) and which child; by default
 * it is ignored and the child waits as a zombie for wait4. A parent that sets SIGCHLD to
 * SIG_IGN, or asks SA_NOCLDWAIT, has its children reaped as they end: nothing is left to wait
 * for, and a wait for them ends with ECHILD once they are gone.
 */
#include <signal.h>
#include <sys/syscall.h>
#include "check.h"

static volatile int chld_count, chld_code, chld_status;
static volatile pid_t chld_pid;

static void on_chld(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	chld_count++;
	chld_code = info->si_code;
	chld_pid = info->si_pid;
	chld_status = info->si_status;
}

static void set_chld(void (*handler)(int, siginfo_t *, void *), sighandler_t plain, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	if (handler) {
		sa.sa_sigaction = handler;
		sa.sa_flags = SA_SIGINFO | flags;
	} else {
		sa.sa_handler = plain;
		sa.sa_flags = flags;
	}
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
}

/* Wait (with SIGCHLD blocked, then unblocked in sigsuspend) until the handler has run. */
static void await_chld(int count)
{
	sigset_t none;
	sigemptyset(&none);
	while (chld_count < count)
		sigsuspend(&none);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	sigset_t chld, old;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &chld, &old), 0);

	section("a child exits 7: SIGCHLD with CLD_EXITED, its pid and 7; then wait4 reaps it");
	set_chld(on_chld, NULL, 0);
	pid_t pid = xfork();
	if (pid == 0)
		_exit(7);
	await_chld(1);
	CHECK_EQ(chld_code, CLD_EXITED);
	CHECK_EQ(chld_pid, pid);
	CHECK_EQ(chld_status, 7);
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);

	section("a child killed by SIGTERM: CLD_KILLED and SIGTERM");
	pid = xfork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(1);
	}
	await_chld(2);
	CHECK_EQ(chld_code, CLD_KILLED);
	CHECK_EQ(chld_pid, pid);
	CHECK_EQ(chld_status, SIGTERM);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);

	section("SIGCHLD set to SIG_IGN: the child is reaped as it ends, wait finds none (ECHILD)");
	CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	set_chld(NULL, SIG_IGN, 0);
	pid = xfork();
	if (pid == 0)
		_exit(3);
	errno = 0;
	CHECK_EQ(waitpid(pid, &st, 0), -1);	/* it waits for the child to end, then: none */
	CHECK_EQ(errno, ECHILD);
	CHECK_EQ(kill(pid, 0), -1);		/* no zombie left behind */

	/* qemu-user keeps SA_NOCLDWAIT to itself: Linux under it would leave a zombie. */
	if (on_pagewise()) {
		section("SA_NOCLDWAIT with a handler: SIGCHLD comes, and nothing is left to wait for");
		CHECK_EQ(sigprocmask(SIG_BLOCK, &chld, NULL), 0);
		set_chld(on_chld, NULL, SA_NOCLDWAIT);
		pid = xfork();
		if (pid == 0)
			_exit(4);
		await_chld(3);
		CHECK_EQ(chld_pid, pid);
		CHECK_EQ(chld_status, 4);
		CHECK_EQ(waitpid(pid, &st, WNOHANG), -1);
		CHECK_EQ(errno, ECHILD);
		CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	}
	set_chld(NULL, SIG_DFL, 0);
	return check_done();
}
