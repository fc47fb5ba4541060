/*
 * demo-threshold's claim (seed articles 001, 004), read from the table the demo itself
 * prints: the same workload under three policies, each in a fresh child without the
 * thread cache. The workload: 100 blocks of 100 bytes kept; 50 rounds of malloc(100K),
 * write, free; malloc(1M) written, malloc(100) after it, free of the 1M block.
 *   all mmap: one mmap per request (100 + 50 + 2), one munmap per free (51), no brk;
 *             every round faults its 26 pages again (100K + header); the small blocks
 *             hold a page each (VmRSS +400 kB at least).
 *   all brk:  no mmap at all; the freed 1M block lies below a block in use, so the
 *             break cannot come down: more than 1M stays in the heap and in RAM.
 *   default:  the 1M block alone is mmapped and returned (1 mmap, 1 munmap); one brk;
 *             the buffer is reused, so it faults once, not 50 times.
 */
#include "demotest.h"

#define NSMALL 100
#define ROUNDS 50
#define BIG_KB 1024

/* One row of the demo's table: policy, then these columns. */
struct row {
	long brk_calls, mmap_calls, munmap_calls, trims, faults, rss_kb, heap_kb;
};

static char out[8192];

/* The row of the table for policy name; all -1 when it is not there. */
static struct row find_row(const char *name)
{
	struct row r = { -1, -1, -1, -1, -1, -1, -1 };
	size_t len = strlen(name);
	for (const char *l = out; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (!strncmp(l, name, len) && l[len] == ' ') {
			long *col[] = { &r.brk_calls, &r.mmap_calls, &r.munmap_calls, &r.trims,
					&r.faults, &r.rss_kb, &r.heap_kb };
			char *e = (char *)l + len;
			for (int i = 0; i < 7; i++)
				*col[i] = strtol(e, &e, 10);
			if (*e != 'K')		/* the heap column ends in K */
				r.brk_calls = -1;
			break;
		}
	return r;
}

int main(int argc, char **argv)
{
	char *demo[] = { "demo-threshold", NULL };

	check_init(argc, argv);
	CHECK_EQ(capture(demo, out, sizeof out), 0);
	struct row d = find_row("default"), m = find_row("all mmap"), b = find_row("all brk");
	CHECK(d.brk_calls >= 0 && m.brk_calls >= 0 && b.brk_calls >= 0);

	section("all mmap: a system call per request and per free, faults every round");
	CHECK_EQ(m.mmap_calls, NSMALL + ROUNDS + 2);
	CHECK_EQ(m.munmap_calls, ROUNDS + 1);
	CHECK_EQ(m.brk_calls, 0);
	CHECK_EQ(m.faults, NSMALL + ROUNDS * 26 + 257 + 1);
	CHECK(m.rss_kb >= NSMALL * 4);

	section("all brk: no mmap, and the freed 1M stays in the process");
	CHECK_EQ(b.mmap_calls, 0);
	CHECK_EQ(b.trims, 0);
	CHECK(b.heap_kb > BIG_KB);
	CHECK(b.rss_kb >= BIG_KB);

	section("default: brk for the small, mmap for the big, both cheap");
	CHECK_EQ(d.mmap_calls, 1);
	CHECK_EQ(d.munmap_calls, 1);
	CHECK_EQ(d.brk_calls, 1);
	CHECK(d.rss_kb < 200);
	CHECK(d.faults < m.faults / 5);
	CHECK(d.brk_calls + d.mmap_calls + d.munmap_calls <
	      (m.brk_calls + m.mmap_calls + m.munmap_calls) / 50);
	return check_done();
}
