/*
 * A pipe holds 64 KiB, as on Linux (pipe(7): "the pipe capacity is 16 pages"), so a
 * program that writes up to that much before anyone reads does not block: a child writes
 * 64 KiB to a blocking pipe and exits while the parent is still waiting for it. Writes of
 * whole pages fill it exactly; one more is EAGAIN with O_NONBLOCK; the bytes come back in
 * order. (Writes that are not whole pages may fit less on Linux, which keeps a page per
 * write that does not fit the last one: not checked.)
 */
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include "check.h"

#define CAPACITY 65536
#define CHUNK 4096

static char buf[CAPACITY];

static void fill(char *p, int round)
{
	for (int i = 0; i < CHUNK; i++)
		p[i] = (char)(i * 13 + round);
}

int main(int argc, char **argv)
{
	int fds[2], st = 0, done = 0;
	char chunk[CHUNK], want[CHUNK];

	check_init(argc, argv);

	section("a non-blocking pipe takes 16 writes of 4 KiB, then EAGAIN; the data comes back in order");
	CHECK_EQ(pipe2(fds, O_NONBLOCK), 0);
	for (int r = 0; r < CAPACITY / CHUNK; r++) {
		fill(chunk, r);
		CHECK_EQ(write(fds[1], chunk, CHUNK), CHUNK);
	}
	CHECK_ERR(write(fds[1], chunk, 1), EAGAIN);
	CHECK_EQ(read(fds[0], buf, sizeof buf), CAPACITY);
	for (int r = 0; r < CAPACITY / CHUNK; r++) {
		fill(want, r);
		CHECK(memcmp(buf + r * CHUNK, want, CHUNK) == 0);
	}
	CHECK_ERR(read(fds[0], buf, 1), EAGAIN);
	close(fds[0]);
	close(fds[1]);

	section("a child writes 64 KiB to a blocking pipe nobody reads yet, and exits");
	CHECK_EQ(pipe(fds), 0);
	pid_t pid = xfork();
	if (pid == 0) {
		close(fds[0]);
		memset(buf, 'p', sizeof buf);
		_exit(write(fds[1], buf, sizeof buf) == CAPACITY ? 0 : 1);
	}
	close(fds[1]);
	for (int ms = 0; ms < 5000 && !done; ms += 10) {       /* at most 5 s: a 4 KiB pipe blocks forever */
		struct timespec ten = { 0, 10 * 1000 * 1000 };
		done = waitpid(pid, &st, WNOHANG) == pid;
		if (!done)
			nanosleep(&ten, NULL);
	}
	CHECK(done && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (!done) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	CHECK_EQ(read(fds[0], buf, sizeof buf), done ? CAPACITY : 0);
	CHECK_EQ(read(fds[0], buf, 1), 0);                    /* the writer is gone: end of file */
	close(fds[0]);
	return check_done();
}
