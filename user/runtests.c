/*
 * runtests: the in-QEMU test runner.
 *
 *   runtests [-d DIR] [-t SECONDS] [-M] [NAME...]
 *
 * Runs every executable in DIR (default /tests; or only the NAMEs), each as
 * its own process (fork + execve, argv[0] the full path), and checks:
 *   - its exit status: 0, unless DIR/expect (or any DIR/<suite>.expect, so
 *     that several suites can share DIR) says otherwise with a line "NAME
 *     STATUS", STATUS an exit code (3) or a signal name (SIGSEGV) for a test
 *     that must die of that signal;
 *   - its time: at most SECONDS (default 60), else it is killed (SIGKILL);
 *   - the free memory: MemFree in /proc/meminfo must be the same after the
 *     test as before it (-M turns this off, for Linux hosts where it moves on
 *     its own).
 * One line per test, "PASS name" or "FAIL name: reason", then "N passed, N
 * failed"; the exit status is the number of failures (at most 125).
 *
 * The memory check allows for two things that are not leaks. Work finishes
 * after the test's exit (init reaping an orphan, a zombie's kernel stack), so
 * the "after" figure is re-read for up to a second until it matches. And a
 * kernel may keep memory the first time some path runs (a cache filling up),
 * so a test that lost memory runs once more: if that second run gives back
 * everything it took, the test passes with a note saying how much the first
 * run kept; a leak leaks again and fails.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "userlib.h"

#define MAX_TESTS 256
#define NAME_LEN 64

struct test {
	char name[NAME_LEN];
	int signal;		/* expected: killed by this signal, or 0 */
	int code;		/* expected exit code when signal is 0 */
};

static struct test tests[MAX_TESTS];
static int ntests;
static const char *dir = "/tests";
static long limit_ms = 60000;
static int check_memory = 1;

/* ---- what to run -------------------------------------------------------------------- */

static struct test *add_test(const char *name)
{
	struct test *t;

	if (ntests == MAX_TESTS || strlen(name) >= NAME_LEN) {
		fprintf(stderr, "runtests: skipping %s (too many tests or too long a name)\n", name);
		return NULL;
	}
	t = &tests[ntests++];
	strcpy(t->name, name);
	t->signal = t->code = 0;
	return t;
}

static int is_test(const char *name)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & S_IXUSR);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct test *)a)->name, ((const struct test *)b)->name);
}

static int find_tests(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		fprintf(stderr, "runtests: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL)
		if (is_test(e->d_name))
			add_test(e->d_name);
	closedir(d);
	qsort(tests, ntests, sizeof tests[0], by_name);
	return 0;
}

/* An expect file: "NAME STATUS" lines, '#' comments. Tests it does not name expect 0. */
static void read_expect_file(const char *path)
{
	char line[128], *name, *status, *save;
	FILE *f;
	int i, sig;

	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		name = strtok_r(line, " \t\n", &save);
		status = strtok_r(NULL, " \t\n", &save);
		if (!name || name[0] == '#' || !status)
			continue;
		for (i = 0; i < ntests && strcmp(tests[i].name, name) != 0; i++)
			;
		if (i == ntests)
			continue;
		if (status[0] >= '0' && status[0] <= '9') {
			tests[i].code = atoi(status);
		} else if ((sig = sig_number(status)) > 0) {
			tests[i].signal = sig;
		} else {
			fprintf(stderr, "runtests: %s: bad status '%s' for %s\n", path, status, name);
		}
	}
	fclose(f);
}

/* DIR/expect, then every DIR/<suite>.expect. */
static void read_expectations(void)
{
	char path[256];
	size_t len;
	struct dirent *e;
	DIR *d;

	snprintf(path, sizeof path, "%s/expect", dir);
	read_expect_file(path);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len > 7 && strcmp(e->d_name + len - 7, ".expect") == 0) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			read_expect_file(path);
		}
	}
	closedir(d);
}

/* ---- measuring -------------------------------------------------------------------------- */

/* MemFree from /proc/meminfo in kB, or -1. A static buffer: runtests must not
   allocate between the two readings it compares. */
static long mem_free(void)
{
	static char buf[2048];
	char *p;
	ssize_t n;
	int fd = open("/proc/meminfo", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "MemFree:");
	return p ? strtol(p + 8, NULL, 10) : -1;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

/* Run one test to its end (or kill it at the limit): its wait status, or -1 when it
   could not start, -2 when it timed out. */
static int run_one(const struct test *t)
{
	char path[256];
	char *argv[2] = { path, NULL };
	long start = now_ms(), nap = 1;
	int wstatus;
	pid_t pid, got;

	snprintf(path, sizeof path, "%s/%s", dir, t->name);
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(path, argv, environ);
		fprintf(stderr, "runtests: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	/* No signals, so no alarm(): poll, napping a little longer each time (up to 20 ms). */
	while ((got = wait4(pid, &wstatus, WNOHANG, NULL)) == 0) {
		if (now_ms() - start > limit_ms) {
			kill(pid, SIGKILL);
			waitpid(pid, &wstatus, 0);
			return -2;
		}
		sleep_ms(nap);
		if (nap < 20)
			nap *= 2;
	}
	return got == pid ? wstatus : -1;
}

/* Why the status is wrong, into why; 0 when it is the expected one. */
static int wrong_status(const struct test *t, int wstatus, char *why, size_t size)
{
	char want[48];
	int sig;

	if (wstatus == -1)
		return snprintf(why, size, "could not start it (%s)", strerror(errno));
	if (wstatus == -2)
		return snprintf(why, size, "timed out after %ld s, killed", limit_ms / 1000);
	if (t->signal ? WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == t->signal
		      : WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == t->code)
		return 0;
	if (t->signal)
		snprintf(want, sizeof want, "death by %s", sig_name(t->signal));
	else
		snprintf(want, sizeof want, "exit %d", t->code);
	if (WIFSIGNALED(wstatus)) {
		sig = WTERMSIG(wstatus);
		return snprintf(why, size, "killed by %s (%s), expected %s",
				sig_name(sig) ? sig_name(sig) : "a signal", strsignal(sig), want);
	}
	return snprintf(why, size, "exit %d, expected %s", WEXITSTATUS(wstatus), want);
}

/* MemFree once it is back to before, or what it is after a second of waiting. */
static long settled_mem_free(long before)
{
	long after = mem_free();
	int i;

	for (i = 0; i < 50 && after != before; i++) {
		sleep_ms(20);
		after = mem_free();
	}
	return after;
}

/* Runs a test and prints its line; returns 1 if it failed. */
static int run_test(const struct test *t)
{
	char why[160];
	long before = check_memory ? mem_free() : -1, after, kept;
	int wstatus = run_one(t);

	if (wrong_status(t, wstatus, why, sizeof why)) {
		printf("FAIL %s: %s\n", t->name, why);
		return 1;
	}
	if (before < 0 || (after = settled_mem_free(before)) == before) {
		printf("PASS %s\n", t->name);
		return 0;
	}
	if (after > before) {
		printf("PASS %s (MemFree grew by %ld kB: memory held before was released)\n", t->name,
		       after - before);
		return 0;
	}
	/* Lost memory: a cache warming up gives it back on a second run, a leak does not. */
	kept = before - after;
	before = after;
	wstatus = run_one(t);
	if (wrong_status(t, wstatus, why, sizeof why)) {
		printf("FAIL %s: second run (after %ld kB not returned by the first): %s\n", t->name, kept,
		       why);
		return 1;
	}
	after = settled_mem_free(before);
	if (after < before) {
		printf("FAIL %s: memory leak: MemFree %ld kB lower after the first run, %ld kB after "
		       "the second\n", t->name, kept, before - after);
		return 1;
	}
	printf("PASS %s (the first run kept %ld kB, the second returned everything)\n", t->name, kept);
	return 0;
}

int main(int argc, char **argv)
{
	int opt = 1, i, failed = 0;
	long mem;

	for (; opt < argc && argv[opt][0] == '-'; opt++) {
		if (strcmp(argv[opt], "-M") == 0) {
			check_memory = 0;
		} else if (strcmp(argv[opt], "-d") == 0 && opt + 1 < argc) {
			dir = argv[++opt];
		} else if (strcmp(argv[opt], "-t") == 0 && opt + 1 < argc) {
			limit_ms = atol(argv[++opt]) * 1000;
		} else {
			fprintf(stderr, "usage: runtests [-d DIR] [-t SECONDS] [-M] [NAME...]\n");
			return 125;
		}
	}
	if (opt < argc) {
		for (; opt < argc; opt++)
			if (add_test(argv[opt]) && !is_test(argv[opt]))
				fprintf(stderr, "runtests: %s/%s is not an executable file\n", dir, argv[opt]);
	} else if (find_tests() < 0) {
		return 125;
	}
	read_expectations();
	mem = check_memory ? mem_free() : -1;
	if (check_memory && mem < 0) {
		printf("runtests: cannot read MemFree from /proc/meminfo: free-memory check off\n");
		check_memory = 0;
	}
	printf("runtests: %d tests from %s, time limit %ld s, free-memory check %s", ntests, dir,
	       limit_ms / 1000, check_memory ? "on" : "off");
	printf(check_memory ? " (MemFree %ld kB)\n" : "\n", mem);
	for (i = 0; i < ntests; i++)
		failed += run_test(&tests[i]);
	printf("%d passed, %d failed\n", ntests - failed, failed);
	return failed > 125 ? 125 : failed;
}
