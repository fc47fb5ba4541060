/*
 * The rest of the system interface: errno on bad calls, uname, getrusage,
 * clocks and sleeping, getrandom, ttys, the auxiliary vector, getcwd.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/mman.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static void test_errno(void)
{
	char c;

	errno = 0;
	CHECK(write(-1, "x", 1) == -1 && errno == EBADF);
	CHECK(read(12345, &c, 1) == -1 && errno == EBADF);
	CHECK(close(-1) == -1 && errno == EBADF);
	CHECK(open("/nonexistent/file", O_RDONLY) == -1 && errno == ENOENT);
	CHECK(write(1, (void *)1, 10) == -1 && errno == EFAULT);
	CHECK(syscall(9999) == -1 && errno == ENOSYS);
	CHECK(dup(-1) == -1 && errno == EBADF);
	CHECK(chdir("/nonexistent") == -1 && errno == ENOENT);
	/* A successful call leaves errno alone. */
	errno = 1234;
	CHECK(getpid() > 0 && errno == 1234);
	CHECK(syscall(__NR_getpid) == getpid());
}

static void test_uname(void)
{
	struct utsname u;

	CHECK_EQ(uname(&u), 0);
	CHECK(u.sysname[0] && u.release[0] && u.machine[0]);
	CHECK(memchr(u.sysname, 0, sizeof u.sysname) != NULL);
	if (check_verbose)
		printf("     uname: %s %s %s\n", u.sysname, u.release, u.machine);
}

static void test_rusage(void)
{
	struct rusage before, after;
	char *p;
	int i;

	CHECK_EQ(getrusage(RUSAGE_SELF, &before), 0);
	p = mmap(NULL, 64 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	for (i = 0; i < 64; i++)
		p[i * 4096] = 1;	/* each first touch is a minor fault */
	CHECK_EQ(getrusage(RUSAGE_SELF, &after), 0);
	CHECK(after.ru_minflt > before.ru_minflt);
	CHECK(after.ru_maxrss > 0);
	CHECK(after.ru_utime.tv_usec >= 0 && after.ru_utime.tv_usec < 1000000);
	CHECK_EQ(getrusage(RUSAGE_CHILDREN, &after), 0);
	CHECK(getrusage(99, &after) == -1 && errno == EINVAL);
	munmap(p, 64 * 4096);
}

static void test_time(void)
{
	struct timespec a, b, nap = { 0, 20 * 1000 * 1000 };
	struct timeval tv;
	struct tms t;
	long long ns;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
	CHECK_EQ(nanosleep(&nap, NULL), 0);
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &b), 0);
	ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
	CHECK(ns >= 20 * 1000 * 1000);
	CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
	CHECK_EQ(gettimeofday(&tv, NULL), 0);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	CHECK(time(NULL) >= tv.tv_sec);
	CHECK(times(&t) != (clock_t)-1);
	nap.tv_nsec = 1000000000;
	CHECK(nanosleep(&nap, NULL) == -1 && errno == EINVAL);
	CHECK(clock_gettime(12345, &a) == -1 && errno == EINVAL);
}

static void test_misc(void)
{
	unsigned char r[16] = { 0 }, zero[16] = { 0 };
	char cwd[256];
	struct termios tio;
	int fds[2];

	CHECK_EQ(getrandom(r, sizeof r, 0), 16);
	CHECK(memcmp(r, zero, sizeof r) != 0);
	CHECK(getcwd(cwd, sizeof cwd) == cwd && cwd[0] == '/');
	CHECK(getcwd(cwd, 1) == NULL && errno == ERANGE);
	CHECK_EQ(pipe(fds), 0);
	CHECK(!isatty(fds[0]) && errno == ENOTTY);
	CHECK(tcgetattr(fds[0], &tio) == -1 && errno == ENOTTY);
	close(fds[0]);
	close(fds[1]);
	CHECK_EQ(getauxval(AT_PAGESZ), 4096);
	CHECK(getauxval(AT_RANDOM) != 0);
	CHECK(getauxval(AT_ENTRY) != 0);
	CHECK(getauxval(12345) == 0 && errno == ENOENT);
	CHECK_EQ(sysconf(_SC_PAGESIZE), 4096);
	CHECK_EQ(sched_yield(), 0);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	test_errno();
	test_uname();
	test_rusage();
	test_time();
	test_misc();
	return check_done();
}
