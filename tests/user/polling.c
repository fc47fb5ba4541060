/*
 * poll(2) on pipes and files: what a descriptor can do now, as Linux answers it:
 *   - an empty pipe's read end has nothing, its write end POLLOUT; data makes it POLLIN;
 *   - with the write end closed, the read end says POLLHUP (and POLLIN while data is left);
 *   - with the read end closed, the write end says POLLERR;
 *   - a descriptor that is not open is POLLNVAL, a negative one is skipped;
 *   - a time-out returns 0 after at least that long; -1 waits until a child writes;
 *   - /dev/null is always ready both ways.
 */
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include "check.h"

int main(int argc, char **argv)
{
	int fds[2];
	struct pollfd p[4];

	check_init(argc, argv);

	section("a pipe: nothing to read, room to write; then data to read");
	CHECK_EQ(pipe(fds), 0);
	p[0] = (struct pollfd){ fds[0], POLLIN, -1 };
	p[1] = (struct pollfd){ fds[1], POLLOUT, -1 };
	CHECK_EQ(poll(p, 2, 0), 1);
	CHECK(p[0].revents == 0 && p[1].revents == POLLOUT);
	CHECK_EQ(write(fds[1], "ab", 2), 2);
	CHECK_EQ(poll(p, 2, 0), 2);
	CHECK(p[0].revents == POLLIN && p[1].revents == POLLOUT);

	section("the write end closed: POLLHUP, with POLLIN while data is left");
	close(fds[1]);
	CHECK_EQ(poll(p, 1, 0), 1);
	CHECK_EQ(p[0].revents, POLLIN | POLLHUP);
	char buf[4];
	CHECK_EQ(read(fds[0], buf, sizeof buf), 2);
	CHECK_EQ(poll(p, 1, 0), 1);
	CHECK_EQ(p[0].revents, POLLHUP);
	close(fds[0]);

	section("the read end closed: POLLERR on the write end (even unasked)");
	CHECK_EQ(pipe(fds), 0);
	close(fds[0]);
	p[0] = (struct pollfd){ fds[1], POLLOUT, -1 };
	CHECK_EQ(poll(p, 1, 0), 1);
	CHECK_EQ(p[0].revents, POLLOUT | POLLERR);
	p[0].events = 0;
	CHECK_EQ(poll(p, 1, 0), 1);
	CHECK_EQ(p[0].revents, POLLERR);
	close(fds[1]);

	section("not open: POLLNVAL; negative: skipped; /dev/null: always ready");
	int null = open("/dev/null", O_RDWR);
	p[0] = (struct pollfd){ 77, POLLIN, -1 };
	p[1] = (struct pollfd){ -1, POLLIN, -1 };
	p[2] = (struct pollfd){ null, POLLIN | POLLOUT, -1 };
	CHECK_EQ(poll(p, 3, 0), 2);
	CHECK(p[0].revents == POLLNVAL && p[1].revents == 0 && p[2].revents == (POLLIN | POLLOUT));
	close(null);

	section("a time-out of 50 ms returns 0 after at least 50 ms; -1 waits for a child's write");
	CHECK_EQ(pipe(fds), 0);
	p[0] = (struct pollfd){ fds[0], POLLIN, -1 };
	long t0 = now_ms();
	CHECK_EQ(poll(p, 1, 50), 0);
	CHECK(now_ms() - t0 >= 49);
	pid_t pid = xfork();
	if (pid == 0) {
		struct timespec nap = { 0, 50 * 1000 * 1000 };
		nanosleep(&nap, NULL);
		_exit(write(fds[1], "x", 1) == 1 ? 0 : 1);
	}
	CHECK_EQ(poll(p, 1, -1), 1);
	CHECK_EQ(p[0].revents, POLLIN);
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(fds[0]);
	close(fds[1]);

	section("more descriptors than allowed: EINVAL");
	CHECK_ERR(poll(p, 1u << 30, 0), EINVAL);
	return check_done();
}
