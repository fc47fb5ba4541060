/*
 * 5,000 regions stay fast: 5,000 one-page mappings with alternating protection (so that
 * neighbours cannot merge) are created, faulted, looked up by mprotect, listed in
 * /proc/self/maps (5,000 lines or more) and unmapped. The point is that no operation scans
 * the regions one by one, so each is checked two ways: the whole run must end well inside
 * the runner's time limit, and an operation's cost (rdtsc cycles, the best of 7 rounds of 200,
 * so that timer interrupts and a busy host drop out) may not grow more than 10-fold between
 * 10 and 5,000 regions present. A balanced tree takes log2(5000)/log2(10), about 4 times
 * the steps, for what is only part of a system call; a list takes 500 times.
 */
#include <time.h>
#include "vmtest.h"

#define NREG 5000
#define BATCH 1000
#define BOUND_MS 30000
#define MAX_RATIO 10
#define ROUNDS 7
#define OPS 200

static char *reg[NREG];
static char *probe;                     /* a 3-page mapping whose middle page mprotect flips */

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static int prot_of(int i) { return i % 2 ? PROT_READ : PROT_READ | PROT_WRITE; }

/* Cycles per mprotect of one page inside a bigger mapping: a lookup, a split, a merge back. */
static uint64_t lookup_cost(void)
{
	uint64_t best = UINT64_MAX;

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t = rdtsc();
		for (int i = 0; i < OPS; i++)
			mprotect(probe + PAGE, PAGE, i % 2 ? PROT_READ | PROT_WRITE : PROT_READ);
		t = (rdtsc() - t) / OPS;
		best = t < best ? t : best;
	}
	return best;
}

/* Cycles per mmap+munmap pair of one page: finding a free range, inserting, removing. */
static uint64_t map_unmap_cost(void)
{
	uint64_t best = UINT64_MAX;

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t = rdtsc();
		for (int i = 0; i < OPS; i++)
			munmap(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), PAGE);
		t = (rdtsc() - t) / OPS;
		best = t < best ? t : best;
	}
	return best;
}

/* Cycles per getppid: a system call that touches no region. The costs above are compared
 * in units of it, measured right beside them, so a host that is busier during one
 * measurement than the other (QEMU shares its CPUs) does not look like a slower kernel. */
static uint64_t null_cost(void)
{
	uint64_t best = UINT64_MAX;

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t = rdtsc();
		for (int i = 0; i < OPS; i++)
			getppid();
		t = (rdtsc() - t) / OPS;
		best = t < best ? t : best;
	}
	return best;
}

/* Map reg[from..from+BATCH): cycles per mmap; failures counted into *bad. */
static uint64_t map_batch(int from, int *bad)
{
	uint64_t t = rdtsc();

	for (int i = from; i < from + BATCH; i++) {
		reg[i] = mmap(NULL, PAGE, prot_of(i), MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		*bad += reg[i] == MAP_FAILED;
	}
	return (rdtsc() - t) / BATCH;
}

static uint64_t unmap_batch(int from, int *bad)
{
	uint64_t t = rdtsc();

	for (int i = from; i < from + BATCH; i++)
		*bad += munmap(reg[i], PAGE) != 0;
	return (rdtsc() - t) / BATCH;
}

/* Lines in /proc/self/maps, or -1 when it cannot be read. */
static long maps_lines(void)
{
	static char buf[16384];
	int fd = open("/proc/self/maps", O_RDONLY);
	long lines = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return n < 0 ? -1 : lines;
}

/* few and many are costs in cycles, null_few and null_many getppid's beside them. */
static void check_ratio(const char *what, uint64_t few, uint64_t null_few, uint64_t many,
			uint64_t null_many)
{
	double ratio = ((double)many / (double)null_many) / ((double)few / (double)null_few);

	printf("  %s: %llu cycles (getppid %llu) with few regions, %llu (getppid %llu) with 5,000:"
	       " %d.%d times\n", what, (unsigned long long)few, (unsigned long long)null_few,
	       (unsigned long long)many, (unsigned long long)null_many, (int)ratio,
	       (int)(ratio * 10) % 10);
	vt_check(ratio <= MAX_RATIO, what, __LINE__);
}

int main(void)
{
	uint64_t map_first = 0, map_last = 0, unmap_many = 0, unmap_few = 0;
	long t0 = now_ms();
	int bad = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	probe = anon(3 * PAGE);
	lookup_cost();                                    /* warm: its text, the split's memory */
	map_unmap_cost();
	uint64_t null_few = null_cost(), lookup_few = lookup_cost(), pair_few = map_unmap_cost();
	null_few = (null_few + null_cost()) / 2;

	section("5,000 one-page mappings, protections alternating");
	for (int b = 0; b < NREG / BATCH; b++) {
		uint64_t c = map_batch(b * BATCH, &bad);
		if (b == 0)
			map_first = c;
		map_last = c;
	}
	CHECK_EQ(bad, 0);
	if (bad)
		return vt_done();

	section("each one faulted in (written where writable) and read back");
	for (int i = 0; i < NREG; i++)
		if (prot_of(i) & PROT_WRITE)
			reg[i][0] = (char)i;
	for (int i = 0; i < NREG; i++)
		bad += reg[i][0] != ((prot_of(i) & PROT_WRITE) ? (char)i : 0);
	CHECK_EQ(bad, 0);

	section("each one found by mprotect, and listed in /proc/self/maps");
	for (int i = 0; i < NREG; i++)
		bad += mprotect(reg[i], PAGE, prot_of(i)) != 0;
	CHECK_EQ(bad, 0);
	long lines = maps_lines();
	printf("  /proc/self/maps: %ld lines\n", lines);
	if (lines < 0)
		printf("note: no /proc/self/maps: not counted\n");
	else
		CHECK(lines >= NREG);

	section("unmap one in the middle, map it again with a hint: the same place");
	char *mid = reg[NREG / 2];
	CHECK_EQ(munmap(mid, PAGE), 0);
	CHECK(mmap(mid, PAGE, prot_of(NREG / 2), MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == mid);

	section("costs do not grow with the number of regions (at most 10-fold from 10 to 5,000)");
	uint64_t null_many = null_cost(), lookup_many = lookup_cost(), pair_many = map_unmap_cost();
	null_many = (null_many + null_cost()) / 2;
	for (int b = 0; b < NREG / BATCH; b++) {
		uint64_t c = unmap_batch(b * BATCH, &bad);
		if (b == 0)
			unmap_many = c;
		unmap_few = c;
	}
	CHECK_EQ(bad, 0);
	check_ratio("mprotect of one page (lookup, split, merge)", lookup_few, null_few, lookup_many,
		    null_many);
	check_ratio("mmap+munmap of one page (finding a free range)", pair_few, null_few, pair_many,
		    null_many);
	printf("  for the record: mmap %llu cycles for the first 1,000, %llu for the last; munmap "
	       "%llu with 5,000 present, %llu with 1,000\n", (unsigned long long)map_first,
	       (unsigned long long)map_last, (unsigned long long)unmap_many,
	       (unsigned long long)unmap_few);

	section("the whole run stays far inside the runner's time limit");
	long total = now_ms() - t0;
	printf("  %ld ms (bound %d ms)\n", total, BOUND_MS);
	CHECK(total < BOUND_MS);
	if (lines >= 0)
		CHECK(maps_lines() < 100);
	return vt_done();
}
