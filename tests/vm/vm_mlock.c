/*
 * Asking which pages are in memory, and making them so: mincore(2), mlock(2), msync(2).
 *   - mincore: 0 for untouched anonymous pages, 1 once written or read (the zero page counts,
 *     as on Linux), 0 again after MADV_DONTNEED; a shared page another process made is in
 *     memory here too; EINVAL, ENOMEM (a hole), EFAULT;
 *   - mlock of 5 fresh pages faults them all in at once: exactly 5 minor faults, VmRSS and
 *     VmLck +20 kB; munlock keeps them in but VmLck back to 0; MLOCK_ONFAULT locks without
 *     faulting; MADV_DONTNEED refuses a locked region (EINVAL) after dropping what lies before
 *     it; PROT_NONE and holes are ENOMEM; a forked child inherits no lock;
 *   - mlockall(MCL_CURRENT | MCL_FUTURE): everything in, and a later mmap and brk too;
 *     munlockall; bad flags EINVAL;
 *   - msync: a mapped range is fine; unaligned, MS_SYNC with MS_ASYNC, unknown flags EINVAL;
 *     a hole ENOMEM.
 * Fault counts, VmRSS and VmLck are exact and checked on pagewise; the answers everywhere,
 * but for three things qemu-user, which stands in for Linux in the host run, does not do:
 * mlock2 (ENOSYS), an unknown mlockall flag (dropped), and msync over a hole (the guest's
 * whole address space is reserved on the host, so there is no hole for the host to see).
 */
#include "vmtest.h"

#define N 8

/* mincore's answer for n pages at p, as a string of 0 and 1 ("" on error). */
static const char *in_memory(void *p, int n)
{
	static char s[64];
	unsigned char v[64];
	if (mincore(p, (size_t)n * PAGE, v) != 0)
		return "";
	for (int i = 0; i < n; i++)
		s[i] = (char)('0' + (v[i] & 1));
	s[n] = 0;
	return s;
}

#define CHECK_STR(got, want) vt_check(strcmp((got), (want)) == 0, #got " is " want, __LINE__)

static void child_sees_no_lock(void *arg)
{
	(void)arg;
	_exit(status_kb("VmLck") == 0 ? 0 : 1);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	setvbuf(stdout, NULL, _IOLBF, 0);
	int pw = on_pagewise();
	struct counts a, b;

	section("mincore: untouched 0, written or read 1, dropped 0 again");
	char *p = anon(N * PAGE);
	CHECK_STR(in_memory(p, N), "00000000");
	write_byte(p);
	read_byte(p + 2 * PAGE);
	CHECK_STR(in_memory(p, N), "10100000");
	CHECK_EQ(madvise(p, PAGE, MADV_DONTNEED), 0);
	CHECK_STR(in_memory(p, N), "00100000");
	CHECK_STR(in_memory(p + 2 * PAGE, 1), "1");

	section("mincore: a shared page the other process made is in memory here too");
	char *sh = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(sh != MAP_FAILED);
	pid_t pid = fork();
	if (pid == 0) {
		sh[PAGE] = 1;
		_exit(0);
	}
	int st = -1;
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK_STR(in_memory(sh, 4), "0100");

	section("mincore's errors: EINVAL unaligned, ENOMEM a hole, EFAULT a bad vector");
	unsigned char v[N];
	char *hole = anon(3 * PAGE);
	CHECK_EQ(munmap(hole + PAGE, PAGE), 0);
	CHECK_ERR(mincore(p + 1, PAGE, v), EINVAL);
	CHECK_ERR(mincore(hole, 3 * PAGE, v), ENOMEM);
	CHECK_ERR(mincore(p, PAGE, (unsigned char *)8), EFAULT);
	CHECK_EQ(mincore(p, 0, v), 0);
	CHECK_EQ(mincore(p, 1, v), 0);	/* a length is rounded up to the page */

	section("mlock of 5 fresh pages: all faulted in at once, VmLck +20 kB");
	char *q = anon(N * PAGE);
	long lck0 = status_kb("VmLck");
	mlock(p, 0);	/* the call's own code in first */
	counts_now(&a);
	counts_now(&a);
	CHECK_EQ(mlock(q + PAGE + 100, 4 * PAGE), 0);	/* pages 1 to 5: the range is rounded out */
	counts_now(&b);
	CHECK_STR(in_memory(q, N), "01111100");
	CHECK(all_bytes(q + PAGE, 0, 5 * PAGE));
	if (pw) {
		CHECK_EQ(b.minflt - a.minflt, 5);
		CHECK_EQ(b.rss_kb - a.rss_kb, 20);
		CHECK_EQ(status_kb("VmLck") - lck0, 20);
	}
	CHECK_EXITED0(child_status(child_sees_no_lock, NULL));
	section("munlock: the pages stay, VmLck goes back");
	CHECK_EQ(munlock(q, N * PAGE), 0);
	CHECK_STR(in_memory(q, N), "01111100");
	if (pw)
		CHECK_EQ(status_kb("VmLck"), lck0);

	section("MLOCK_ONFAULT locks without faulting; MADV_DONTNEED refuses a locked region");
	char *r = anon(N * PAGE);
	memset(r, 'x', 2 * PAGE);
	if (mlock2(r + 4 * PAGE, 4 * PAGE, MLOCK_ONFAULT) != 0 && errno == ENOSYS && !pw) {
		printf("note: no mlock2 here (qemu-user): MLOCK_ONFAULT not checked\n");
		CHECK_EQ(mlock(r + 4 * PAGE, 4 * PAGE), 0);
	} else {
		CHECK_STR(in_memory(r, N), "11000000");
		if (pw)
			CHECK_EQ(status_kb("VmLck") - lck0, 16);
		CHECK_ERR(mlock2(r, PAGE, 2), EINVAL);
	}
	CHECK_ERR(madvise(r, N * PAGE, MADV_DONTNEED), EINVAL);
	CHECK_STR(in_memory(r, 4), "0000");	/* what lay before it went */
	CHECK_EQ(munlock(r, N * PAGE), 0);
	CHECK_EQ(madvise(r, N * PAGE, MADV_DONTNEED), 0);

	section("mlock's errors: PROT_NONE and holes ENOMEM");
	char *none = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(none != MAP_FAILED);
	CHECK_ERR(mlock(none, 2 * PAGE), ENOMEM);
	CHECK_EQ(munlock(none, 2 * PAGE), 0);
	CHECK_ERR(mlock(hole, 3 * PAGE), ENOMEM);
	CHECK_EQ(munlock(hole, PAGE), 0);
	CHECK_ERR(mlock(p, ~(size_t)0 - (size_t)(uintptr_t)p + 10), EINVAL);	/* the range wraps */
	CHECK_EQ(mlock(p, ~(size_t)0), 0);	/* rounds up to nothing, as Linux computes it */
	CHECK_EQ(mlock(p, 0), 0);

	section("mlockall(MCL_CURRENT | MCL_FUTURE): everything in, a new mmap and brk too");
	CHECK_ERR(mlockall(0), EINVAL);
	CHECK_ERR(mlockall(MCL_ONFAULT), EINVAL);
	if (pw)
		CHECK_ERR(mlockall(MCL_CURRENT | 8), EINVAL);
	char *later_before = anon(4 * PAGE);
	CHECK_EQ(mlockall(MCL_CURRENT | MCL_FUTURE), 0);
	CHECK_STR(in_memory(later_before, 4), "1111");
	CHECK_STR(in_memory(r, N), "11111111");
	char *later = anon(4 * PAGE);
	CHECK_STR(in_memory(later, 4), "1111");
	char *brk0 = sbrk(0);
	char *grown = sbrk(3 * PAGE);
	CHECK(grown != (char *)-1);
	char *first = (char *)(((unsigned long)brk0 + PAGE - 1) & ~(unsigned long)(PAGE - 1));
	CHECK_STR(in_memory(first, 2), "11");
	if (pw)
		CHECK(status_kb("VmLck") >= status_kb("VmSize") - 8 * 1024 - 8);	/* all but stack room */
	CHECK_EQ(munlockall(), 0);
	if (pw)
		CHECK_EQ(status_kb("VmLck"), 0);
	char *after = anon(4 * PAGE);
	CHECK_STR(in_memory(after, 4), "0000");
	sbrk(-3 * PAGE);

	section("msync: a mapped range is fine; EINVAL and ENOMEM");
	CHECK_EQ(msync(p, N * PAGE, MS_SYNC), 0);
	CHECK_EQ(msync(p, N * PAGE, MS_ASYNC | MS_INVALIDATE), 0);
	CHECK_ERR(msync(p, PAGE, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_ERR(msync(p + 1, PAGE, MS_SYNC), EINVAL);
	CHECK_ERR(msync(p, PAGE, 64), EINVAL);
	if (pw)
		CHECK_ERR(msync(hole, 3 * PAGE, MS_SYNC), ENOMEM);
	return vt_done();
}
