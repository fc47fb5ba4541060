/*
 * demo-cow: fork copies page tables, not memory (copy-on-write).
 *
 * fork gives the child the parent's frames, mapped read-only in both. Only
 * when one of them writes a page does the fault handler copy that one page
 * into a new frame. The demo fills a 400K buffer (100 pages), forks, and the
 * child writes 10 of the pages: 10 minor faults, 40 kB of new frames (MemFree
 * goes down by exactly that), and the other 90 pages stay shared. The
 * child's VmRSS does not move: a shared page counts in the RSS of every
 * process that maps it, before and after the copy. /proc/self/pagemap names
 * the physical frame behind a page: the same one on both sides of the fork,
 * until the child's write gives it a copy.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "demo.h"

#define PAGES 100
#define WRITTEN 10

static char *buf;
static unsigned long parent_frame;	/* behind the buffer's first page, before the fork */

/* Write one byte in each of the first n pages; the faults, RSS and MemFree it cost. */
static void write_pages(const char *who, int n)
{
	long rss0 = demo_status_kb(0, "VmRSS"), free0 = demo_meminfo_kb("MemFree"), rss1, free1;
	struct demo_faults f0 = demo_faults(), f1;
	int i;

	for (i = 0; i < n; i++)
		((volatile char *)buf)[(size_t)i * PAGE] = 2;
	f1 = demo_faults();
	rss1 = demo_status_kb(0, "VmRSS");
	free1 = demo_meminfo_kb("MemFree");
	printf("%s wrote %d pages: minor faults +%ld, VmRSS %+ld kB, MemFree %+ld kB\n", who, n,
	       f1.minflt - f0.minflt, rss1 - rss0, free1 - free0);
	demo_expect(f1.minflt - f0.minflt == n, "%ld faults, not %d", f1.minflt - f0.minflt, n);
	demo_expect(rss1 == rss0, "VmRSS moved");
	if (who[0] == 'c')		/* the child: each write copied a page */
		demo_expect(free0 - free1 == n * 4, "MemFree fell by %ld kB, not %d", free0 - free1, n * 4);
	else				/* the parent, alone again: the last user keeps its frame */
		demo_expect(free1 == free0, "MemFree moved by %ld kB", free1 - free0);
}

int main(void)
{
	long free_before, rss;
	int status;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	demo_warm_up();
	buf = malloc(PAGES * PAGE);
	memset(buf, 1, PAGES * PAGE);
	rss = demo_status_kb(0, "VmRSS");
	parent_frame = demo_frame(buf);
	printf("demo-cow: the parent filled a %u kB buffer at %p; its VmRSS is %ld kB.\n", PAGES * 4, buf, rss);
	printf("Its first page is physical frame 0x%lx (/proc/self/pagemap).\n", parent_frame);

	demo_step("fork");
	free_before = demo_meminfo_kb("MemFree");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		demo_warm_up();		/* the helpers' own buffers: copied now, not counted below */
		printf("child: VmRSS %ld kB, the same pages as the parent's. fork took %ld kB in all\n"
		       "(page tables, a kernel stack, the child's first writes), not the %u kB of the\n"
		       "buffer: nothing of it was copied.\n", demo_status_kb(0, "VmRSS"),
		       free_before - demo_meminfo_kb("MemFree"), PAGES * 4);
		unsigned long shared = demo_frame(buf);
		printf("The child's first page of the buffer is frame 0x%lx: %s.\n", shared,
		       shared == parent_frame ? "the parent's own" : "another one");
		demo_expect(shared == parent_frame, "the child's frame 0x%lx is not the parent's", shared);
		demo_step("the child writes %d of the %d pages", WRITTEN, PAGES);
		write_pages("child", WRITTEN);
		unsigned long copy = demo_frame(buf);
		printf("Each write found a read-only page shared with the parent: the kernel copied\n"
		       "that page into a new frame (a minor fault each, 4 kB each) and let the write\n"
		       "go on: the child's first page is frame 0x%lx now. The other %d pages are\n"
		       "still shared.\n", copy, PAGES - WRITTEN);
		demo_expect(copy && copy != parent_frame, "the child's page was not copied to a frame of its own");
		_exit(demo_exit_status());
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		perror("demo-cow: fork");
		return 1;
	}
	demo_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's figures were not as expected");

	demo_step("the child has exited; now the parent writes %d pages", WRITTEN);
	write_pages("parent", WRITTEN);
	unsigned long kept = demo_frame(buf);
	printf("Still a fault per page - they were read-only since the fork - but no copy: the\n"
	       "parent is the last user of each frame, so the kernel just makes it writable\n"
	       "again (\"copy-on-write (last user, reused)\" in the trace). Its first page is\n"
	       "still frame 0x%lx.\n", kept);
	demo_expect(kept == parent_frame, "the parent's page moved to frame 0x%lx", kept);
	free(buf);
	return demo_exit_status();
}
