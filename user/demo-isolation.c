/*
 * demo-isolation: two processes, one virtual address, two values (seed
 * article 004). Each process has its own page table, so the same address
 * leads each to its own physical frame.
 *
 * After fork, parent and child both write the variable `value` - the same
 * address in both - then both read it back. Pipes order the steps so that
 * both writes happen before either read. The kernel's trace is switched on
 * around each write: its fault line names the frame each process got.
 */
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "demo.h"

#define PR_PAGEWISE_TRACE 0x70770001

static volatile int value = 100;	/* in .data: one address, in both processes */

static void traced_write(int v)
{
	/* Only this one write is traced (and the prctl starting it: it returns traced). On Linux prctl
	   fails with EINVAL and nothing is shown. */
	syscall(__NR_prctl, PR_PAGEWISE_TRACE, 1, 0, 0, 0);
	value = v;
	syscall(__NR_prctl, PR_PAGEWISE_TRACE, 0, 0, 0, 0);
}

static void wait_for(int fd)
{
	char c;

	if (read(fd, &c, 1) != 1)
		_exit(3);
}

int main(void)
{
	int to_child[2], to_parent[2], status, seen;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("demo-isolation: `value` is at %p, in this region of /proc/self/maps:\n    %s\n",
	       (void *)&value, demo_maps_line((uintptr_t)&value));
	if (pipe(to_child) < 0 || pipe(to_parent) < 0) {
		perror("demo-isolation: pipe");
		return 1;
	}
	demo_step("fork; the parent writes 1 at %p, then the child writes 2 at %p", (void *)&value,
		  (void *)&value);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("demo-isolation: fork");
		return 1;
	}
	if (pid == 0) {
		wait_for(to_child[0]);		/* the parent has written */
		traced_write(2);
		printf("child  (pid %d) wrote 2 at %p\n", (int)getpid(), (void *)&value);
		if (write(to_parent[1], "w", 1) != 1)
			_exit(3);
		wait_for(to_child[0]);		/* the parent has read */
		seen = value;
		printf("child  (pid %d) reads %p: %d\n", (int)getpid(), (void *)&value, seen);
		_exit(seen == 2 ? 0 : 1);
	}
	traced_write(1);
	printf("parent (pid %d) wrote 1 at %p\n", (int)getpid(), (void *)&value);
	if (write(to_child[1], "w", 1) != 1)
		return 1;
	wait_for(to_parent[0]);			/* the child has written */
	seen = value;
	printf("parent (pid %d) reads %p: %d\n", (int)getpid(), (void *)&value, seen);
	if (write(to_child[1], "r", 1) != 1)
		return 1;
	waitpid(pid, &status, 0);
	demo_expect(seen == 1, "the parent read %d, not its own 1", seen);
	demo_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child did not read its own 2");
	printf("\nSame address, different values: after fork the page was shared read-only\n"
	       "(copy-on-write); the first write gave the parent a copy in a new frame, and the\n"
	       "child, then the last user of the old frame, kept that one - the frames in the\n"
	       "fault lines above differ. From then on the two page tables map %p to two\n"
	       "different frames: neither process can even name the other's memory.\n",
	       (void *)&value);
	return demo_exit_status();
}
