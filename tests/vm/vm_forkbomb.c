/*
 * A fork bomb meets a limit, not a dead machine: every process forks until fork fails, and
 * fork must fail with EAGAIN (Linux at threads-max or RLIMIT_NPROC) or ENOMEM, never take
 * the system down. Then everything exits, and /bin/runtests checks every frame came back.
 */
#include "vmtest.h"
#include <sys/wait.h>

#define FANOUT 4

/* Each process forks FANOUT children, which do the same, until fork fails; each waits for
 * its own children. Exit status: 1 if fork ever failed with an unexpected errno. */
static int bomb(int depth)
{
	int pids[FANOUT], n = 0, bad = 0;
	for (int i = 0; i < FANOUT && depth < 12; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(bomb(depth + 1));
		if (pid < 0) {
			bad |= errno != EAGAIN && errno != ENOMEM;
			break;
		}
		pids[n++] = pid;
	}
	for (int i = 0; i < n; i++) {
		int st;
		if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad = 1;
	}
	return bad;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!on_pagewise()) {
		printf("  (a fork bomb is only set off on pagewise)\n");
		return vt_done();
	}
	section("a tree of processes forking until fork says EAGAIN or ENOMEM");
	pid_t pid = fork();
	if (pid == 0)
		_exit(bomb(0));
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 0);
	section("the system still forks afterwards");
	pid = fork();
	if (pid == 0)
		_exit(7);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	return vt_done();
}
