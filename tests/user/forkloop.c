/*
 * Many rounds of fork + exit and of fork + execve + exit, each child waited
 * for: every round must work, and (runtests checks it after the test, and
 * this test itself on pagewise) the free memory must come back exactly, so
 * that exit is seen to return every frame, page table, kernel stack and file.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include "check.h"

/* $FORKLOOP_ROUNDS may lower it: on a Linux host each exec starts a whole qemu-i386. */
#define ROUNDS 200

/* MemFree in kB from /proc/meminfo, or -1 (static buffer: no allocation here). */
static long mem_free(void)
{
	static char buf[2048];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
	char *p;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "MemFree:");
	return p ? strtol(p + 8, NULL, 10) : -1;
}

/* Touch the next 16 KiB of stack, so that deeper calls later find their pages there. */
static void __attribute__((noinline)) touch_stack(void)
{
	volatile char pad[16384];
	unsigned i;

	for (i = 0; i < sizeof pad; i += 1024)
		pad[i] = 0;
}

/* Rounds that worked: fork, then the child exits with the round number or execs path. */
static int rounds(int n, const char *path)
{
	char *args[] = { (char *)path, NULL };
	int i, st, ok = 0;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = xfork();
		if (pid == 0) {
			if (path)
				execve(path, args, environ);
			_exit(path ? 127 : i & 0xff);
		}
		if (pid > 0 && waitpid(pid, &st, 0) == pid && st == (path ? 0 : (i & 0xff) << 8))
			ok++;
	}
	return ok;
}

int main(int argc, char **argv)
{
	const char *true_prog;
	const char *env_rounds = getenv("FORKLOOP_ROUNDS");
	int n = env_rounds && atoi(env_rounds) > 0 ? atoi(env_rounds) : ROUNDS;
	long before, after;
	struct timespec nap = { 0, 20000000 };
	int tries;

	check_init(argc, argv);
	true_prog = program("true");
	/* Pages this process touches for the first time are demand-zero pages that stay ours
	   until exit, not a leak: the first printf and the first CHECK write to the bss
	   (stdout's buffer, the counters), a deeper call to new stack, and mem_free's first
	   read(2) faults in its buffer after /proc/meminfo was generated. All of that happens
	   before the first measurement. */
	CHECK(true_prog[0] == '/');
	touch_stack();
	mem_free();
	printf("checking: %d rounds of fork + _exit + wait4\n", n);
	printf("checking: %d rounds of fork + execve %s + wait4\n", n, true_prog);
	/* Warm up: the first rounds may fill kernel caches. */
	rounds(5, NULL);
	rounds(5, true_prog);
	before = mem_free();
	CHECK_EQ(rounds(n, NULL), n);
	CHECK_EQ(rounds(n, true_prog), n);

	after = mem_free();
	for (tries = 0; after != before && tries < 50; tries++) {
		nanosleep(&nap, NULL);
		after = mem_free();
	}
	printf("MemFree: %ld kB before the rounds, %ld kB after\n", before, after);
	if (on_pagewise()) {
		section("the free memory came back exactly");
		CHECK(before > 0);
		CHECK_EQ(after, before);
	}
	return check_done();
}
