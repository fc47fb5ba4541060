/* The memory calls: mmap, munmap, mprotect, madvise, mremap, brk and sbrk. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define PAGE 4096

static char *area;	/* what the forked children touch */

/* Run fn in a child; its wait status. */
static int status_of(void (*fn)(void))
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		fn();
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	return status;
}

static void touch_write(void) { area[0] = 1; }
static void touch_read(void) { (void)*(volatile char *)area; }

static void test_mmap(void)
{
	char *p, *q;
	int i, zero = 1, s;

	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	if (p == MAP_FAILED)
		return;
	CHECK(((uintptr_t)p & (PAGE - 1)) == 0);
	CHECK((uintptr_t)p + 4 * PAGE <= 0xc0000000u);
	for (i = 0; i < 4 * PAGE; i++)
		zero &= p[i] == 0;
	CHECK(zero);	/* anonymous memory starts zeroed */
	memset(p, 0xab, 4 * PAGE);
	CHECK((unsigned char)p[4 * PAGE - 1] == 0xab);

	/* Read-only: reading works, writing kills with SIGSEGV. */
	CHECK_EQ(mprotect(p, PAGE, PROT_READ), 0);
	area = p;
	s = status_of(touch_read);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 0);
	s = status_of(touch_write);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV);
	CHECK_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);

	/* MADV_DONTNEED on private anonymous memory: the page reads as zero. */
	CHECK_EQ(madvise(p + PAGE, PAGE, MADV_DONTNEED), 0);
	CHECK(p[PAGE] == 0 && p[2 * PAGE - 1] == 0 && (unsigned char)p[2 * PAGE] == 0xab);

	/* MAP_FIXED_NOREPLACE over a live mapping fails with EEXIST (Linux 4.17+).
	   Older kernels, and qemu-user 7, take it as a hint and map elsewhere:
	   allowed here, as long as the live mapping is not replaced. */
	q = mmap(p, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(q != p);
	if (q == MAP_FAILED) {
		CHECK_EQ(errno, EEXIST);
	} else {
		printf("note: MAP_FIXED_NOREPLACE taken as a hint (pre-4.17 behaviour)\n");
		munmap(q, PAGE);
	}
	CHECK((unsigned char)p[2 * PAGE] == 0xab);

	/* mremap: grow, possibly moving; the contents come along. */
	q = mremap(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED);
	if (q != MAP_FAILED) {
		CHECK((unsigned char)q[3 * PAGE] == 0xab && q[7 * PAGE] == 0);
		p = q;
	}

	/* After munmap the address is gone: touching it is SIGSEGV. */
	CHECK_EQ(munmap(p, 8 * PAGE), 0);
	area = p;
	s = status_of(touch_read);
	CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV);
}

static void test_mmap_errors(void)
{
	void *p;

	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 123);
	CHECK(p == MAP_FAILED && errno == EINVAL);	/* offset not page-aligned */
	p = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p == MAP_FAILED && errno == EINVAL);	/* zero length */
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0);
	CHECK(p == MAP_FAILED && errno == EBADF);	/* file mapping without a file */
	CHECK(munmap((void *)0x1001, PAGE) == -1 && errno == EINVAL);
	CHECK(mprotect((void *)0x1001, PAGE, PROT_READ) == -1 && errno == EINVAL);
}

/* Pages of MAP_POPULATE are there at once; contents still zero. */
static void test_populate(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	CHECK(p != MAP_FAILED && p[0] == 0 && p[PAGE] == 0);
	if (p != MAP_FAILED)
		CHECK_EQ(munmap(p, 2 * PAGE), 0);
}

static void test_brk(void)
{
	char *start = sbrk(0), *old, *p;

	CHECK(start != (void *)-1);
	old = sbrk(3 * PAGE);
	CHECK(old == start);
	CHECK(sbrk(0) == start + 3 * PAGE);
	memset(start, 0x5a, 3 * PAGE);	/* the new memory is usable */
	CHECK(start[3 * PAGE - 1] == 0x5a);
	CHECK(sbrk(-2 * PAGE) == start + 3 * PAGE);
	CHECK(sbrk(0) == start + PAGE);
	CHECK_EQ(brk(start), 0);
	CHECK(sbrk(0) == start);
	/* A break in the kernel's half cannot be had. */
	CHECK(brk((void *)0xd0000000) == -1 && errno == ENOMEM);
	CHECK(sbrk(0) == start);
	p = sbrk(0x7fffffff);
	CHECK(p == (void *)-1 && errno == ENOMEM);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	test_mmap();
	test_mmap_errors();
	test_populate();
	test_brk();
	return check_done();
}
