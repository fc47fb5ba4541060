/*
 * A system-call fuzzer: children make thousands of system calls with random numbers and
 * arguments (valid pointers, NULL, kernel addresses, junk), and the kernel must answer every
 * one without panicking or hanging: a child may fail, block (it is killed after a while) or
 * die of a signal, but the system goes on, and /bin/runtests checks every frame comes back.
 * The generator is seeded from the argument (default 1), so a failure can be replayed.
 *
 * Left out: the calls that would end the test rather than the child: reboot, kill, tkill,
 * tgkill, rt_sigqueueinfo and rt_tgsigqueueinfo (they could hit the runner), process_vm_writev
 * (it could write into the runner's memory), execve (it would run other programs), fork and vfork (a fork bomb has its
 * own test), prctl (the trace would flood the console); sigreturn and rt_sigreturn, which
 * with a random stack end the child at once, leaving the other calls untried; and pause and
 * rt_sigsuspend, which wait for a signal by design, so that nearly every child would sit out
 * its time (tests/user/timers checks them). poll and the select calls stay in, with a short
 * time-out for the same reason (bound_the_wait). A child still there after CHILD_TIME_MS is
 * killed, and the call it was in (/proc/PID/syscall) is printed.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include "check.h"

#define CHILDREN        48
#define CALLS_PER_CHILD 1000
#define CHILD_TIME_MS   1500

static const int skip[] = { __NR_reboot, __NR_kill, __NR_tkill, __NR_tgkill, __NR_rt_sigqueueinfo,
			    __NR_rt_tgsigqueueinfo, __NR_process_vm_writev, __NR_execve, __NR_fork, __NR_vfork, __NR_prctl,
			    __NR_exit, __NR_exit_group, __NR_sigreturn, __NR_rt_sigreturn, __NR_pause,
			    __NR_rt_sigsuspend };
static unsigned long long seed;

static unsigned rnd(void)
{
	seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(seed >> 33);
}

static int skipped(int nr)
{
	for (unsigned i = 0; i < sizeof skip / sizeof skip[0]; i++)
		if (skip[i] == nr)
			return 1;
	return 0;
}

/* An argument: small numbers, -1, page-ish numbers, our own memory, NULL, kernel addresses. */
static long arg(char *buf)
{
	switch (rnd() % 9) {
	case 0: return 0;
	case 1: return -1;
	case 2: return rnd() % 8;
	case 3: return rnd() % 4096;
	case 4: return (long)(buf + rnd() % 256);
	case 5: return (long)0xC0000000u + (long)(rnd() % 0x100000);
	case 6: return (long)(rnd() & ~0xFFFu);
	case 7: return (long)rnd();
	default: return 0x1000;
	}
}

/* poll, select and their kin wait forever without a time-out, and -1 or a random number of
 * milliseconds is likely: the child would sit out its time having tried nothing else. They
 * get a short time-out instead (a random pointer may still give them a long one). */
static const struct { int nr, arg; } waits[] = {
	{ __NR_poll, 2 }, { __NR_ppoll, 2 }, { __NR_ppoll_time64, 2 },
	{ __NR__newselect, 4 }, { __NR_pselect6, 4 }, { __NR_pselect6_time64, 4 },
};

static void bound_the_wait(int nr, long *a, char *buf)
{
	static const long zero[2];
	/* The first select takes its arguments in a block: when that is in buf, its time-out
	 * (the fifth word) gets the same treatment. */
	if (nr == __NR_select && a[0] >= (long)buf && a[0] < (long)buf + 256) {
		long t;
		memcpy(&t, (char *)a[0] + 4 * sizeof(long), sizeof t);
		if (t == 0) {
			t = (long)zero;
			memcpy((char *)a[0] + 4 * sizeof(long), &t, sizeof t);
		}
	}
	for (unsigned i = 0; i < sizeof waits / sizeof waits[0]; i++)
		if (waits[i].nr == nr) {
			long *t = &a[waits[i].arg];
			if (nr == __NR_poll)
				*t = (unsigned long)*t % 20;
			else if (*t == 0)
				*t = (long)zero;
		}
}

static void child(int index)
{
	seed += (unsigned long long)index * 7919;
	static char buf[512];
	/* Our own descriptors go to /dev/null, so that random writes do not flood the console. */
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	for (int i = 0; i < CALLS_PER_CHILD; i++) {
		int nr = (int)(rnd() % 420);
		if (skipped(nr))
			continue;
		long a[6];
		for (int k = 0; k < 6; k++)
			a[k] = arg(buf);
		bound_the_wait(nr, a, buf);
		syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	_exit(0);
}

/* What the children that had to be killed were doing: /proc/PID/syscall's first field (a
 * call's number, -1 outside one, "running"). */
static char blocked_in[CHILDREN][12];

static void note_blocked(pid_t pid, int n)
{
	char path[48];
	snprintf(path, sizeof path, "/proc/%d/syscall", (int)pid);
	read_text(path, blocked_in[n], sizeof blocked_in[n]);
	blocked_in[n][strcspn(blocked_in[n], " \n")] = '\0';
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	seed = argc > 1 && argv[1][0] != '-' ? strtoull(argv[1], NULL, 0) : 1;
	if (!on_pagewise()) {
		printf("  (random system calls are only made on pagewise: on Linux they could hit anything)\n");
		return check_done();
	}
	printf("checking: %d children x %d random system calls (seed %llu)\n", CHILDREN, CALLS_PER_CHILD, seed);
	struct outcomes o = run_children(CHILDREN, child, CHILD_TIME_MS, note_blocked);
	printf("  %d exited, %d died of a signal (%d killed after %d ms), %d lost\n", o.exited,
	       o.signalled, o.killed, CHILD_TIME_MS, o.lost);
	printf("  the killed ones were in system calls:");
	for (int k = 0; k < o.killed && k < CHILDREN; k++)
		printf(" %s", blocked_in[k]);
	printf("\n");
	CHECK_EQ(o.lost, 0);
	CHECK_EQ(o.exited + o.signalled, CHILDREN);

	remove_shm_segments();
	check_system_works();
	return check_done();
}
