/*
 * The check harness of the process tests (tests/user). Each test program
 * announces what it checks (section()), prints a line per failed check (and
 * per passing one with -v), ends with "N passed, N failed", and exits 0 only if
 * nothing failed. Its failure lines are indented ("  FAIL file:line: ..."): a line
 * that starts with PASS or FAIL is the runner's verdict on a whole test. The same programs run inside pagewise (under /bin/runtests)
 * and on Linux under qemu-i386 (make -C tests/user host-check).
 *
 * Where Linux and pagewise legitimately differ, a test asks on_pagewise()
 * and says which answer it accepts on each.
 */
#ifndef CHECK_H
#define CHECK_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "userlib.h"

static int check_passed, check_failed, check_verbose;
static const char *check_argv0 = "";

static inline void check_at(int ok, const char *what, const char *file, int line)
{
	if (ok) {
		check_passed++;
		if (check_verbose)
			printf("ok   %s\n", what);
	} else {
		check_failed++;
		printf("  FAIL %s:%d: %s\n", file, line, what);
	}
	fflush(stdout);
}

static inline void check_long_at(long long got, long long want, const char *what, const char *file,
				 int line)
{
	check_at(got == want, what, file, line);
	if (got != want)
		printf("     got %lld, want %lld\n", got, want);
}

#define CHECK(cond) check_at(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ(got, want) check_long_at((long long)(got), (long long)(want), #got " == " #want, \
					  __FILE__, __LINE__)
/* A call that must fail with -1 and this errno. */
#define CHECK_ERR(call, err)                                                                      \
	do {                                                                                      \
		long ret_ = (long)(call); /* before errno is read: argument order is unspecified */ \
		check_errno_at(ret_, errno, (err), #call, __FILE__, __LINE__);                    \
	} while (0)

static inline void check_errno_at(long ret, int got, int want, const char *what, const char *file, int line)
{
	int ok = ret == -1 && got == want;

	check_at(ok, what, file, line);
	if (!ok)
		printf("     returned %ld, errno %d (%s); want -1, errno %d (%s)\n", ret,
		       ret == -1 ? got : 0, ret == -1 ? strerror(got) : "-", want, strerror(want));
}

/* Say what the next checks are about. */
static inline void section(const char *what)
{
	printf("checking: %s\n", what);
	fflush(stdout);
}

/* Call first: -v prints passing checks too. */
static inline void check_init(int argc, char **argv)
{
	check_argv0 = argv[0];
	if (argc > 1 && strcmp(argv[1], "-v") == 0)
		check_verbose = 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* Call last: return its value from main. */
static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

/* Running on pagewise (uname says so) rather than Linux. */
static inline int on_pagewise(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "pagewise") == 0;
}

/*
 * A file of the test data: beside the test program, in data/ (the initrd's
 * /tests/data, or build/tests/user/data on the host). Found from argv[0],
 * which runtests sets to the full path.
 */
static inline const char *data_path(const char *name)
{
	static char buf[4][256];
	static int next;
	char *p = buf[next++ % 4];
	const char *slash = strrchr(check_argv0, '/');
	int dirlen = slash ? (int)(slash - check_argv0) : 1;

	snprintf(p, 256, "%.*s/data/%s", dirlen, slash ? check_argv0 : ".", name);
	return p;
}

/* A program found on PATH as the shell would (/bin/NAME on pagewise); exits if there is none. */
static inline const char *program(const char *name)
{
	static char buf[4][256];
	static int next;
	char *p = buf[next++ % 4];
	int err = find_program(name, p, 256);

	if (err) {
		printf("  FAIL no program %s on PATH (%s)\n", name, strerror(-err));
		exit(1);
	}
	return p;
}

/* fork with stdout flushed first, so nothing printed before appears twice. */
/* The monotonic clock in milliseconds, for checks that something took at least so long. */
static inline long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* A small file's text into buf (NUL-terminated, at most size - 1 bytes); its length, or -1. */
static inline ssize_t read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* The number on a /proc status file's "name:\tN" line, or -1 when there is none. */
static inline long status_field(const char *path, const char *name)
{
	static char text[4096];
	size_t len = strlen(name);

	if (read_text(path, text, sizeof text) <= 0)
		return -1;
	for (char *line = text; line; line = strchr(line, '\n')) {
		line += *line == '\n';
		if (strncmp(line, name, len) == 0 && strncmp(line + len, ":\t", 2) == 0)
			return strtol(line + len + 2, NULL, 10);
	}
	return -1;
}

/* Poll, every millisecond, until *v is at least want, for at most limit_ms: whether it got
 * there. For waits on what other threads or processes do, which must fail, not hang. */
static inline int poll_at_least(volatile int *v, int want, long limit_ms)
{
	long deadline = now_ms() + limit_ms;
	while (__atomic_load_n(v, __ATOMIC_SEQ_CST) < want && now_ms() < deadline)
		usleep(1000);
	return __atomic_load_n(v, __ATOMIC_SEQ_CST) >= want;
}

static inline pid_t xfork(void)
{
	fflush(stdout);
	return fork();
}

/* Fork a child that runs fn; its wait status, or -1 when fork or wait failed. */
static inline int status_of(void (*fn)(void))
{
	int status = -1;
	pid_t pid = xfork();

	if (pid == 0) {
		fn();
		_exit(99);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* How n children made by run_children ended. */
struct outcomes {
	int exited, signalled, killed, lost;	/* killed: still there after the limit (signalled too) */
};

/*
 * n children one after the other, child i running child(i) (it must not return); each is
 * killed if it is still there after limit_ms, and before that before_kill(pid, k) may look at
 * it (k counts the killed ones). For the fuzzers, whose children may hang by design.
 */
static inline struct outcomes run_children(int n, void (*child)(int), int limit_ms,
					  void (*before_kill)(pid_t, int))
{
	struct outcomes o = { 0, 0, 0, 0 };
	struct timespec nap = { 0, 10 * 1000 * 1000 };
	for (int i = 0; i < n; i++) {
		pid_t pid = xfork();
		if (pid == 0)
			child(i);
		CHECK(pid > 0);
		if (pid < 0)
			break;
		int st = 0;
		for (int waited = 0;; waited += 10) {
			pid_t got = waitpid(pid, &st, WNOHANG);
			if (got == pid)
				break;
			if (got < 0) {
				st = -1;
				break;
			}
			if (waited == limit_ms) {
				if (before_kill)
					before_kill(pid, o.killed);
				kill(pid, SIGKILL);
				o.killed++;
			}
			nanosleep(&nap, NULL);
		}
		if (st == -1)
			o.lost++;
		else if (WIFEXITED(st))
			o.exited++;
		else
			o.signalled++;
	}
	return o;
}

/* After a fuzzer's children: System V shared memory segments outlive the processes that made
 * them (until IPC_RMID), so the random shmget calls' segments are removed here, as `ipcrm -a`
 * would, and the memory check after the test sees everything come back. */
static inline void remove_shm_segments(void)
{
	section("the System V segments the children left are removed; none is left");
	struct shm_info info;
	struct shmid_ds ds;
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info), refused = 0;
	CHECK(max >= 0);
	for (int slot = 0; slot <= max; slot++) {
		int id = shmctl(slot, SHM_STAT, &ds);
		if (id >= 0 && shmctl(id, IPC_RMID, NULL) != 0)
			refused++;
	}
	CHECK_EQ(refused, 0);
	CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&info) >= 0 && info.used_ids == 0);
}

/* After a fuzzer's children: the system still forks, execs and waits. */
static inline void check_system_works(void)
{
	section("the system still works: fork, execve and wait");
	pid_t pid = xfork();
	if (pid == 0) {
		char *av[] = { "true", NULL };
		execve("/bin/true", av, NULL);
		_exit(99);
	}
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* "exit 3", "killed by SIGSEGV" */
static inline const char *status_text(int wstatus)
{
	static char buf[48];

	if (wstatus == -1)
		return "no status (fork or wait failed)";
	if (WIFSIGNALED(wstatus))
		snprintf(buf, sizeof buf, "killed by %s", sig_name(WTERMSIG(wstatus)) ?
			 sig_name(WTERMSIG(wstatus)) : "an unnamed signal");
	else
		snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(wstatus));
	return buf;
}

/* Wait statuses to compare with: CHECK_STATUS(reap(pid), EXITED(7)) says both in words when
 * they differ. */
#define EXITED(code) ((code) << 8)
#define KILLED(sig) (sig)

#define CHECK_STATUS(got, want) do {                                                      \
	int got_ = (got), want_ = (want);                                                \
	check_at(got_ == want_, #got " is " #want, __FILE__, __LINE__);                  \
	if (got_ != want_) {                                                             \
		printf("     got %s", status_text(got_));                               \
		printf(", want %s\n", status_text(want_));                              \
	}                                                                                \
} while (0)

/* qemu-user reports a guest's fatal signal on stderr; the verdict is the wait status. */
static inline void quiet_stderr(void)
{
	int fd = open("/dev/null", O_WRONLY);
	if (fd >= 0)
		dup2(fd, 2);
}

#endif
