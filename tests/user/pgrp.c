/*
 * Process groups and sessions, with Linux's rules:
 *   - a child starts in its parent's group and session; /proc/PID/stat shows both;
 *   - a parent may move a child into the child's own group or into a group of its session;
 *     not into a group that does not exist there (EPERM), not a child that has run execve
 *     (EACCES), not a process that is not its child (ESRCH); a negative group is EINVAL;
 *   - kill(-pgid) signals every process of the group and no other, kill(0) the caller's;
 *   - wait4(-pgid) waits only for children in that group; then ECHILD;
 *   - setsid makes a new session and group led by the caller; a second setsid, and setpgid
 *     of a session leader, are EPERM; a process of another session cannot be moved.
 */
#include <fcntl.h>
#include <signal.h>
#include "check.h"

static pid_t sleeper(void)
{
	pid_t pid = xfork();
	if (pid == 0)
		for (;;)
			pause();
	return pid;
}

/* Fields 5 and 6 of /proc/PID/stat: the process group and the session. */
static int stat_group(pid_t pid, long *pgrp, long *session)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (read_text(path, buf, sizeof buf) < 0)
		return -1;
	char *e = strrchr(buf, ')');
	if (!e)
		return -1;
	e += 4;				/* ") S " */
	strtol(e, &e, 10);		/* ppid */
	*pgrp = strtol(e, &e, 10);
	*session = strtol(e, &e, 10);
	return 0;
}

/* In a child: a new session. Its exit status says which check failed (0: none). */
static int new_session(int ready, int go)
{
	pid_t me = getpid();
	if (setsid() != me)
		return 1;
	if (getsid(0) != me || getpgrp() != me)
		return 2;
	if (setsid() != -1 || errno != EPERM)
		return 3;
	if (setpgid(0, 0) != -1 || errno != EPERM)	/* a session leader stays put */
		return 4;
	char c = 0;
	if (write(ready, &c, 1) != 1 || read(go, &c, 1) != 1)
		return 5;
	return 0;
}

int main(int argc, char **argv)
{
	int st = 0;
	long pgrp, session;

	check_init(argc, argv);
	pid_t g0 = getpgrp(), s0 = getsid(0);

	section("a child starts in its parent's group and session");
	/* On Linux a group or session led from outside our pid namespace reads as 0
	 * (a container's CI runner is one); on pagewise everything descends from init. */
	CHECK(g0 >= 0 && s0 >= 0 && getpgid(0) == g0);
	if (on_pagewise())
		CHECK(g0 > 0 && s0 > 0);
	pid_t a = sleeper();
	CHECK(getpgid(a) == g0 && getsid(a) == s0);
	CHECK(stat_group(a, &pgrp, &session) == 0 && pgrp == g0 && session == s0);

	section("setpgid: a child into its own group, another into that group; the refusals");
	CHECK_EQ(setpgid(a, a), 0);
	CHECK_EQ(getpgid(a), a);
	CHECK(stat_group(a, &pgrp, &session) == 0 && pgrp == a && session == s0);
	pid_t b = sleeper(), c = sleeper();
	CHECK_EQ(setpgid(b, a), 0);
	CHECK_EQ(getpgid(b), a);
	CHECK_ERR(setpgid(c, 0x3ffffff), EPERM);	/* no such group in the session */
	CHECK_ERR(setpgid(c, -1), EINVAL);
	if (getpid() != 1)				/* as a namespace's init we are pid 1 */
		CHECK_ERR(setpgid(1, 1), ESRCH);	/* init is not our child */
	CHECK_ERR(getpgid(0x3ffffff), ESRCH);

	section("kill(-pgid) and wait4(-pgid): the group's two, not the third child");
	CHECK_EQ(waitpid(-a, &st, WNOHANG), 0);
	CHECK_EQ(kill(-a, SIGTERM), 0);
	pid_t w1 = waitpid(-a, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	pid_t w2 = waitpid(-a, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	CHECK((w1 == a && w2 == b) || (w1 == b && w2 == a));
	CHECK_ERR(waitpid(-a, &st, 0), ECHILD);
	CHECK_ERR(kill(-a, 0), ESRCH);
	CHECK_EQ(waitpid(c, &st, WNOHANG), 0);	/* still there */
	kill(c, SIGTERM);
	CHECK_EQ(waitpid(c, &st, 0), c);

	section("kill(0): the caller's own group");
	pid_t leader = xfork();
	if (leader == 0) {
		setpgid(0, 0);
		pid_t g = sleeper();
		signal(SIGUSR1, SIG_IGN);		/* the leader survives its own kill(0) */
		if (kill(0, SIGUSR1) != 0 || waitpid(g, &st, 0) != g)
			_exit(1);
		_exit(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1 ? 0 : 2);
	}
	CHECK_EQ(waitpid(leader, &st, 0), leader);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	section("setsid: a new session led by the child; it cannot be moved from here");
	int ready[2], go[2];
	CHECK(pipe(ready) == 0 && pipe(go) == 0);
	pid_t lead = xfork();
	if (lead == 0)
		_exit(new_session(ready[1], go[0]));
	char byte = 1;
	CHECK_EQ(read(ready[0], &byte, 1), 1);
	CHECK_EQ(getsid(lead), lead);
	CHECK_ERR(setpgid(lead, lead), EPERM);		/* in another session now */
	CHECK_EQ(write(go[1], &byte, 1), 1);
	CHECK_EQ(waitpid(lead, &st, 0), lead);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	section("a child that has run execve cannot be moved: EACCES");
	int in[2], out[2];
	char path[256];
	CHECK(pipe(in) == 0 && pipe(out) == 0 && find_program("cat", path, sizeof path) == 0);
	pid_t cat = xfork();
	if (cat == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		char *args[] = { "cat", NULL };
		execve(path, args, environ);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	byte = 'x';
	CHECK_EQ(write(in[1], &byte, 1), 1);
	CHECK_EQ(read(out[0], &byte, 1), 1);		/* cat is running: it has called execve */
	CHECK_ERR(setpgid(cat, cat), EACCES);
	close(in[1]);
	CHECK_EQ(waitpid(cat, &st, 0), cat);
	close(out[0]);
	return check_done();
}
