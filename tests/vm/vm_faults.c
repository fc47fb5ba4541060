/*
 * Demand paging, counted: writing N fresh anonymous pages costs exactly N minor faults and
 * adds exactly N pages to VmRSS; reading untouched anonymous memory returns zeros and maps the
 * shared zero page (a minor fault each, no RSS); a write after such a read gets a private
 * frame (one more fault); MAP_POPULATE faults everything in at mmap time.
 *
 * Measuring exactly: getrusage and the /proc read may fault themselves the first time (their
 * text, their stack, the static buffer). So every measurement is first made once around a
 * pass that touches nothing new, and that pass must come out as 0 faults and 0 kB.
 */
#include "vmtest.h"

#define N 37

/* Touch count pages from p, one byte each, writing or reading. Never inlined: its code and
 * stack frame are the same in the warm-up as in the measurement. */
static __attribute__((noinline)) void touch(char *p, int count, int write)
{
	for (int i = 0; i < count; i++) {
		if (write)
			p[(size_t)i * PAGE] = (char)i;
		else
			(void)((volatile char *)p)[(size_t)i * PAGE];
	}
}

static __attribute__((noinline)) void measure(char *p, int count, int write, struct counts *d)
{
	struct counts a, b;

	counts_now(&a);
	touch(p, count, write);
	counts_now(&b);
	d->minflt = b.minflt - a.minflt;
	d->majflt = b.majflt - a.majflt;
	d->rss_kb = b.rss_kb - a.rss_kb;
}

int main(void)
{
	struct counts d;
	int pw, rss;

	setvbuf(stdout, NULL, _IOLBF, 0);
	pw = on_pagewise();
	rss = have_rss();
	char *warm = anon(PAGE);
	touch(warm, 1, 1);

	section("the measurement itself: a pass over a present page costs nothing");
	measure(warm, 1, 1, &d);
	measure(warm, 1, 1, &d);
	if (pw) {
		CHECK_EQ(d.minflt, 0);
		CHECK_EQ(d.majflt, 0);
		if (rss)
			CHECK_EQ(d.rss_kb, 0);
	}

	section("writing 37 fresh pages: exactly 37 minor faults and 148 kB more VmRSS");
	char *p = anon(N * PAGE);
	measure(p, N, 1, &d);
	printf("  %ld minor, %ld major faults, VmRSS +%ld kB\n", d.minflt, d.majflt, d.rss_kb);
	if (pw) {
		CHECK_EQ(d.minflt, N);
		CHECK_EQ(d.majflt, 0);
		if (rss)
			CHECK_EQ(d.rss_kb, N * 4);
	}
	section("writing them again: no fault at all");
	measure(p, N, 1, &d);
	if (pw)
		CHECK_EQ(d.minflt, 0);
	for (int i = 0; i < N; i++)
		CHECK_EQ(p[(size_t)i * PAGE], (char)i);

	section("reading 37 untouched pages: zeros, 37 minor faults, no VmRSS (the zero page)");
	char *z = anon(N * PAGE);
	measure(z, N, 0, &d);
	printf("  %ld minor faults, VmRSS +%ld kB\n", d.minflt, d.rss_kb);
	if (pw) {
		CHECK_EQ(d.minflt, N);
		if (rss)
			CHECK_EQ(d.rss_kb, 0);
	}
	CHECK(all_bytes(z, 0, N * PAGE));
	section("reading them again: no fault; writing them: 37 faults, 148 kB, zeros underneath");
	measure(z, N, 0, &d);
	if (pw)
		CHECK_EQ(d.minflt, 0);
	measure(z, N, 1, &d);
	if (pw) {
		CHECK_EQ(d.minflt, N);
		if (rss)
			CHECK_EQ(d.rss_kb, N * 4);
	}
	CHECK_EQ(z[1], 0);
	CHECK_EQ(z[PAGE + 1], 0);
	CHECK_EQ(z[PAGE], 1);
	section("the zero page was never written: a fresh read still sees zeros");
	char *z2 = anon(PAGE);
	CHECK(all_bytes(z2, 0, PAGE));

	section("MAP_POPULATE: the pages are there at mmap time, touching costs nothing");
	struct counts a, b;
	counts_now(&a);
	char *pop = mmap(NULL, N * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	counts_now(&b);
	CHECK(pop != MAP_FAILED);
	if (pw && rss)
		CHECK_EQ(b.rss_kb - a.rss_kb, N * 4);
	measure(pop, N, 1, &d);
	if (pw)
		CHECK_EQ(d.minflt, 0);
	CHECK(all_bytes(pop, 0, PAGE));

	section("munmap gives the RSS back");
	counts_now(&a);
	munmap(p, N * PAGE);
	munmap(z, N * PAGE);
	munmap(pop, N * PAGE);
	counts_now(&b);
	if (pw && rss)
		CHECK_EQ(a.rss_kb - b.rss_kb, 3 * N * 4);
	return vt_done();
}
