/*
 * fork is copy-on-write: parent and child start with the same frames (read-only to both),
 * see each other's data up to the fork and never after; a write copies exactly the page it
 * hits. Counted in the child around code it controls: writing K of the parent's pages costs
 * exactly K minor faults, K frames of MemFree and no VmRSS (a copy replaces a shared page).
 *
 * What else faults in the child: every page the child writes first after the fork is a
 * copy-on-write fault too, its stack and libc's data included. So the child first runs the
 * exact measuring path once over a page of its own (that takes those faults), and only then
 * measures; the parent is blocked in wait4 meanwhile, so MemFree moves only for the child.
 */
#include "vmtest.h"

#define NPAGES 16
#define K 5            /* pages 0, 3, 6, 9, 12 */

static char *buf, *warm;
static int go[2];

static __attribute__((noinline)) void write_pages(char *p, int count, int stride, char c)
{
	for (int i = 0; i < count; i++)
		memset(p + (size_t)i * stride * PAGE, c, PAGE);
}

static __attribute__((noinline)) void measure(char *p, int count, int stride, struct counts *d,
					      long *freed_kb)
{
	struct counts a, b;
	long fa = memfree_kb(), fb;

	counts_now(&a);
	write_pages(p, count, stride, 'C');
	counts_now(&b);
	fb = memfree_kb();
	d->minflt = b.minflt - a.minflt;
	d->majflt = b.majflt - a.majflt;
	d->rss_kb = b.rss_kb - a.rss_kb;
	*freed_kb = fa - fb;
}

static void child(long parent_rss)
{
	struct counts d;
	long used;
	char c;

	if (on_pagewise() && parent_rss >= 0)
		CHECK_EQ(status_kb("VmRSS"), parent_rss);   /* the same frames, counted in both */
	CHECK(all_bytes(buf, 'P', NPAGES * PAGE));       /* the parent's data */
	if (read(go[0], &c, 1) != 1)                     /* the parent has written page 1 */
		CHECK(!"the parent said go");
	CHECK(all_bytes(buf + PAGE, 'P', PAGE));         /* and its write is not ours */

	measure(warm, 1, 1, &d, &used);                  /* the child's own first writes */
	measure(warm, 1, 1, &d, &used);
	if (on_pagewise()) {
		CHECK_EQ(d.minflt, 0);
		CHECK_EQ(used, 0);
	}
	measure(buf, K, 3, &d, &used);
	printf("  child: %ld minor faults, %ld kB of MemFree, VmRSS %+ld kB for %d pages written\n",
	       d.minflt, used, d.rss_kb, K);
	if (on_pagewise()) {
		CHECK_EQ(d.minflt, K);
		CHECK_EQ(d.majflt, 0);
		CHECK_EQ(used, K * 4);
		if (have_rss())
			CHECK_EQ(d.rss_kb, 0);
	}
	for (int i = 0; i < NPAGES; i++)
		CHECK(all_bytes(buf + i * PAGE, i % 3 == 0 && i / 3 < K ? 'C' : 'P', PAGE));
	measure(buf, K, 3, &d, &used);                   /* the copies are ours now */
	if (on_pagewise())
		CHECK_EQ(d.minflt, 0);
	fflush(stdout);
	_exit(vt_failed ? 1 : 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	buf = anon(NPAGES * PAGE);
	warm = anon(PAGE);
	memset(buf, 'P', NPAGES * PAGE);
	memset(warm, 'w', PAGE);
	memfree_kb();
	status_kb("VmRSS");
	CHECK_EQ(pipe(go), 0);

	section("fork: the child sees the parent's data; later writes stay on their own side");
	fflush(stdout);
	long rss = status_kb("VmRSS");
	pid_t pid = fork();
	if (pid == 0)
		child(rss);
	CHECK(pid > 0);
	buf[PAGE] = 'Q';                                 /* a copy for the parent */
	memset(buf + PAGE, 'Q', PAGE);
	CHECK_EQ(write(go[1], "g", 1), 1);
	int st = -1;
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK_EXITED0(st);

	section("the child's writes never reached the parent");
	CHECK(all_bytes(buf, 'P', PAGE));
	CHECK(all_bytes(buf + PAGE, 'Q', PAGE));
	CHECK(all_bytes(buf + 2 * PAGE, 'P', (NPAGES - 2) * PAGE));

	section("with the child gone the parent's pages are its own: writes reuse the frames");
	struct counts d;
	long used;
	measure(warm, 1, 1, &d, &used);
	measure(buf, NPAGES, 1, &d, &used);
	if (on_pagewise()) {
		CHECK_EQ(d.minflt, NPAGES - 1);              /* page 1 was copied already */
		CHECK_EQ(used, 0);
	}
	CHECK(all_bytes(buf, 'C', NPAGES * PAGE));
	return vt_done();
}
