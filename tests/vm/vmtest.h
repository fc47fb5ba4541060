/*
 * The harness of the virtual-memory tests (tests/vm). Each test prints what it checks, a line
 * per failed check, and "N passed, N failed"; it exits 0 only if nothing failed, so
 * /bin/runtests needs no tests/vm expect file: deaths that must happen (SIGSEGV, SIGKILL) happen
 * in forked children and the parent checks their wait status.
 *
 * The same programs run on Linux under qemu-i386. There, fault counts and RSS are the 64-bit
 * host's (qemu-user emulates the mappings), so exact accounting is checked only on pagewise
 * (on_pagewise()); semantics (results, errno, which signal kills) are checked everywhere.
 */
#ifndef VMTEST_H
#define VMTEST_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096u

static int vt_passed, vt_failed;

static inline void vt_check(int ok, const char *what, int line)
{
	if (ok) {
		vt_passed++;
	} else {
		vt_failed++;
		printf("FAIL line %d: %s\n", line, what);
	}
	fflush(stdout);
}

static inline void vt_check_eq(long long got, long long want, const char *what, int line)
{
	vt_check(got == want, what, line);
	if (got != want)
		printf("     got %lld (%#llx), want %lld (%#llx)\n", got, got, want, want);
}

#define CHECK(c) vt_check(!!(c), #c, __LINE__)
#define CHECK_EQ(got, want) vt_check_eq((long long)(got), (long long)(want), #got " == " #want, __LINE__)
/* A call that must fail (-1 or MAP_FAILED) with errno err. */
#define CHECK_ERR(call, err)                                                               \
	do {                                                                               \
		long r_ = (long)(call); /* errno is read only after the call has returned */ \
		int e_ = errno;                                                            \
		vt_check(r_ == -1 && e_ == (err), #call " fails with " #err, __LINE__);    \
		if (!(r_ == -1 && e_ == (err)))                                            \
			printf("     returned %ld, errno %d (%s)\n", r_, e_, strerror(e_)); \
	} while (0)

static inline void section(const char *what)
{
	printf("checking: %s\n", what);
	fflush(stdout);
}

static inline int vt_done(void)
{
	printf("%d passed, %d failed\n", vt_passed, vt_failed);
	return vt_failed ? 1 : 0;
}

static inline int on_pagewise(void)
{
	static int answer = -1;
	struct utsname u;

	if (answer < 0)
		answer = uname(&u) == 0 && strcmp(u.sysname, "pagewise") == 0;
	return answer;
}

/* ---- what the kernel says about us ---------------------------------------------------- */

/*
 * One field of a /proc file in kB ("VmRSS" of /proc/self/status, "MemFree" of /proc/meminfo),
 * or -1 when there is no such file or field.
 * Raw open/read into a static buffer, so reading it neither allocates nor faults once the
 * buffer has been touched (the measurements below count faults around it).
 */
static inline long proc_kb(const char *path, const char *field)
{
	static char buf[2048];
	size_t flen = strlen(field);
	char *p;
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (p = buf; (p = strstr(p, field)) != NULL; p += flen)
		if ((p == buf || p[-1] == '\n') && p[flen] == ':')
			return strtol(p + flen + 1, NULL, 10);
	return -1;
}

static inline long status_kb(const char *field) { return proc_kb("/proc/self/status", field); }

/* MemFree from /proc/meminfo in kB, or -1. */
static inline long memfree_kb(void) { return proc_kb("/proc/meminfo", "MemFree"); }

struct counts {
	long minflt, majflt, rss_kb;
};

static inline void counts_now(struct counts *c)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	c->minflt = ru.ru_minflt;
	c->majflt = ru.ru_majflt;
	c->rss_kb = status_kb("VmRSS");
}

/* Whether VmRSS can be read; says so once when it cannot. */
static inline int have_rss(void)
{
	static int said;

	if (status_kb("VmRSS") >= 0)
		return 1;
	if (!said++)
		printf("note: no VmRSS in /proc/self/status: RSS checks skipped\n");
	return 0;
}

/* ---- children that must die ------------------------------------------------------------- */

/* Fork a child that runs fn(arg) and exits 0 if it returns; its wait status (-1: no child). */
static inline int child_status(void (*fn)(void *), void *arg)
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (pid < 0 || wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

/* Fork a child that touches touch (a read, if not NULL), then waits to be killed; returns
 * once it has done so (its pid, or -1). The caller kills and reaps it. */
static inline pid_t paused_child(const void *touch)
{
	int ready[2];
	char c = 1;

	if (pipe(ready) < 0)
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		if (touch)
			(void)*(const volatile char *)touch;
		(void)!write(ready[1], &c, 1);
		for (;;)
			pause();
	}
	if (pid < 0 || read(ready[0], &c, 1) != 1)
		pid = -1;
	close(ready[0]);
	close(ready[1]);
	return pid;
}

static inline const char *status_text(int st)
{
	static char buf[40];

	if (st == -1)
		return "no child";
	if (WIFSIGNALED(st))
		snprintf(buf, sizeof buf, "killed by signal %d", WTERMSIG(st));
	else
		snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(st));
	return buf;
}

#define CHECK_KILLED(st, sig)                                                                  \
	do {                                                                                   \
		int s_ = (st);                                                                 \
		vt_check(WIFSIGNALED(s_) && WTERMSIG(s_) == (sig), #st " kills with " #sig, __LINE__); \
		if (!(WIFSIGNALED(s_) && WTERMSIG(s_) == (sig)))                               \
			printf("     child: %s\n", status_text(s_));                         \
	} while (0)
#define CHECK_EXITED0(st)                                                                      \
	do {                                                                                   \
		int s_ = (st);                                                                 \
		vt_check(WIFEXITED(s_) && WEXITSTATUS(s_) == 0, #st " exits 0", __LINE__);    \
		if (!(WIFEXITED(s_) && WEXITSTATUS(s_) == 0))                                  \
			printf("     child: %s\n", status_text(s_));                         \
	} while (0)

static inline void read_byte(void *p) { (void)*(volatile char *)p; }
static inline void write_byte(void *p) { *(volatile char *)p = 1; }

/* Anonymous private read-write memory, or exit: every test needs some. */
static inline char *anon(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("FAIL mmap of %zu bytes: %s\n", len, strerror(errno));
		exit(1);
	}
	return p;
}

/* Whether len bytes at p are all c. */
static inline int all_bytes(const void *p, int c, size_t len)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i] != (unsigned char)c)
			return 0;
	return 1;
}

#endif
