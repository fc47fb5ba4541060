/*
 * ps, pmap, frames, free and trace show the kernel's figures faithfully: ps's columns are
 * this process's /proc/PID/stat and status values; free's columns add up to
 * /proc/meminfo's; pmap's total is VmSize, with the heap and stack labelled; frames names
 * the frame pagemap gives, with its mappings and the zero page; trace
 * runs the program with its status, and with -m malloc's trace lines appear.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "demotest.h"

static char out[16384];

/* The line of out starting with the number n (after blanks), or NULL. */
static const char *line_of(int n)
{
	for (const char *p = out; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *q = p;
		while (*q == ' ')
			q++;
		if (atoi(q) == n && *q >= '0' && *q <= '9')
			return p;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	char pid[16];
	char *ps_self[] = { "ps", pid, NULL }, *ps_all[] = { "ps", NULL }, *free_[] = { "free", NULL };
	char *pmap[] = { "pmap", pid, NULL }, *pmap_x[] = { "pmap", "-x", pid, NULL };
	char *tr_true[] = { "trace", "true", NULL };
	char *tr_false[] = { "trace", "false", NULL }, *tr_m[] = { "trace", "-m", "demo-abcd", "--one", NULL };
	char *list[] = { "demos", "-l", NULL };
	unsigned long f[8];
	struct demo_faults before, after;
	const char *l;
	char *p = malloc(64);		/* a heap for pmap to label */

	check_init(argc, argv);
	use(p);
	memset(out, 0, sizeof out);
	demo_warm_up();
	snprintf(pid, sizeof pid, "%d", (int)getpid());

	section("ps PID: this process's figures");
	before = demo_faults();
	CHECK_EQ(capture(ps_self, out, sizeof out), 0);
	after = demo_faults();
	CHECK(strncmp(out, "  PID  PPID STAT      VSZ     RSS  MINFLT  MAJFLT CMD", 52) == 0);
	l = line_of(getpid());
	CHECK(l != NULL);
	if (l) {
		char *e;
		/* PID PPID STAT VSZ RSS MINFLT MAJFLT CMD: f[0], f[1], the letter, f[3]..f[6] */
		f[0] = strtoul(l, &e, 10);
		f[1] = strtoul(e, &e, 10);
		while (*e == ' ')
			e++;
		e++;			/* the state letter */
		for (int i = 3; i < 7; i++)
			f[i] = strtoul(e, &e, 10);
		CHECK_EQ(f[1], getppid());
		CHECK_EQ(f[3], demo_status_kb(0, "VmSize"));
		CHECK_EQ(f[4], demo_status_kb(0, "VmRSS"));
		CHECK((long)f[5] >= before.minflt && (long)f[5] <= after.minflt);
		CHECK_EQ(f[6], after.majflt);
		CHECK(strstr(l, "/tests/demo_tools\n") != NULL);   /* the command line, as argv[0] gave it */
	}

	section("ps: every process, init first");
	CHECK_EQ(capture(ps_all, out, sizeof out), 0);
	CHECK(line_of(1) != NULL && line_of(getpid()) != NULL);

	section("free adds up to /proc/meminfo: total = used + free + buff/cache, shared = Shmem");
	CHECK_EQ(capture(free_, out, sizeof out), 0);
	l = strstr(out, "Mem:");
	CHECK(l != NULL);
	if (l) {
		char *e = (char *)l + 4;
		for (int i = 0; i < 6; i++)
			f[i] = strtoul(e, &e, 10);
		CHECK_EQ(f[0], demo_meminfo_kb("MemTotal"));
		CHECK_EQ(f[3], demo_meminfo_kb("Shmem"));
		CHECK_EQ(f[4], demo_meminfo_kb("Cached"));	/* shared memory: the only page cache */
		CHECK_EQ(f[4], f[3]);
		CHECK_EQ(f[0], f[1] + f[2] + f[4]);
		CHECK_EQ(f[5], f[2]);
	}
	CHECK(strstr(out, "\nSwap:              0           0           0\n") != NULL);

	section("pmap PID: total = VmSize, heap and stack labelled");
	CHECK_EQ(capture(pmap, out, sizeof out), 0);
	CHECK(strstr(out, " [heap]\n") && strstr(out, " [stack]\n") && strstr(out, " demo_tools\n"));
	l = strstr(out, " total");
	CHECK(l && (long)strtoul(l + 6, NULL, 10) == demo_status_kb(0, "VmSize"));

	section("pmap -x PID: each region's RSS (from smaps), adding up to VmRSS");
	CHECK_EQ(capture(pmap_x, out, sizeof out), 0);
	CHECK(strstr(out, " [heap]\n") && strstr(out, " [stack]\n"));
	unsigned long sum = 0, regions = 0;
	/* "ADDRESS KBYTES RSS DIRTY MODE MAPPING": a region's line starts with its address */
	for (l = strstr(out, "MAPPING\n"); l && (l = strchr(l, '\n')) && l[1] && l[1] != ' '; l++) {
		char *k;
		strtoul(l + 1, &k, 16);
		strtoul(k, &k, 10);			/* KBYTES, then "K" */
		sum += strtoul(k + 1, NULL, 10);	/* RSS */
		regions++;
	}
	l = strstr(out, " total");
	unsigned long total_kb = 0, total_rss = 0;
	if (l) {
		char *k;
		total_kb = strtoul(l + 6, &k, 10);
		total_rss = strtoul(k + 1, NULL, 10);
	}
	CHECK(l != NULL);
	CHECK(regions >= 5);
	CHECK_EQ(total_rss, sum);
	CHECK_EQ((long)total_kb, demo_status_kb(0, "VmSize"));
	CHECK_EQ((long)total_rss, demo_status_kb(0, "VmRSS"));

	section("frames PID ADDR: the frame behind a page, as /proc/PID/pagemap says");
	char addr[32], want[48];
	snprintf(addr, sizeof addr, "%lx", (unsigned long)(uintptr_t)p);
	char *frames[] = { "frames", pid, addr, NULL };
	CHECK_EQ(capture(frames, out, sizeof out), 0);
	snprintf(want, sizeof want, "  frame 0x%lx  alone\n", demo_frame(p));
	CHECK(demo_frame(p) != 0 && strstr(out, want) != NULL);
	CHECK(strstr(out, " [heap]\n") != NULL);	/* the region's line first */

	section("frames: a page shared with a forked child has 2 mappings; a read maps the zero page");
	char *z = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	(void)*(volatile char *)z;		/* a read: the zero page */
	int ready[2];
	CHECK_EQ(pipe(ready), 0);
	pid_t kid = fork();
	if (kid == 0) {
		(void)!write(ready[1], "", 1);
		for (;;)
			pause();
	}
	char c;
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_EQ(capture(frames, out, sizeof out), 0);
	snprintf(want, sizeof want, "  frame 0x%lx  shared, 2 mappings\n", demo_frame(p));
	CHECK(strstr(out, want) != NULL);
	snprintf(addr, sizeof addr, "%lx", (unsigned long)(uintptr_t)z);
	CHECK_EQ(capture(frames, out, sizeof out), 0);
	snprintf(want, sizeof want, "  frame 0x%lx  shared, zero page\n", demo_frame(z));
	CHECK(strstr(out, want) != NULL);
	kill(kid, SIGKILL);
	CHECK_EQ(waitpid(kid, NULL, 0), kid);
	close(ready[0]);
	close(ready[1]);

	section("trace runs the program and passes on its status");
	CHECK_EQ(capture(tr_true, out, sizeof out), 0);
	CHECK_EQ(WEXITSTATUS(capture(tr_false, out, sizeof out)), 1);
	CHECK_EQ(capture(tr_m, out, sizeof out), 0);
	CHECK(strstr(out, "pw-malloc: malloc(30720) = 0x") != NULL);

	section("demos -l lists the demos");
	CHECK_EQ(capture(list, out, sizeof out), 0);
	CHECK(strstr(out, "demo-1gib ") && strstr(out, "demo-cow ") && strstr(out, "demo-toy "));
	free(p);
	return check_done();
}
