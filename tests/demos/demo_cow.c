/*
 * demo-cow's claim: fork copies no memory; a child writing 10 of 100 inherited
 * pages takes exactly 10 minor faults and 40 kB of new frames (MemFree), its VmRSS
 * unchanged; the parent, once the child is gone, writing the same pages takes 10
 * faults and no frame at all (last user: the page is made writable, not copied).
 * And by /proc/self/pagemap: the child's page is the parent's frame until the child
 * writes it, then one of its own; the parent keeps its frame throughout.
 */
#include "demotest.h"

#define PAGES 100

struct delta {
	long faults, rss_kb, free_kb;
	unsigned long frame_before, frame_after;	/* the child's, of the first page */
};

static struct delta write_pages(char *buf, int n)
{
	long rss0 = demo_status_kb(0, "VmRSS"), free0 = demo_meminfo_kb("MemFree");
	struct demo_faults f0 = demo_faults();
	struct delta d;

	for (int i = 0; i < n; i++)
		((volatile char *)buf)[(size_t)i * PAGE] = 2;
	d.faults = demo_faults().minflt - f0.minflt;
	d.rss_kb = demo_status_kb(0, "VmRSS") - rss0;
	d.free_kb = demo_meminfo_kb("MemFree") - free0;
	return d;
}

int main(int argc, char **argv)
{
	struct delta d;
	long free0;
	int fds[2], st;
	char *buf;
	pid_t pid;

	check_init(argc, argv);
	demo_warm_up();
	buf = malloc(PAGES * PAGE);
	memset(buf, 1, PAGES * PAGE);
	use(buf);
	CHECK(pipe(fds) == 0);
	section("fork copies none of the buffer");
	unsigned long frame = demo_frame(buf);
	CHECK(frame != 0);
	free0 = demo_meminfo_kb("MemFree");
	pid = xfork();
	if (pid == 0) {
		long after_fork = free0 - demo_meminfo_kb("MemFree");
		demo_warm_up();
		unsigned long before = demo_frame(buf);
		d = write_pages(buf, 10);
		d.frame_before = before;
		d.frame_after = demo_frame(buf);
		/* fork's whole cost (page tables, kernel stack) is far below the buffer's 400 kB */
		if (after_fork >= PAGES * 4 / 2)
			d.faults = -1;
		_exit(write(fds[1], &d, sizeof d) == sizeof d ? 0 : 1);
	}
	close(fds[1]);
	CHECK(pid > 0 && read(fds[0], &d, sizeof d) == sizeof d);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	section("the child's writes copy exactly the pages written");
	CHECK_EQ(d.faults, 10);
	CHECK_EQ(d.rss_kb, 0);
	CHECK_EQ(d.free_kb, -40);
	section("pagemap: the parent's frame in the child until it writes, then its own");
	CHECK_EQ(d.frame_before, frame);
	CHECK(d.frame_after != 0 && d.frame_after != frame);
	section("the parent, last user, makes pages writable without copying");
	d = write_pages(buf, 10);
	CHECK_EQ(d.faults, 10);
	CHECK_EQ(d.rss_kb, 0);
	CHECK_EQ(d.free_kb, 0);
	CHECK_EQ(demo_frame(buf), frame);
	d = write_pages(buf, 20);		/* 10 already writable, 10 more to fault */
	CHECK_EQ(d.faults, 10);
	free(buf);
	return check_done();
}
