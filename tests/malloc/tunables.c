/*
 * tunables.c - the parameters glibc also reads from the environment.
 *
 *   tunables          every case, each in a fresh process (execve of itself)
 *                     with only its variable in the environment
 *   tunables CASE     one case, in the environment as it is
 *
 * The allocator reads its environment once, at its first call, so each case
 * needs a new program; it checks what the allocator made of the variable:
 * the thresholds it reports and the path its calls take. The same file runs
 * on the host and inside pagewise (/tests/malloc_tunables).
 *
 *   default         no variable: 128 KiB thresholds, the mmap one adapts (the
 *                   trim threshold and the top pad follow it)
 *   mmap-threshold  MALLOC_MMAP_THRESHOLD_=65536: 100 KiB is mmapped, and
 *                   freeing it no longer moves the threshold
 *   trim-threshold  MALLOC_TRIM_THRESHOLD_=1048576: 600 KiB freed at the
 *                   top stays; malloc_trim still gives it back
 *   top-pad         MALLOC_TOP_PAD_=0x200000 (hex): the break grows by 2 MiB
 *   mmap-max        MALLOC_MMAP_MAX_=0: 1 MiB comes from the heap
 *   invalid         MALLOC_TRIM_THRESHOLD_=12abc: ignored, as glibc does
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

#define K ((size_t)1024)

int unit_passed, unit_failed;
volatile size_t unit_huge = SIZE_MAX;

static unsigned path(void)
{
	return pw_malloc_last().path;
}

/* Free what sits at the top of the heap: does the break go down? */
static int top_free_trims(size_t total)
{
	enum { N = 12 };
	char *p[N];
	for (int i = 0; i < N; i++)
		p[i] = malloc(total / N);
	char *brk0 = sbrk(0);
	for (int i = N - 1; i >= 0; i--)
		free(p[i]);
	return (char *)sbrk(0) < brk0;
}

static const struct { const char *name, *env; } cases[] = {
	{ "default", NULL },
	{ "mmap-threshold", "MALLOC_MMAP_THRESHOLD_=65536" },
	{ "trim-threshold", "MALLOC_TRIM_THRESHOLD_=1048576" },
	{ "top-pad", "MALLOC_TOP_PAD_=0x200000" },
	{ "mmap-max", "MALLOC_MMAP_MAX_=0" },
	{ "invalid", "MALLOC_TRIM_THRESHOLD_=12abc" },
};

static void run_case(const char *c)
{
	struct pw_malloc_counters k = pw_malloc_counters();

	if (!strcmp(c, "default") || !strcmp(c, "invalid")) {
		CHECK(k.mmap_threshold == 128 * K && k.trim_threshold == 128 * K && k.top_pad == 128 * K);
		char *p = malloc(200 * K);
		CHECK(path() & PW_PATH_MMAP);
		free(p);
		k = pw_malloc_counters();
		CHECK(k.mmap_threshold > 200 * K);			/* adapted, */
		CHECK(k.trim_threshold == 2 * k.mmap_threshold);	/* the trim threshold too, */
		CHECK(k.top_pad == k.mmap_threshold);			/* and the top pad */
		CHECK(top_free_trims(600 * K));
		CHECK(mallopt(M_TRIM_THRESHOLD, 256 * K) == 1);	/* set: the pad is back */
		CHECK(pw_malloc_counters().top_pad == 128 * K);
	} else if (!strcmp(c, "mmap-threshold")) {
		CHECK(k.mmap_threshold == 64 * K);
		char *p = malloc(100 * K);
		CHECK(path() & PW_PATH_MMAP);
		free(p);
		CHECK(path() & PW_PATH_MUNMAP);
		CHECK(pw_malloc_counters().mmap_threshold == 64 * K);	/* fixed */
		CHECK(pw_malloc_counters().top_pad == 128 * K);
		p = malloc(100 * K);
		CHECK(path() & PW_PATH_MMAP);
		free(p);
	} else if (!strcmp(c, "trim-threshold")) {
		CHECK(k.trim_threshold == 1024 * K);
		CHECK(!top_free_trims(600 * K));
		CHECK(malloc_trim(0) == 1);
	} else if (!strcmp(c, "top-pad")) {
		char *brk0 = sbrk(0);
		free(malloc(64));
		CHECK((char *)sbrk(0) - brk0 >= (ptrdiff_t)(2048 * K));
	} else if (!strcmp(c, "mmap-max")) {
		char *p = malloc(1024 * K);
		CHECK(p && !(path() & PW_PATH_MMAP) && (path() & PW_PATH_BRK));
		free(p);
		CHECK(pw_malloc_counters().mmap_calls == k.mmap_calls);
	} else {
		printf("tunables: unknown case '%s'\n", c);
		unit_failed++;
	}
}

/* "N passed, N failed" (no sscanf: pagewise's libc has none). */
static int summary(const char *line, int *passed, int *failed)
{
	char *e;
	*passed = (int)strtol(line, &e, 10);
	if (e == line || strncmp(e, " passed, ", 9))
		return 0;
	line = e + 9;
	*failed = (int)strtol(line, &e, 10);
	return e != line && !strncmp(e, " failed", 7);
}

/* Run one case in a new process of this program; add up its counts. */
static void spawn_case(const char *self, unsigned i)
{
	char out[4096], *last;
	int fds[2], status = 0, passed, failed;
	size_t n = 0;
	ssize_t r;

	if (pipe(fds) != 0) {
		perror("tunables: pipe");
		unit_failed++;
		return;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("tunables: fork");
		close(fds[0]);
		close(fds[1]);
		unit_failed++;
		return;
	}
	if (pid == 0) {
		char *argv[] = { (char *)self, (char *)cases[i].name, NULL };
		char *envp[] = { (char *)cases[i].env, NULL };
		dup2(fds[1], 1);
		close(fds[0]);
		execve(self, argv, envp);
		perror("tunables: execve");
		_exit(127);
	}
	close(fds[1]);
	while (n + 1 < sizeof out && (r = read(fds[0], out + n, sizeof out - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = 0;
	close(fds[0]);
	waitpid(pid, &status, 0);
	size_t end = n && out[n - 1] == '\n' ? n - 1 : n, start = end;
	while (start && out[start - 1] != '\n')
		start--;
	last = out + start;	/* the summary is the last line */
	printf("-- %s (%s)\n%s", cases[i].name, cases[i].env ? cases[i].env : "no variable", out);
	if (!summary(last, &passed, &failed) || !WIFEXITED(status) || WEXITSTATUS(status) != (failed != 0)) {
		printf("FAIL %s: no summary, or status %#x\n", cases[i].name, status);
		unit_failed++;
		return;
	}
	unit_passed += passed;
	unit_failed += failed;
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		run_case(argv[1]);
	} else {
		for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++)
			spawn_case(argv[0], i);
	}
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed != 0;
}
