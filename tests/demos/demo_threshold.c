/*
 * demo-threshold's claim (seed articles 001, 004): the same workload under three
 * policies, each in a fresh child without the thread cache. The workload, as in the
 * demo: 100 blocks of 100 bytes kept; 50 rounds of malloc(100K), write, free;
 * malloc(1M) written, malloc(100) after it, free of the 1M block.
 *   all mmap: one mmap per request (100 + 50 + 2), one munmap per free (51), no brk;
 *             every round faults its 26 pages again (100K + header); the small blocks
 *             hold a page each (VmRSS +400 kB at least).
 *   all brk:  no mmap at all; the freed 1M block lies below a block in use, so the
 *             break cannot come down: more than 1M stays in the heap and in RAM.
 *   default:  the 1M block alone is mmapped and returned (1 mmap, 1 munmap); one brk;
 *             the buffer is reused, so it faults once, not 50 times.
 */
#include <sys/wait.h>
#include "demotest.h"

#define SMALL 100
#define NSMALL 100
#define ROUNDS 50
#define BUF (100 * K)
#define BIG (1024 * K)

enum policy { DEFAULT, ALL_MMAP, ALL_BRK };

struct result {
	struct pw_malloc_counters k;
	long faults, rss_kb, heap;
};

static void workload(void)
{
	static char *small[NSMALL];
	char *buf, *big, *after;

	for (int i = 0; i < NSMALL; i++) {
		small[i] = malloc(SMALL);
		memset(small[i], 1, SMALL);
		use(small[i]);
	}
	for (int i = 0; i < ROUNDS; i++) {
		buf = malloc(BUF);
		memset(buf, 2, BUF);
		use(buf);
		free(buf);
	}
	big = malloc(BIG);
	memset(big, 3, BIG);
	after = malloc(SMALL);
	memset(after, 4, SMALL);
	use(big);
	use(after);
	free(big);
}

static struct result run(enum policy p)
{
	struct result r;
	int fds[2], status;
	pid_t pid;

	memset(&r, 0, sizeof r);
	if (pipe(fds) < 0 || (pid = xfork()) < 0)
		return r;
	if (pid == 0) {
		if (p == ALL_MMAP)
			mallopt(M_MMAP_THRESHOLD, 0);
		else if (p == ALL_BRK)
			mallopt(M_MMAP_MAX, 0);
		demo_warm_up();
		char *brk0 = sbrk(0);
		long rss0 = demo_status_kb(0, "VmRSS");
		struct demo_faults f0 = demo_faults();
		workload();
		r.faults = demo_faults().minflt - f0.minflt;
		r.k = pw_malloc_counters();
		r.rss_kb = demo_status_kb(0, "VmRSS") - rss0;
		r.heap = (long)((char *)sbrk(0) - brk0);
		_exit(write(fds[1], &r, sizeof r) == sizeof r ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], &r, sizeof r) != sizeof r)
		memset(&r, 0, sizeof r);
	close(fds[0]);
	waitpid(pid, &status, 0);
	return r;
}

int main(int argc, char **argv)
{
	struct result d, m, b;

	demo_putenv_early("PAGEWISE_MALLOC_TCACHE=0");
	check_init(argc, argv);
	d = run(DEFAULT);
	m = run(ALL_MMAP);
	b = run(ALL_BRK);

	section("all mmap: a system call per request and per free, faults every round");
	CHECK_EQ(m.k.mmap_calls, NSMALL + ROUNDS + 2);
	CHECK_EQ(m.k.munmap_calls, ROUNDS + 1);
	CHECK_EQ(m.k.brk_calls, 0);
	CHECK_EQ(m.faults, NSMALL + ROUNDS * 26 + 257 + 1);
	CHECK(m.rss_kb >= NSMALL * 4);

	section("all brk: no mmap, and the freed 1M stays in the process");
	CHECK_EQ(b.k.mmap_calls, 0);
	CHECK_EQ(b.k.trims, 0);
	CHECK(b.heap > BIG);
	CHECK(b.rss_kb >= (long)(BIG / 1024));

	section("default: brk for the small, mmap for the big, both cheap");
	CHECK_EQ(d.k.mmap_calls, 1);
	CHECK_EQ(d.k.munmap_calls, 1);
	CHECK_EQ(d.k.brk_calls, 1);
	CHECK(d.rss_kb < 200);
	CHECK(d.faults < m.faults / 5);
	CHECK(d.k.brk_calls + d.k.mmap_calls + d.k.munmap_calls <
	      (m.k.brk_calls + m.k.mmap_calls + m.k.munmap_calls) / 50);
	return check_done();
}
