/*
 * demo-segv: what the page-fault handler does with an address outside every
 * region (seed article 000): the heap ends at the break, and a read past it
 * is a segmentation fault.
 *
 * The kernel checks by page: the heap region runs from the start of the heap
 * to the break rounded up to a page, so a read just past the break but in
 * the same page is allowed (Linux behaves the same). The next page has no
 * region: the fault handler answers "no mapping", the kernel prints one line
 * and kills the process with SIGSEGV.
 *
 * The reads happen in a child (fork), so this demo survives to report the
 * child's end, as a shell does for the programs it runs.
 */
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "demo.h"
#include "userlib.h"

static uintptr_t page_up(uintptr_t a)
{
	return (a + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
}

static char peek(uintptr_t a)
{
	return *(volatile const char *)a;
}

static void child(void)
{
	uintptr_t brk_now = (uintptr_t)sbrk(0);

	printf("child %d: the break is %#lx\n", (int)getpid(), (unsigned long)brk_now);
	printf("child: read at break - 1 (%#lx), inside the heap: got %d\n", (unsigned long)brk_now - 1,
	       peek(brk_now - 1));
	if (page_up(brk_now) != brk_now)
		printf("child: read at the break itself (%#lx), past it but in its page: got %d\n",
		       (unsigned long)brk_now, peek(brk_now));
	printf("child: read at %#lx, the first byte of the next page, which no region covers...\n",
	       (unsigned long)page_up(brk_now));
	fflush(stdout);
	peek(page_up(brk_now));
	printf("child: still alive?!\n");
	_exit(0);
}

int main(void)
{
	int status;
	pid_t pid;
	char *p;

	setvbuf(stdout, NULL, _IOLBF, 0);
	p = malloc(100);	/* makes a heap, with a break that is not page aligned */
	memset(p, 1, 100);
	sbrk(100);		/* the break in the middle of a page, so both cases show */
	printf("demo-segv: the heap, from /proc/self/maps, and the break (sbrk(0) = %p):\n", sbrk(0));
	demo_show_maps((uintptr_t)sbrk(0) - 1, (uintptr_t)sbrk(0));

	demo_step("a child reads up to the break, then past it");
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		child();
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		perror("demo-segv: fork/wait");
		return 1;
	}
	if (WIFSIGNALED(status))
		printf("demo-segv: child %d was killed by signal %d (%s, %s).\n", (int)pid, WTERMSIG(status),
		       sig_name(WTERMSIG(status)), strsignal(WTERMSIG(status)));
	else
		printf("demo-segv: child %d exited with status %d.\n", (int)pid, WEXITSTATUS(status));
	demo_expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "the child was not killed by SIGSEGV");
	printf("The line starting \"pagewise: pid\" above is the kernel's: the fault handler\n"
	       "found no region at that address, so instead of a frame the process got SIGSEGV.\n"
	       "Only the child died: its parent (this demo), like a shell, goes on and reads the\n"
	       "cause from wait's status - a shell prints \"Segmentation fault\" from it.\n");
	free(p);
	return demo_exit_status();
}
