/*
 * bench_vm: what the VM costs, in rdtsc cycles per operation, measured inside pagewise (or on
 * Linux, for comparison). Each figure is the best of ROUNDS rounds, each round the average of
 * many operations: the best round is the one the fewest timer interrupts fell into.
 *
 * Region lookups are measured twice: with the program's own few regions, and with 10,000 more
 * one-page mappings made the way a program makes them (plain mmap, top-down, protections
 * alternating so they cannot merge) between the probe and the mmap base.
 */
#include "vmtest.h"

#define ROUNDS 5
#define FAULT_PAGES 512
#define MANY 10000

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static uint64_t best(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* A write to each page of a fresh private anonymous mapping: a zeroed frame each. */
static uint64_t demand_zero(void)
{
	uint64_t m = UINT64_MAX;

	for (int r = 0; r < ROUNDS; r++) {
		char *p = anon(FAULT_PAGES * PAGE);
		uint64_t t = rdtsc();
		for (int i = 0; i < FAULT_PAGES; i++)
			p[(size_t)i * PAGE] = 1;
		m = best(m, (rdtsc() - t) / FAULT_PAGES);
		munmap(p, FAULT_PAGES * PAGE);
	}
	return m;
}

/* The child writes each page of a buffer its parent wrote: a copy each (the parent is
 * blocked in wait4 and holds its references). The child hands its figure back in a pipe. */
static uint64_t cow(void)
{
	uint64_t m = UINT64_MAX;
	int fds[2];

	if (pipe(fds) < 0)
		return 0;
	char *p = anon(FAULT_PAGES * PAGE);
	memset(p, 'p', FAULT_PAGES * PAGE);
	for (int r = 0; r < ROUNDS; r++) {
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			uint64_t t = rdtsc();
			for (int i = 0; i < FAULT_PAGES; i++)
				p[(size_t)i * PAGE] = 'c';
			t = (rdtsc() - t) / FAULT_PAGES;
			_exit(write(fds[1], &t, sizeof t) == sizeof t ? 0 : 1);
		}
		uint64_t t = UINT64_MAX;
		wait4(pid, NULL, 0, NULL);
		if (read(fds[0], &t, sizeof t) == sizeof t)
			m = best(m, t);
	}
	munmap(p, FAULT_PAGES * PAGE);
	close(fds[0]);
	close(fds[1]);
	return m;
}

static uint64_t brk_pair(void)
{
	uintptr_t cur = (uintptr_t)syscall(__NR_brk, 0);
	uint64_t m = UINT64_MAX;

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t = rdtsc();
		for (int i = 0; i < 2000; i++) {
			syscall(__NR_brk, cur + PAGE);
			syscall(__NR_brk, cur);
		}
		m = best(m, (rdtsc() - t) / 2000);
	}
	return m;
}

static uint64_t mmap_pair(void)
{
	uint64_t m = UINT64_MAX;

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t = rdtsc();
		for (int i = 0; i < 500; i++)
			munmap(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
			       PAGE);
		m = best(m, (rdtsc() - t) / 500);
	}
	return m;
}

/* Faults again and again in one mapping: MADV_DONTNEED drops the pages between rounds. */
static uint64_t touch_fault(char *probe)
{
	uint64_t m = UINT64_MAX;

	for (int r = 0; r < ROUNDS; r++) {
		madvise(probe, FAULT_PAGES * PAGE, MADV_DONTNEED);
		uint64_t t = rdtsc();
		for (int i = 0; i < FAULT_PAGES; i++)
			probe[(size_t)i * PAGE] = 1;
		m = best(m, (rdtsc() - t) / FAULT_PAGES);
	}
	return m;
}

/* mprotect of the middle page of the probe and back: a lookup, a split, a merge. */
static uint64_t mprotect_one(char *probe)
{
	uint64_t m = UINT64_MAX;

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t = rdtsc();
		for (int i = 0; i < 1000; i++)
			mprotect(probe + 7 * PAGE, PAGE, i % 2 ? PROT_READ | PROT_WRITE : PROT_READ);
		m = best(m, (rdtsc() - t) / 1000);
	}
	return m;
}

static uint64_t null_syscall(void)
{
	uint64_t m = UINT64_MAX;

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t = rdtsc();
		for (int i = 0; i < 10000; i++)
			getppid();
		m = best(m, (rdtsc() - t) / 10000);
	}
	return m;
}

static void row(const char *what, uint64_t few, uint64_t many)
{
	if (many)
		printf("  %-44s %12llu %14llu\n", what, (unsigned long long)few, (unsigned long long)many);
	else
		printf("  %-44s %12llu %14s\n", what, (unsigned long long)few, "");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	char *probe = anon(FAULT_PAGES * PAGE);
	touch_fault(probe);                              /* warm every path once */
	mprotect_one(probe);
	mmap_pair();

	uint64_t dz = demand_zero(), cw = cow(), bp = brk_pair(), null = null_syscall();
	uint64_t mp_few = mmap_pair(), tf_few = touch_fault(probe), pr_few = mprotect_one(probe);

	printf("bench_vm: making %d more regions...\n", MANY);
	uint64_t t = rdtsc();
	for (int i = 0; i < MANY; i++)
		if (mmap(NULL, PAGE, i % 2 ? PROT_READ : PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED) {
			printf("bench_vm: mmap %d failed: %s\n", i, strerror(errno));
			return 1;
		}
	uint64_t build = (rdtsc() - t) / MANY;
	uint64_t mp_many = mmap_pair(), tf_many = touch_fault(probe), pr_many = mprotect_one(probe);

	printf("\nbench_vm: rdtsc cycles per operation (best of %d rounds)\n", ROUNDS);
	printf("  %-44s %12s %14s\n", "operation", "few regions", "10,000 more");
	row("demand-zero fault (write to a fresh page)", dz, 0);
	row("copy-on-write fault (child writes after fork)", cw, 0);
	row("brk grow + shrink pair (one page)", bp, 0);
	row("null system call (getppid)", null, 0);
	row("4 KiB mmap + munmap pair", mp_few, mp_many);
	row("fault in a 512-page mapping (lookup + zero)", tf_few, tf_many);
	row("mprotect of one page (lookup, split, merge)", pr_few, pr_many);
	row("mmap of one page while making the 10,000", build, 0);
	return 0;
}
