/*
 * exit(): atexit handlers in reverse order, then stdio flushed; _exit():
 * nothing flushed.  Each case runs in a child whose stdout is a pipe, and
 * the parent compares the bytes that came out.
 */
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static void first(void) { printf("first\n"); }
static void second(void) { printf("second;"); }
static void third(void) { printf("third;"); }

/* Output of fn run in a child with stdout on a pipe, and its exit status. */
static int run_child(void (*fn)(void), char *out, size_t size)
{
	int fds[2], status = -1;
	size_t used = 0;
	ssize_t n;
	pid_t pid;

	fflush(stdout);
	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[1]);
		fn();
		_exit(100);
	}
	close(fds[1]);
	while (used < size - 1 && (n = read(fds[0], out + used, size - 1 - used)) > 0)
		used += n;
	out[used] = 0;
	close(fds[0]);
	waitpid(pid, &status, 0);
	return status;
}

static void child_atexit(void)
{
	atexit(first);
	atexit(second);
	atexit(third);
	printf("main;");	/* no newline: sits in the buffer until exit */
	exit(4);
}

/* stdout on a pipe is fully buffered: a direct write overtakes it. */
static void child_buffered(void)
{
	printf("buffered;");
	write(1, "direct;", 7);
	exit(0);
}

static void child_underscore_exit(void)
{
	printf("lost");
	_exit(6);
}

/* stderr is unbuffered: it overtakes stdout's buffer. */
static void child_stderr(void)
{
	printf("out;");
	fputs("err;", stderr);
	exit(0);
}

/* More than one buffer's worth gets out whole, in order. */
static void child_big(void)
{
	for (int i = 0; i < 2000; i++)
		printf("%04d", i);
	exit(0);
}

int main(int argc, char **argv)
{
	static char out[16384];
	int s;

	check_init(argc, argv);
	s = run_child(child_atexit, out, sizeof out);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 4);
	CHECK_STR(out, "main;third;second;first\n");
	run_child(child_buffered, out, sizeof out);
	CHECK_STR(out, "direct;buffered;");
	s = run_child(child_underscore_exit, out, sizeof out);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 6);
	CHECK_STR(out, "");
	run_child(child_stderr, out, sizeof out);
	CHECK_STR(out, "err;out;");
	run_child(child_big, out, sizeof out);
	CHECK_EQ(strlen(out), 8000);
	CHECK(memcmp(out + 7996, "1999", 4) == 0);
	return check_done();
}
