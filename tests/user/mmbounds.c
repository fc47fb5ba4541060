/*
 * The memory calls at the edges of their arguments: lengths that wrap past 4 GiB when added
 * to an address or rounded up to a page, and lengths of zero. Each must be refused (mremap(2),
 * mmap(2), brk(2) say how) and must leave the kernel and the rest of the address space alone.
 * Each case runs in a child, so a wrong answer costs only the child; the runner's free-frame
 * check then tells whether its memory came back.
 *
 * qemu-i386 emulates mremap itself and answers ENOMEM where Linux and pagewise name the
 * error (EFAULT, EINVAL): elsewhere than pagewise any failure is accepted.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "check.h"

#define NR_mremap 163
#define HIGH ((void *)0xB0000000u)         /* free in a small test program, 1.25 GiB below 4 GiB */

static long ret;
static int err, pagewise;

/* errno is want, or (not on pagewise) anything. */
static int err_is(int want) { return !pagewise || err == want; }

static void call(long r)
{
	ret = r;
	err = r == -1 ? errno : 0;
}

/* Run fn in a child; it exits 0 when the call it made was refused as it should be. */
static void expect_refused(void (*fn)(void), const char *what)
{
	int st = status_of(fn);
	check_at(WIFEXITED(st) && WEXITSTATUS(st) == 0, what, __FILE__, __LINE__);
	if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0))
		printf("     %s\n", status_text(st));
}

static void exit_if(int ok)
{
	if (!ok)
		printf("     the call returned %ld, errno %d\n", ret, err);
	_exit(ok ? 0 : 1);
}

static char *one_page(void *where)
{
	char *p = mmap(where, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | (where ? MAP_FIXED : 0), -1, 0);
	if (p == MAP_FAILED)
		_exit(2);
	p[0] = 1;                          /* a frame that must come back */
	return p;
}

/* old + old_len wraps to just below old; the new range covers old itself. */
static void mremap_old_len_wraps(void)
{
	char *p = one_page(NULL);
	call(syscall(NR_mremap, p, 0xFFFFF000u, 8192, MREMAP_MAYMOVE | MREMAP_FIXED, p - 4096));
	exit_if(ret == -1 && err_is(EFAULT) && p[0] == 1);
}

/* old_len 0 of a private mapping (Linux: EINVAL), moved onto itself. */
static void mremap_old_len_zero(void)
{
	char *p = one_page(NULL);
	call(syscall(NR_mremap, p, 0, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, p));
	exit_if(ret == -1 && err_is(EINVAL) && p[0] == 1);
}

/* Growing in place to old + new_len beyond 4 GiB, which wraps to 0x1000. */
static void mremap_grow_wraps(void)
{
	char *p = one_page(HIGH);
	call(syscall(NR_mremap, p, 4096, 0x50001000u, 0));
	exit_if(ret == -1 && err_is(ENOMEM) && p[0] == 1 && munmap(p, 4096) == 0);
}

/* Moving a mapping to page 0, below mmap_min_addr (Linux: EPERM, as mmap with MAP_FIXED). */
static void mremap_to_null(void)
{
	char *p = one_page(NULL);
	call(syscall(NR_mremap, p, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, 0));
	exit_if(ret == -1 && err_is(EPERM) && p[0] == 1);
}

/* A shared anonymous mapping cannot grow down (Linux: EINVAL): its pages are found by index. */
static void mmap_shared_growsdown(void)
{
	call((long)mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0));
	exit_if(ret == -1 && err == EINVAL);
}

/* brk near 4 GiB, where rounding up to a page wraps to 0: refused, the break stays. */
static void brk_wraps(void)
{
	long old = syscall(__NR_brk, 0);
	call(syscall(__NR_brk, 0xFFFFF001u));
	exit_if(ret == old && syscall(__NR_brk, 0) == old);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	pagewise = on_pagewise();

	section("mremap: lengths that wrap past 4 GiB, old_len 0, page 0");
	expect_refused(mremap_old_len_wraps, "mremap(p, 0xFFFFF000, 8192, MAYMOVE|FIXED, p - 4096) is EFAULT");
	expect_refused(mremap_old_len_zero, "mremap(p, 0, 4096, MAYMOVE|FIXED, p) is EINVAL");
	expect_refused(mremap_grow_wraps, "mremap(0xB0000000, 4096, 0x50001000, 0) is ENOMEM");
	if (pagewise)                      /* qemu-i386 lets a guest map its page 0 */
		expect_refused(mremap_to_null, "mremap(p, 4096, 4096, MAYMOVE|FIXED, 0) is EPERM");

	section("mmap: MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN");
	expect_refused(mmap_shared_growsdown, "a shared anonymous mapping that grows down is EINVAL");

	section("brk: an address whose page rounds up past 4 GiB");
	expect_refused(brk_wraps, "brk(0xFFFFF001) leaves the break where it was");
	return check_done();
}
