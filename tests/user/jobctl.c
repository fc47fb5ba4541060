/*
 * Job control's signals (signal(7), wait(2)): SIGSTOP stops a process, every thread of it,
 * until SIGCONT; its parent hears of both (SIGCHLD with CLD_STOPPED and CLD_CONTINUED, wait4
 * with WUNTRACED and WCONTINUED, waitid with WSTOPPED and WCONTINUED), each once, unless it
 * asked not to with SA_NOCLDSTOP. /proc says 'T'. SIGTSTP stops too, unless it is caught or
 * ignored. SIGCONT throws away a pending stop signal and a stop signal a pending SIGCONT; a
 * stopped process's call goes on after SIGCONT (a nanosleep to its end, no EINTR); SIGKILL
 * ends a stopped process. A process group that becomes orphaned with a stopped member gets
 * SIGHUP and SIGCONT, which end it.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include "check.h"

static volatile int chld_count, chld_code, chld_status;

static void on_chld(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	chld_count++;
	chld_code = info->si_code;
	chld_status = info->si_status;
}

static void set_chld(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
}

/* Counters the children bump forever, in memory shared with us. */
static volatile unsigned *counter;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* A child that counts in counter[slot] (with a short sleep each round, so that it also
 * stops inside a system call), after telling us it started. */
static pid_t counting_child(int slot)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		for (;;) {
			counter[slot]++;
			sleep_ms(1);
		}
	}
	while (pid > 0 && counter[slot] == 0)
		sleep_ms(1);
	return pid;
}

/* Does counter[slot] move? Yes as soon as it does (within 2 s: a loaded machine may run the
 * child late); no if it stays put for 2 s. */
static int moving(int slot)
{
	unsigned before = counter[slot];
	for (int i = 0; i < 200; i++) {
		sleep_ms(10);
		if (counter[slot] != before)
			return 1;
	}
	return 0;
}

/* Does counter[slot] stay put for 50 ms (a stopped child never moves)? */
static int still(int slot)
{
	unsigned before = counter[slot];
	sleep_ms(50);
	return counter[slot] == before;
}

/* The state letter of /proc/PID/stat, or of /proc/PID/task/TID/stat when tid is not 0. */
static char thread_state(pid_t pid, pid_t tid)
{
	char path[64], buf[512];
	if (tid)
		snprintf(path, sizeof path, "/proc/%d/task/%d/stat", (int)pid, (int)tid);
	else
		snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	long n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	char *p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

static char proc_state(pid_t pid) { return thread_state(pid, 0); }

/* The second thread of the threaded child: counts in counter[3]. */
static void *thread_counts(void *arg)
{
	(void)arg;
	for (;;) {
		counter[3]++;
		sleep_ms(1);
	}
	return NULL;
}

/* A thread that never enters the kernel of itself: it stops only when the kernel takes the
 * CPU from it. Its id goes to counter[5]. */
static void *thread_spins(void *arg)
{
	(void)arg;
	counter[5] = (unsigned)syscall(__NR_gettid);
	for (;;)
		counter[6]++;
	return NULL;
}

static volatile int tstp_caught;
static void on_tstp(int sig) { (void)sig; tstp_caught++; }

int main(int argc, char **argv)
{
	check_init(argc, argv);
	counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(counter != MAP_FAILED);
	sigset_t chld, none;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	set_chld(0);

	section("SIGSTOP: the child stops ('T'), wait4(WUNTRACED) says so once, SIGCHLD CLD_STOPPED");
	pid_t pid = counting_child(0);
	CHECK(pid > 0);
	CHECK(moving(0));
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	int st = 0;
	CHECK_EQ(wait4(pid, &st, WUNTRACED, NULL), pid);
	CHECK(WIFSTOPPED(st));
	CHECK_EQ(WSTOPSIG(st), SIGSTOP);
	CHECK(still(0));
	CHECK_EQ(proc_state(pid), 'T');
	while (chld_count < 1)
		sigsuspend(&none);
	CHECK_EQ(chld_code, CLD_STOPPED);
	CHECK_EQ(chld_status, SIGSTOP);
	CHECK_EQ(wait4(pid, &st, WUNTRACED | WNOHANG, NULL), 0);	/* told once */
	CHECK_EQ(wait4(pid, &st, WNOHANG, NULL), 0);			/* not without WUNTRACED */

	section("SIGCONT: it goes on (its sleep too), wait4(WCONTINUED) and CLD_CONTINUED");
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(wait4(pid, &st, WCONTINUED, NULL), pid);
	CHECK(WIFCONTINUED(st));
	CHECK(!WIFSTOPPED(st) && !WIFEXITED(st) && !WIFSIGNALED(st));
	CHECK(moving(0));
	CHECK(proc_state(pid) != 'T');
	while (chld_count < 2)
		sigsuspend(&none);
	CHECK_EQ(chld_code, CLD_CONTINUED);
	CHECK_EQ(chld_status, SIGCONT);

	section("waitid: WSTOPPED and WCONTINUED as siginfo; WNOWAIT leaves the news for later");
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	siginfo_t si;
	memset(&si, 0, sizeof si);
	CHECK_EQ(waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT), 0);
	CHECK_EQ(si.si_code, CLD_STOPPED);
	CHECK_EQ(si.si_pid, pid);
	CHECK_EQ(si.si_status, SIGSTOP);
	memset(&si, 0, sizeof si);
	CHECK_EQ(waitid(P_PID, pid, &si, WSTOPPED), 0);
	CHECK_EQ(si.si_code, CLD_STOPPED);
	memset(&si, 0, sizeof si);
	CHECK_EQ(waitid(P_PID, pid, &si, WSTOPPED | WNOHANG), 0);
	CHECK_EQ(si.si_pid, 0);						/* told already */
	CHECK_EQ(kill(pid, SIGCONT), 0);
	memset(&si, 0, sizeof si);
	CHECK_EQ(waitid(P_PID, pid, &si, WCONTINUED), 0);
	CHECK_EQ(si.si_code, CLD_CONTINUED);
	CHECK_EQ(si.si_status, SIGCONT);

	section("a nanosleep stopped and continued finishes its sleep: no EINTR");
	fflush(stdout);
	pid_t sleeper = fork();
	if (sleeper == 0) {
		struct timespec ts = { 0, 300000000 };
		_exit(nanosleep(&ts, NULL) == 0 ? 0 : 1);
	}
	sleep_ms(50);
	CHECK_EQ(kill(sleeper, SIGSTOP), 0);
	CHECK_EQ(wait4(sleeper, &st, WUNTRACED, NULL), sleeper);
	CHECK_EQ(kill(sleeper, SIGCONT), 0);
	CHECK_EQ(wait4(sleeper, &st, 0, NULL), sleeper);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	section("a poll stopped and continued goes on with the time that was left");
	fflush(stdout);
	pid_t poller = fork();
	if (poller == 0) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		int r = poll(NULL, 0, 1000);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		_exit(r != 0 ? 2 : ms < 990 ? 3 : ms > 1500 ? 4 : 0);	/* a whole second again: 1800 */
	}
	sleep_ms(100);
	CHECK_EQ(kill(poller, SIGSTOP), 0);
	CHECK_EQ(wait4(poller, &st, WUNTRACED, NULL), poller);
	sleep_ms(700);
	CHECK_EQ(kill(poller, SIGCONT), 0);
	CHECK_EQ(wait4(poller, &st, 0, NULL), poller);
	CHECK(WIFEXITED(st));
	if (on_pagewise())
		CHECK_EQ(WEXITSTATUS(st), 0);
	else	/* a native Linux program polls 1000 ms in all; qemu-user restarts the whole second */
		printf("note: not pagewise: the time left not checked (qemu-user starts poll again)\n");

	section("pause stopped and continued goes on pausing; a handler then ends it with EINTR");
	counter[6] = 0;		/* before the fork: the child may set it first */
	fflush(stdout);
	pid_t pauser = fork();
	if (pauser == 0) {
		signal(SIGUSR1, on_tstp);
		counter[6] = 1;
		int r = pause();
		_exit(r == -1 && errno == EINTR ? 3 : 4);
	}
	while (counter[6] == 0)
		sleep_ms(1);
	sleep_ms(50);
	CHECK_EQ(kill(pauser, SIGSTOP), 0);
	CHECK_EQ(wait4(pauser, &st, WUNTRACED, NULL), pauser);
	CHECK_EQ(kill(pauser, SIGCONT), 0);
	sleep_ms(50);
	CHECK_EQ(wait4(pauser, &st, WNOHANG, NULL), 0);		/* still pausing */
	CHECK_EQ(kill(pauser, SIGUSR1), 0);
	CHECK_EQ(wait4(pauser, &st, 0, NULL), pauser);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);

	section("SIGKILL ends a stopped child");
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(wait4(pid, &st, WUNTRACED, NULL), pid);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	section("SA_NOCLDSTOP: no SIGCHLD for stops and continues, wait4 still tells");
	sigset_t pend;
	sigpending(&pend);
	if (sigismember(&pend, SIGCHLD))	/* the killed child's: taken by the handler */
		sigsuspend(&none);
	set_chld(SA_NOCLDSTOP);
	chld_count = 0;
	pid = counting_child(1);
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(wait4(pid, &st, WUNTRACED, NULL), pid);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(wait4(pid, &st, WCONTINUED, NULL), pid);
	sigpending(&pend);
	if (on_pagewise())
		CHECK(!sigismember(&pend, SIGCHLD));
	else	/* a native Linux program sees none; qemu-user passes its own host SIGCHLD on */
		printf("note: not pagewise: SA_NOCLDSTOP not checked (qemu-user does not keep to it)\n");
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	set_chld(0);

	section("SIGTSTP stops by default; caught, it runs the handler; ignored, nothing");
	pid = counting_child(2);
	CHECK_EQ(kill(pid, SIGTSTP), 0);
	CHECK_EQ(wait4(pid, &st, WUNTRACED, NULL), pid);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	signal(SIGTSTP, on_tstp);
	CHECK_EQ(raise(SIGTSTP), 0);
	CHECK_EQ(tstp_caught, 1);
	signal(SIGTSTP, SIG_IGN);
	CHECK_EQ(raise(SIGTSTP), 0);
	CHECK_EQ(tstp_caught, 1);
	signal(SIGTSTP, SIG_DFL);

	section("a stop signal throws a pending SIGCONT away, SIGCONT a pending stop");
	sigset_t both;
	sigemptyset(&both);
	sigaddset(&both, SIGCONT);
	sigaddset(&both, SIGTSTP);
	sigprocmask(SIG_BLOCK, &both, NULL);
	raise(SIGCONT);
	raise(SIGTSTP);
	sigpending(&pend);
	CHECK(sigismember(&pend, SIGTSTP) && !sigismember(&pend, SIGCONT));
	raise(SIGCONT);
	sigpending(&pend);
	CHECK(sigismember(&pend, SIGCONT) && !sigismember(&pend, SIGTSTP));
	signal(SIGCONT, SIG_IGN);	/* drop it, then unblock */
	sigprocmask(SIG_UNBLOCK, &both, NULL);
	signal(SIGCONT, SIG_DFL);

	section("an orphaned group with a stopped member gets SIGHUP and SIGCONT: it ends");
	/* A child in a session of its own forks a grandchild into a group of its own, which stops;
	 * the child exits, so nobody in the session is left to continue the grandchild. */
	counter[5] = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		setsid();
		pid_t g = fork();
		if (g == 0) {
			setpgid(0, 0);
			counter[5] = (unsigned)getpid();
			raise(SIGSTOP);
			for (;;)		/* continued, and SIGHUP ignored: stays */
				pause();
		}
		int gst;
		wait4(g, &gst, WUNTRACED, NULL);
		_exit(WIFSTOPPED(gst) ? 0 : 1);
	}
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	pid_t grandchild = (pid_t)counter[5];
	CHECK(grandchild > 0);
	int gone = 0;
	for (int i = 0; i < 200 && !gone; i++) {	/* init reaps it once SIGHUP has ended it */
		gone = kill(grandchild, 0) != 0 && errno == ESRCH;
		if (!gone)
			sleep_ms(10);
	}
	CHECK(gone);
	if (!gone)
		kill(grandchild, SIGKILL);

	section("tcsetpgrp's errors: EINVAL for a negative group, EPERM for one that is not there");
	if (isatty(STDIN_FILENO)) {
		CHECK(tcgetpgrp(STDIN_FILENO) > 0);
		CHECK_ERR(tcsetpgrp(STDIN_FILENO, -1), EINVAL);
		CHECK_ERR(tcsetpgrp(STDIN_FILENO, 0x7ffffff0), EPERM);
	} else {
		CHECK_ERR(tcgetpgrp(STDIN_FILENO), ENOTTY);
		printf("note: standard input is no terminal: only ENOTTY checked\n");
	}

	section("a threaded child: both threads stop, both go on");
	counter[3] = counter[4] = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		pthread_t t;
		pthread_create(&t, NULL, thread_counts, NULL);
		for (;;) {
			counter[4]++;
			sleep_ms(1);
		}
	}
	while (counter[3] == 0 || counter[4] == 0)
		sleep_ms(1);
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	CHECK_EQ(wait4(pid, &st, WUNTRACED, NULL), pid);
	sleep_ms(20);
	CHECK(still(3) && still(4));
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK(moving(3) && moving(4));
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);

	section("the parent hears of a stop once every thread has stopped");
	counter[5] = counter[6] = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		pthread_t t;
		pthread_create(&t, NULL, thread_spins, NULL);
		for (;;)
			pause();
	}
	while (counter[5] == 0 || counter[6] == 0)
		sleep_ms(1);
	pid_t spinner = (pid_t)counter[5];
	CHECK_EQ(thread_state(pid, spinner), 'R');
	for (int round = 0; round < 2; round++) {
		CHECK_EQ(kill(pid, SIGSTOP), 0);
		CHECK_EQ(wait4(pid, &st, WUNTRACED, NULL), pid);
		CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
		/* At the moment wait4 returns, no thread may still run. */
		CHECK_EQ(thread_state(pid, pid), 'T');
		CHECK_EQ(thread_state(pid, spinner), 'T');
		CHECK(still(6));
		CHECK_EQ(kill(pid, SIGCONT), 0);
		CHECK_EQ(wait4(pid, &st, WCONTINUED, NULL), pid);
		CHECK(WIFCONTINUED(st));
		CHECK(moving(6));
	}
	CHECK_EQ(kill(pid, SIGKILL), 0);
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	return check_done();
}
