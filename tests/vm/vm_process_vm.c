/*
 * process_vm_readv and process_vm_writev (process_vm_readv(2)): one process reads and writes
 * another's memory at the same address where each has its own contents (after fork, copy-on-
 * write); gathering and scattering through several iovecs; an untouched page reads zeros; a
 * write into the other's copy-on-write page leaves ours alone; the copy stops at an unmapped
 * or PROT_NONE page (the bytes before it, or EFAULT); EINVAL, ESRCH, EFAULT.
 * qemu-user, which stands in for Linux in the host run, does not have these calls (ENOSYS):
 * there the test says so and checks nothing more.
 */
#include <sys/uio.h>
#include "vmtest.h"

static char *buf;		/* 4 pages: 0 and 1 written, 2 untouched, 3 PROT_NONE */
static int to_child[2], to_parent[2];

static void wait_for(int fd)
{
	char c;
	if (read(fd, &c, 1) != 1)
		_exit(9);
}

static void say(int fd)
{
	char c = 1;
	if (write(fd, &c, 1) != 1)
		_exit(9);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	setvbuf(stdout, NULL, _IOLBF, 0);
	buf = anon(4 * PAGE);
	memset(buf, 'p', 2 * PAGE);
	CHECK_EQ(mprotect(buf + 3 * PAGE, PAGE, PROT_NONE), 0);
	CHECK_EQ(pipe(to_child), 0);
	CHECK_EQ(pipe(to_parent), 0);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		memset(buf, 'c', 2 * PAGE);	/* the child's own copies now */
		say(to_parent[1]);
		wait_for(to_child[0]);		/* the parent has written into us */
		_exit(buf[10] == 'W' && buf[PAGE + 5] == 'X' && buf[PAGE + 6] == 'c' ? 0 : 1);
	}
	wait_for(to_parent[0]);

	char got[64];
	struct iovec l = { got, 16 }, r = { buf, 16 };
	ssize_t n = process_vm_readv(pid, &l, 1, &r, 1, 0);
	if (n < 0 && errno == ENOSYS && !on_pagewise()) {
		printf("note: no process_vm_readv here (qemu-user): nothing more is checked\n");
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return vt_done();
	}
	section("readv: the child's bytes at our address, where ours differ");
	CHECK_EQ(n, 16);
	CHECK(all_bytes(got, 'c', 16));
	CHECK(all_bytes(buf, 'p', 16));

	section("readv: gathered from two remote pieces into three local ones");
	char a[5], b[7], c[4];
	struct iovec lv[3] = { { a, 5 }, { b, 7 }, { c, 4 } };
	struct iovec rv[2] = { { buf + PAGE - 8, 8 }, { buf + 2 * PAGE, 8 } };	/* 8 written, 8 untouched */
	CHECK_EQ(process_vm_readv(pid, lv, 3, rv, 2, 0), 16);
	CHECK(all_bytes(a, 'c', 5));
	CHECK(all_bytes(b, 'c', 3) && all_bytes(b + 3, 0, 4));	/* an untouched page reads zeros */
	CHECK(all_bytes(c, 0, 4));

	section("the copy stops at PROT_NONE and at unmapped pages");
	char big[PAGE + 16];
	l = (struct iovec){ big, sizeof big };
	r = (struct iovec){ buf + 3 * PAGE - 16, sizeof big };
	CHECK_EQ(process_vm_readv(pid, &l, 1, &r, 1, 0), 16);
	r = (struct iovec){ buf + 3 * PAGE, 16 };
	CHECK_ERR(process_vm_readv(pid, &l, 1, &r, 1, 0), EFAULT);
	r = (struct iovec){ (void *)0x10000, 16 };
	CHECK_ERR(process_vm_readv(pid, &l, 1, &r, 1, 0), EFAULT);

	section("writev: into the child's pages, ours untouched");
	char w = 'W', x = 'X';
	struct iovec wl[2] = { { &w, 1 }, { &x, 1 } };
	struct iovec wr[2] = { { buf + 10, 1 }, { buf + PAGE + 5, 1 } };
	CHECK_EQ(process_vm_writev(pid, wl, 2, wr, 2, 0), 2);
	CHECK_EQ(buf[10], 'p');
	say(to_child[1]);
	int st = -1;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_EXITED0(st);

	section("errors: EINVAL for flags, ESRCH for no process, EFAULT for a bad local buffer");
	l = (struct iovec){ got, 4 };
	r = (struct iovec){ buf, 4 };
	CHECK_ERR(process_vm_readv(getpid(), &l, 1, &r, 1, 1), EINVAL);
	CHECK_ERR(process_vm_readv(pid, &l, 1, &r, 1, 0), ESRCH);	/* reaped */
	l = (struct iovec){ (void *)8, 4 };
	CHECK_ERR(process_vm_readv(getpid(), &l, 1, &r, 1, 0), EFAULT);
	CHECK_ERR(process_vm_readv(getpid(), (struct iovec *)8, 1, &r, 1, 0), EFAULT);
	l = (struct iovec){ got, 4 };
	CHECK_EQ(process_vm_readv(getpid(), &l, 1, &r, 1, 0), 4);	/* ourselves: fine */
	CHECK(all_bytes(got, 'p', 4));
	return vt_done();
}
