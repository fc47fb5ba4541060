/*
 * The error cases of mmap(2), each as its man page gives it. libc's mmap() checks the offset
 * and huge lengths itself, so where the kernel's own answer is the point the raw mmap2 and old
 * mmap calls are made directly.
 */
#include "vmtest.h"

#define RW (PROT_READ | PROT_WRITE)
#define PRIV_ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static long raw_mmap2(uintptr_t addr, size_t len, int prot, int flags, int fd, unsigned long pgoff)
{
	return syscall(__NR_mmap2, addr, len, prot, flags, fd, pgoff);
}

/* The old i386 mmap (nr 90) takes a pointer to its six arguments, offset in bytes. */
static long old_mmap(uintptr_t addr, size_t len, int prot, int flags, int fd, unsigned long off)
{
	unsigned long args[6] = { addr, len, (unsigned long)prot, (unsigned long)flags,
				  (unsigned long)fd, off };
	return syscall(__NR_mmap, args);
}

static void einval(int self)
{
	section("EINVAL: length 0, neither MAP_PRIVATE nor MAP_SHARED, unaligned MAP_FIXED or offset");
	CHECK_ERR(mmap(NULL, 0, RW, PRIV_ANON, -1, 0), EINVAL);
	CHECK_ERR(raw_mmap2(0, 0, RW, PRIV_ANON, -1, 0), EINVAL);
	CHECK_ERR(mmap(NULL, PAGE, RW, MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, 0, self, 0), EINVAL);
	char *free_spot = anon(2 * PAGE);
	munmap(free_spot, 2 * PAGE);
	CHECK_ERR(mmap(free_spot + 1, PAGE, RW, PRIV_ANON | MAP_FIXED, -1, 0), EINVAL);
	CHECK_ERR(mmap(free_spot + 2048, PAGE, RW, PRIV_ANON | MAP_FIXED, -1, 0), EINVAL);
	CHECK_ERR(old_mmap(0, PAGE, PROT_READ, MAP_PRIVATE, self, 100), EINVAL);
	CHECK_ERR(old_mmap(0, PAGE, PROT_READ, MAP_PRIVATE, self, 2048), EINVAL);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, self, 512), EINVAL);   /* libc's check */

	section("the old mmap call works when its arguments are right");
	long p = old_mmap(0, PAGE, PROT_READ, MAP_PRIVATE, self, 0);
	CHECK(p != -1);
	if (p != -1) {
		CHECK(memcmp((void *)p, "\177ELF", 4) == 0);
		munmap((void *)p, PAGE);
	}
}

static void ebadf(void)
{
	section("EBADF: a file mapping with a descriptor that is not open");
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 999, 0), EBADF);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, 77, 0), EBADF);
}

static char *p_first;
static void write_first(void *unused) { (void)unused; *(volatile char *)p_first = 1; }

static void eacces(int self)
{
	section("EACCES: MAP_SHARED with PROT_WRITE of a file opened read-only");
	CHECK_ERR(mmap(NULL, PAGE, RW, MAP_SHARED, self, 0), EACCES);
	/* A private mapping may be written: the writes are the process's own copies. */
	char *p = mmap(NULL, PAGE, RW, MAP_PRIVATE, self, 0);
	CHECK(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		p[0] = 'X';
		CHECK_EQ(p[1], 'E');
		munmap(p, PAGE);
	}
	section("EACCES: mprotect(PROT_WRITE) of a shared read-only file mapping");
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, self, 0);
	CHECK(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		CHECK_ERR(mprotect(p, PAGE, RW), EACCES);
		munmap(p, PAGE);
	}
	/* Linux (mm/mprotect.c) changes the regions in order and stops at the one it may not
	 * change: an anonymous page before the file page is writable afterwards. */
	section("EACCES part-way: what comes before the shared read-only file page was changed");
	p = mmap(NULL, 2 * PAGE, PROT_READ, PRIV_ANON, -1, 0);
	CHECK(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		CHECK(mmap(p + PAGE, PAGE, PROT_READ, MAP_SHARED | MAP_FIXED, self, 0) == p + PAGE);
		CHECK_ERR(mprotect(p, 2 * PAGE, RW), EACCES);
		p_first = p;
		CHECK_EXITED0(child_status(write_first, NULL));
		munmap(p, 2 * PAGE);
	}
}

static void enomem(void)
{
	section("ENOMEM: more than the address space holds");
	CHECK_ERR(raw_mmap2(0, 0xC0000000u, RW, PRIV_ANON, -1, 0), ENOMEM);
	CHECK_ERR(raw_mmap2(0, 0xFFFFF000u, RW, PRIV_ANON, -1, 0), ENOMEM);
	CHECK_ERR(raw_mmap2(0, 0xFFFFFFFFu, RW, PRIV_ANON, -1, 0), ENOMEM);
	CHECK_ERR(mmap(NULL, 0x80000000u, RW, PRIV_ANON, -1, 0), ENOMEM);
}

static void eexist(void)
{
	section("EEXIST: MAP_FIXED_NOREPLACE over a mapping, which survives");
	char *p = anon(3 * PAGE);
	p[PAGE] = 9;
	/* Linux 4.17 and later; qemu-user 7.2 treats the flag as a hint and maps elsewhere. */
	if (on_pagewise()) {
		CHECK_ERR(mmap(p + PAGE, PAGE, RW, PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
		CHECK_ERR(mmap(p - PAGE, 2 * PAGE, RW, PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
	}
	CHECK_EQ(p[PAGE], 9);
	munmap(p + PAGE, PAGE);
	char *q = mmap(p + PAGE, PAGE, RW, PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q == p + PAGE);                            /* a free range is fine */
	CHECK_EQ(q[0], 0);
	munmap(p, 3 * PAGE);
}

static void enodev(void)
{
	int fds[2];

	section("ENODEV: a pipe cannot be mapped");
	if (pipe(fds) < 0) {
		printf("note: no pipe (%s): skipped\n", strerror(errno));
		return;
	}
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fds[0], 0), ENODEV);
	CHECK_ERR(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fds[0], 0), ENODEV);
	close(fds[0]);
	close(fds[1]);
}

int main(int argc, char **argv)
{
	(void)argc;
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Our own program is a file every system has: runtests passes its full path. */
	int self = open(argv[0], O_RDONLY);
	if (self < 0) {
		printf("FAIL open %s: %s\n", argv[0], strerror(errno));
		return 1;
	}
	einval(self);
	ebadf();
	eacces(self);
	enomem();
	eexist();
	enodev();
	section("nothing above left a mapping behind that breaks a plain mmap");
	char *p = anon(PAGE);
	p[0] = 1;
	CHECK_EQ(munmap(p, PAGE), 0);
	close(self);
	return vt_done();
}
