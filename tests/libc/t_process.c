/* fork, vfork, wait4 and the Linux wait status encoding; signals that kill. */
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

/* Children exit through exit(), which flushes stdout: empty it first so
   nothing the parent printed appears twice. */
static pid_t xfork(void)
{
	fflush(stdout);
	return fork();
}

/* Fork a child that runs fn and returns its wait status (or -1). */
static int status_of(void (*fn)(void))
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

static void child_exit7(void) { _exit(7); }
static void child_exit_lib(void) { exit(200); }
static void child_kill(void) { kill(getpid(), SIGKILL); }
static void child_abort(void) { abort(); }
static void child_segv(void) { *(volatile int *)0 = 1; }

static void test_status(void)
{
	int s;

	s = status_of(child_exit7);
	CHECK(WIFEXITED(s) && !WIFSIGNALED(s) && WEXITSTATUS(s) == 7);
	CHECK_EQ(s, 7 << 8);
	s = status_of(child_exit_lib);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 200);
	s = status_of(child_kill);
	CHECK(WIFSIGNALED(s) && !WIFEXITED(s) && WTERMSIG(s) == SIGKILL);
	s = status_of(child_abort);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGABRT);
	s = status_of(child_segv);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV);
}

static void test_ids(void)
{
	pid_t parent = getpid(), pid;
	int fds[2], status;
	pid_t seen[2] = { 0, 0 };

	CHECK(parent > 0);
	CHECK_EQ(pipe(fds), 0);
	pid = xfork();
	if (pid == 0) {
		pid_t ids[2] = { getpid(), getppid() };
		write(fds[1], ids, sizeof ids);
		_exit(0);
	}
	CHECK(pid > 0);
	CHECK_EQ(read(fds[0], seen, sizeof seen), sizeof seen);
	CHECK_EQ(seen[0], pid);
	CHECK_EQ(seen[1], parent);
	CHECK_EQ(wait4(pid, &status, 0, NULL), pid);
	close(fds[0]);
	close(fds[1]);
	/* No children left. */
	CHECK(wait(&status) == -1 && errno == ECHILD);
}

static void test_wait_variants(void)
{
	struct rusage ru;
	int status;
	pid_t pid = xfork();

	if (pid == 0)
		_exit(3);
	memset(&ru, 0xff, sizeof ru);
	CHECK_EQ(wait4(-1, &status, 0, &ru), pid);
	CHECK_EQ(WEXITSTATUS(status), 3);
	CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
	/* WNOHANG with a running child returns 0. */
	pid = xfork();
	if (pid == 0) {
		struct timespec t = { 0, 200 * 1000 * 1000 };
		nanosleep(&t, NULL);
		_exit(0);
	}
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
}

static void test_vfork(void)
{
	int status;
	pid_t pid = vfork();

	if (pid == 0)
		_exit(5);
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WEXITSTATUS(status), 5);
}

static void test_exec_errors(void)
{
	char *argv[] = { "nothing", NULL };

	CHECK(execve("/nonexistent/program", argv, environ) == -1 && errno == ENOENT);
	CHECK(kill(0x7ffffff0, 0) == -1 && errno == ESRCH);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	test_status();
	test_ids();
	test_wait_variants();
	test_vfork();
	test_exec_errors();
	return check_done();
}
