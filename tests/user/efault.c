/*
 * Every system call that takes a pointer answers -EFAULT (errno EFAULT) when
 * the pointer is NULL or a kernel address (0xC0000000, 0xFFFFF000), and, for
 * calls that write to memory, when it points at read-only memory (this
 * program's text): the kernel must never fault on, or write through, a user's
 * pointer. Then the process carries on as if nothing happened.
 *
 * The calls are made with syscall(2), so libc cannot catch a NULL first.
 * Where Linux accepts NULL (gettimeofday's tv, wait4's status and rusage),
 * that is checked too. readv is 145 on Linux i386.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include "check.h"

#define NR_readv 145

#define KERNEL_LOW ((void *)0xC0000000u)
#define KERNEL_HIGH ((void *)0xFFFFF000u)
/* Read-only memory of ours: the text of main. */
#define READ_ONLY ((void *)main)

static void *const bad[] = { NULL, KERNEL_LOW, KERNEL_HIGH };
#define NBAD 3

int main(int argc, char **argv);

/* Check that a call returned -1 with EFAULT; what and addr say which call and pointer. */
static void efault(long ret, const char *what, const void *addr)
{
	char text[128];
	int err = errno, ok = ret == -1 && err == EFAULT;

	snprintf(text, sizeof text, "%s with %p gives EFAULT", what, addr);
	check_at(ok, text, __FILE__, __LINE__);
	if (!ok)
		printf("     returned %ld, errno %d (%s)\n", ret, ret == -1 ? err : 0,
		       ret == -1 ? strerror(err) : "-");
}

static void test_io(void)
{
	int fd = open(data_path("exit42"), O_RDONLY), p[2], i;
	struct iovec iov;

	section("read, write, readv, writev: the buffer and the iovec");
	CHECK(fd >= 0);
	CHECK_EQ(pipe(p), 0);
	for (i = 0; i < NBAD; i++) {
		efault(syscall(__NR_read, fd, bad[i], 16), "read buffer", bad[i]);
		efault(syscall(__NR_write, p[1], bad[i], 16), "write buffer", bad[i]);
		efault(syscall(NR_readv, fd, bad[i], 1), "readv iovec array", bad[i]);
		efault(syscall(__NR_writev, p[1], bad[i], 1), "writev iovec array", bad[i]);
		iov.iov_base = bad[i];
		iov.iov_len = 16;
		efault(syscall(NR_readv, fd, &iov, 1), "readv iov_base", bad[i]);
		efault(syscall(__NR_writev, p[1], &iov, 1), "writev iov_base", bad[i]);
	}
	efault(syscall(__NR_read, fd, READ_ONLY, 16), "read into read-only text", READ_ONLY);
	iov.iov_base = READ_ONLY;
	efault(syscall(NR_readv, fd, &iov, 1), "readv into read-only text", READ_ONLY);
	/* Nothing reached the pipe, and it still works. */
	CHECK_EQ(write(p[1], "ok", 2), 2);
	char buf[4] = "";
	CHECK_EQ(read(p[0], buf, sizeof buf), 2);
	CHECK(memcmp(buf, "ok", 2) == 0);
	close(p[0]);
	close(p[1]);
	close(fd);
}

static void test_files(void)
{
	char buf[256];
	struct stat st;
	int i, fd = open(data_path(""), O_RDONLY | O_DIRECTORY);

	section("open, stat64, fstat64, getdents64, getcwd: paths and buffers");
	CHECK(fd >= 0);
	for (i = 0; i < NBAD; i++) {
		efault(syscall(__NR_open, bad[i], O_RDONLY), "open path", bad[i]);
		efault(syscall(__NR_stat64, bad[i], &st), "stat64 path", bad[i]);
		efault(syscall(__NR_stat64, "/", bad[i]), "stat64 buffer", bad[i]);
		efault(syscall(__NR_fstat64, fd, bad[i]), "fstat64 buffer", bad[i]);
		efault(syscall(__NR_getdents64, fd, bad[i], sizeof buf), "getdents64 buffer", bad[i]);
		efault(syscall(__NR_getcwd, bad[i], sizeof buf), "getcwd buffer", bad[i]);
	}
	efault(syscall(__NR_stat64, "/", READ_ONLY), "stat64 into read-only text", READ_ONLY);
	efault(syscall(__NR_fstat64, fd, READ_ONLY), "fstat64 into read-only text", READ_ONLY);
	efault(syscall(__NR_getdents64, fd, READ_ONLY, sizeof buf), "getdents64 into read-only text",
	       READ_ONLY);
	efault(syscall(__NR_getcwd, READ_ONLY, sizeof buf), "getcwd into read-only text", READ_ONLY);
	/* The directory can still be read from the start. */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK(syscall(__NR_getdents64, fd, buf, sizeof buf) > 0);
	CHECK_EQ(syscall(__NR_fstat64, fd, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	close(fd);
}

/* execve in a child, which exits with errno if execve returns (exit42 exits 42). */
static void exec_efault(const char *what, const char *path, char *const *argv, char *const *envp,
			const void *addr)
{
	int st = -1;
	pid_t pid = xfork();

	if (pid == 0) {
		syscall(__NR_execve, path, argv, envp);
		_exit(errno);
	}
	waitpid(pid, &st, 0);
	errno = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
	efault(WIFEXITED(st) && WEXITSTATUS(st) != 42 ? -1 : 0, what, addr);
}

static void test_exec_wait(void)
{
	const char *good = data_path("exit42");
	char *args[] = { (char *)good, NULL }, *bad_arg[2] = { NULL, NULL };
	int i, st;
	pid_t pid;

	section("execve: path, argv, argv[0], envp; wait4: status and rusage");
	for (i = 0; i < NBAD; i++) {
		exec_efault("execve path", bad[i], args, environ, bad[i]);
		if (bad[i]) {	/* argv NULL is allowed by Linux (an empty argv) */
			exec_efault("execve argv", good, bad[i], environ, bad[i]);
			exec_efault("execve envp", good, args, bad[i], bad[i]);
		}
		bad_arg[0] = bad[i];
		if (bad[i])	/* {NULL} is an empty argv, fine */
			exec_efault("execve argv[0]", good, bad_arg, environ, bad[i]);
	}
	for (i = 1; i < NBAD; i++) {
		pid = xfork();
		if (pid == 0)
			_exit(0);
		efault(syscall(__NR_wait4, pid, bad[i], 0, NULL), "wait4 status", bad[i]);
		/* Linux has reaped the child before it stores the status; another kernel may not have. */
		if (wait4(pid, &st, WNOHANG, NULL) == 0)
			wait4(pid, &st, 0, NULL);
		pid = xfork();
		if (pid == 0)
			_exit(0);
		efault(syscall(__NR_wait4, pid, &st, 0, bad[i]), "wait4 rusage", bad[i]);
		if (wait4(pid, &st, WNOHANG, NULL) == 0)
			wait4(pid, &st, 0, NULL);
	}
	pid = xfork();
	if (pid == 0)
		_exit(3);
	CHECK_EQ(syscall(__NR_wait4, pid, NULL, 0, NULL), pid);	/* NULLs: fine */
}

static void test_misc(void)
{
	struct timespec ts = { 0, 1000 };
	int i;

	section("uname, gettimeofday, clock_gettime, nanosleep, getrusage, pipe");
	for (i = 0; i < NBAD; i++) {
		efault(syscall(__NR_uname, bad[i]), "uname buffer", bad[i]);
		if (bad[i])	/* gettimeofday(NULL, NULL) is allowed: checked below */
			efault(syscall(__NR_gettimeofday, bad[i], NULL), "gettimeofday tv", bad[i]);
		if (bad[i])
			efault(syscall(__NR_gettimeofday, NULL, bad[i]), "gettimeofday tz", bad[i]);
		efault(syscall(__NR_clock_gettime, CLOCK_MONOTONIC, bad[i]), "clock_gettime", bad[i]);
		if (on_pagewise() || syscall(__NR_nanosleep, bad[i], NULL) != -1 || errno != EINVAL)
			efault(syscall(__NR_nanosleep, bad[i], NULL), "nanosleep request", bad[i]);
		else	/* linux-user/syscall.c ignores target_to_host_timespec's failure */
			printf("note: nanosleep(%p) gives EINVAL: qemu-user's bug; Linux says EFAULT\n", bad[i]);
		efault(syscall(__NR_getrusage, 0, bad[i]), "getrusage", bad[i]);
		efault(syscall(__NR_pipe, bad[i]), "pipe", bad[i]);
	}
	efault(syscall(__NR_uname, READ_ONLY), "uname into read-only text", READ_ONLY);
	efault(syscall(__NR_clock_gettime, CLOCK_MONOTONIC, READ_ONLY), "clock_gettime into read-only text",
	       READ_ONLY);
	efault(syscall(__NR_getrusage, 0, READ_ONLY), "getrusage into read-only text", READ_ONLY);
	efault(syscall(__NR_pipe, READ_ONLY), "pipe into read-only text", READ_ONLY);
	CHECK_EQ(syscall(__NR_gettimeofday, NULL, NULL), 0);
	CHECK_EQ(syscall(__NR_nanosleep, &ts, NULL), 0);
}

int main(int argc, char **argv)
{
	int fds[2];

	check_init(argc, argv);
	test_io();
	test_files();
	test_exec_wait();
	test_misc();
	section("still alive and well: no descriptors leaked by the failed pipe calls");
	CHECK_EQ(pipe(fds), 0);
	if (on_pagewise() || fds[0] <= 4)
		CHECK(fds[0] <= 4 && fds[1] <= 4);
	else	/* linux-user's pipe makes the host pipe, then fails to store it and leaves it open */
		printf("note: pipe gave %d and %d: qemu-user leaks a pipe per failed pipe(2); Linux does not\n",
		       fds[0], fds[1]);
	return check_done();
}
