/*
 * fddiff SEED [OPS]: a random run of file-descriptor system calls whose transcript must be
 * the same on pagewise and on Linux.
 *
 * The calls work on descriptors SLOT0 .. SLOT0+NSLOTS-1 only: qemu-user, which stands in for
 * Linux here, keeps descriptors of its own open at the low numbers, so a call that returns
 * "the lowest free descriptor" (pipe2, dup, open) has its result moved up into a slot
 * with dup2 at once, and F_DUPFD asks for SLOT0 and up. What they can reach: non-blocking
 * pipes (so no call ever waits, and never more than a few hundred bytes in one), /dev/null,
 * /dev/zero and the program's own file; poll and select ask what they could do now. Each
 * line gives the call, its arguments and the result (the value, or -errno), and what a read
 * returned. SIGPIPE is ignored, so a write
 * to a pipe without readers shows as -EPIPE.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "transcript.h"

#define SLOT0 40
#define NSLOTS 12


static long res(long r)
{
	return r == -1 ? -errno : r;
}

static int slot(void)
{
	return SLOT0 + (int)rnd(NSLOTS);
}

/* Move a freshly returned descriptor into slot s (closing what was there). */
static long to_slot(long fd, int s)
{
	if (fd < 0)
		return fd;
	if (fd != s) {
		if (dup2((int)fd, s) < 0)
			return -errno;
		/* dup2 does not copy close-on-exec; keep the new descriptor's as it was made */
		int cloexec = fcntl((int)fd, F_GETFD);
		fcntl(s, F_SETFD, cloexec);
		close((int)fd);
	}
	return s;
}

static const char *const files[] = { "/dev/null", "/dev/zero", "/proc/self/exe" };

static void step(int i)
{
	int a = slot(), b = slot();
	char buf[64];
	long r;

	switch (rnd(14)) {
	case 0: {
		int fds[2], fl = O_NONBLOCK | (rnd(2) ? O_CLOEXEC : 0);
		r = res(syscall(SYS_pipe2, fds, fl));
		if (r == 0) {
			to_slot(fds[0], a);
			to_slot(fds[1], b == a ? SLOT0 + (a - SLOT0 + 1) % NSLOTS : b);
		}
		say("%d pipe2 %s -> %d %d = %ld\n", i, fl & O_CLOEXEC ? "cloexec" : "-", a,
		    b == a ? SLOT0 + (a - SLOT0 + 1) % NSLOTS : b, r);
		break;
	}
	case 1: {
		/* The program's own file is only ever opened to read: under qemu-user, which runs it
		 * without the kernel knowing, an open for writing would succeed (on Linux: ETXTBSY;
		 * on pagewise's read-only file system: EROFS) and the writes would land in it. */
		unsigned f = rnd(3);
		r = res(open(files[f], f == 2 || rnd(4) ? O_RDONLY : O_WRONLY));
		say("%d open %s -> %d = %ld\n", i, files[f], a, r < 0 ? r : to_slot(r, a) - a);
		break;
	}
	case 2:
		say("%d close %d = %ld\n", i, a, res(close(a)));
		break;
	case 3:
		say("%d dup2 %d %d = %ld\n", i, a, b, res(dup2(a, b)));
		break;
	case 4:
		say("%d dup3 %d %d = %ld\n", i, a, b, res(syscall(SYS_dup3, a, b, rnd(2) ? O_CLOEXEC : 0)));
		break;
	case 5: {
		int cmd = rnd(2) ? F_DUPFD : F_DUPFD_CLOEXEC;
		r = res(fcntl(a, cmd, SLOT0 + (int)rnd(NSLOTS + 2)));
		if (r >= SLOT0 + NSLOTS)	/* out of the slots: not ours to keep */
			close((int)r);
		say("%d fcntl %s %d = %ld\n", i, cmd == F_DUPFD ? "dupfd" : "dupfd-cloexec", a, r);
		break;
	}
	case 6:
		say("%d getfd %d = %ld getfl %d = %ld\n", i, a, res(fcntl(a, F_GETFD)), a,
		    res(fcntl(a, F_GETFL)));
		break;
	case 7:
		say("%d setfd %d = %ld\n", i, a, res(fcntl(a, F_SETFD, rnd(2) ? FD_CLOEXEC : 0)));
		break;
	case 8:
	case 9: {
		unsigned n = 1 + rnd(12);
		memset(buf, 'a' + (int)rnd(26), n);
		say("%d write %d %u = %ld\n", i, a, n, res(write(a, buf, n)));
		break;
	}
	case 10: {
		unsigned n = rnd(16);
		r = res(read(a, buf, n));
		say("%d read %d %u = %ld", i, a, n, r);
		for (long k = 0; k < r; k++)
			say(" %02x", (unsigned char)buf[k]);
		say("\n");
		break;
	}
	case 12: {
		/* What three descriptors could do now, by poll (time-out 0: it never waits). */
		static const short asks[] = { POLLIN, POLLOUT, POLLIN | POLLOUT, POLLRDNORM | POLLWRNORM,
					      POLLPRI | POLLIN, 0 };
		struct pollfd p[3];
		for (int k = 0; k < 3; k++)
			p[k] = (struct pollfd){ slot(), asks[rnd(6)], 0 };
		r = res(poll(p, 3, 0));
		say("%d poll", i);
		for (int k = 0; k < 3; k++)
			say(" %d:%x=%x", p[k].fd, p[k].events, p[k].revents);
		say(" = %ld\n", r);
		break;
	}
	case 13: {
		/* The same by select, over every slot, asking some to read and some to write. */
		fd_set rd, wr;
		struct timeval tv = { 0, 0 };
		FD_ZERO(&rd);
		FD_ZERO(&wr);
		say("%d select", i);
		for (int fd = SLOT0; fd < SLOT0 + NSLOTS; fd++) {
			if (!rnd(3))
				FD_SET(fd, &rd);
			if (!rnd(3))
				FD_SET(fd, &wr);
			say(" %d%s%s", fd, FD_ISSET(fd, &rd) ? "r" : "", FD_ISSET(fd, &wr) ? "w" : "");
		}
		r = res(select(SLOT0 + NSLOTS, &rd, &wr, NULL, &tv));
		say(" = %ld:", r);
		for (int fd = SLOT0; r > 0 && fd < SLOT0 + NSLOTS; fd++)
			if (FD_ISSET(fd, &rd) || FD_ISSET(fd, &wr))
				say(" %d%s%s", fd, FD_ISSET(fd, &rd) ? "r" : "", FD_ISSET(fd, &wr) ? "w" : "");
		say("\n");
		break;
	}
	default:
		say("%d lseek %d = %ld\n", i, a, res(lseek(a, (off_t)rnd(5000), rnd(2) ? SEEK_SET : SEEK_CUR)));
	}
}

int main(int argc, char **argv)
{
	int ops = argc > 2 ? atoi(argv[2]) : 400;

	seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
	signal(SIGPIPE, SIG_IGN);
	printf("fddiff seed %llu, %d steps on descriptors %d-%d\n", seed, ops, SLOT0, SLOT0 + NSLOTS - 1);
	for (int i = 0; i < ops; i++)
		step(i);
	say("final:");
	for (int fd = SLOT0; fd < SLOT0 + NSLOTS; fd++)
		say(" %ld", res(fcntl(fd, F_GETFL)));
	say("\n");
	say_flush();
	return 0;
}
