/*
 * bench.c - single-threaded allocator workloads; one per run.
 *
 *   bench WORKLOAD [SEED]   prints "WORKLOAD <ms> <peak RSS KiB> <CPU ms>
 *                                   <RSS growth KiB> <private peak KiB>"
 *
 * SEED (a number, not 0) changes the random sizes and orders; without it
 * every run makes the same calls.
 *
 * ms is wall-clock time of the workload; CPU ms (user + system, of the
 * workload too) is less disturbed by other programs on a shared machine.
 * Peak RSS is the process's VmHWM: getrusage's ru_maxrss would also count
 * the image that exec replaced (Linux keeps its high-water mark), that is
 * the shell or script that started us. RSS growth is VmHWM at the end minus
 * VmRSS before the workload: the memory the workload itself made resident,
 * without the program's and libraries' own pages.
 *
 * Private peak is VmHWM less the file pages mapped at the end (RssFile,
 * RssShmem): the peak of the memory that is the process's own, its heap
 * above all. Which pages of libc's code are resident is not: the kernel
 * maps file pages in 64 KiB windows around each fault, aligned to virtual
 * addresses, so where ASLR puts libc (and a preloaded library shifts it)
 * moves VmHWM by up to ~200 KiB from run to run of one program on one
 * allocator. The file pages are mapped early and stay, so at the peak they
 * were no more than at the end: the figure is at most the true private
 * peak, and from run to run it moves by a page or so.
 *
 * The same program runs on every allocator (LD_PRELOAD, or built with
 * musl-gcc), so only the allocator differs. Blocks are touched the way a
 * program would (first bytes written) so page faults count too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static uint64_t rng = 88172645463325252ull;
static inline uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

/* Page-aligned, so the pages of it a workload touches are the same in every
 * build: linked in, an allocator's own data lands before it in .bss, and
 * an unaligned array of 10000 used slots (78 KiB) would then straddle one
 * page more or less depending on the allocator's size, not its behaviour. */
static _Alignas(4096) void *slots[1 << 16];
static volatile unsigned sink;

/* Small random sizes, random replacement in a 10000-block working set. */
static void small(void)
{
	for (long i = 0; i < 6000000; i++) {
		unsigned s = rnd() % 10000;
		if (slots[s]) {
			sink += *(unsigned char *)slots[s];
			free(slots[s]);
			slots[s] = NULL;
		} else {
			size_t n = 8 + rnd() % 249;
			char *p = malloc(n);
			p[0] = (char)n;
			slots[s] = p;
		}
	}
	for (int s = 0; s < 10000; s++) {
		free(slots[s]);
		slots[s] = NULL;
	}
}

/* Producer-consumer: blocks freed in the order they were made (FIFO). */
static void prodcons(void)
{
	enum { Q = 20000 };
	long head = 0, tail = 0;
	for (long i = 0; i < 5000000; i++) {
		if (tail - head < Q && (rnd() & 3)) {
			char *p = malloc(16 + rnd() % 113);
			p[0] = 1;
			slots[tail++ % Q] = p;
		} else if (tail > head) {
			free(slots[head++ % Q]);
		}
	}
	while (tail > head)
		free(slots[head++ % Q]);
	memset(slots, 0, sizeof slots);
}

/* Growing buffers: 64 vectors grown by small steps, as string builders do. */
static void reallocs(void)
{
	for (int round = 0; round < 10; round++) {
		size_t len[64] = {0};
		for (int step = 0; step < 3000; step++)
			for (int v = 0; v < 64; v++) {
				len[v] += 1 + rnd() % 64;
				char *p = realloc(slots[v], len[v]);
				p[len[v] - 1] = 1;
				slots[v] = p;
			}
		for (int v = 0; v < 64; v++) {
			free(slots[v]);
			slots[v] = NULL;
		}
	}
}

/* Blocks just below and above the 128 KiB mmap threshold. */
static void threshold(void)
{
	for (long i = 0; i < 20000; i++) {
		unsigned s = rnd() % 16;
		free(slots[s]);
		size_t n = 96 * 1024 + rnd() % (64 * 1024);
		char *p = malloc(n);
		for (size_t o = 0; o < n; o += 16384)
			p[o] = 1;
		slots[s] = p;
	}
	for (int s = 0; s < 16; s++) {
		free(slots[s]);
		slots[s] = NULL;
	}
}

/* The seed articles' loop: malloc 200 KiB, use it, free it. */
static void loop200k(void)
{
	for (long i = 0; i < 20000; i++) {
		char *p = malloc(200 * 1024);
		for (size_t o = 0; o < 200 * 1024; o += 4096)
			p[o] = (char)o;
		sink += (unsigned char)p[4096];
		free(p);
	}
}

/* loop200k's page touches on one block, allocated once: the time loop200k
 * would take with an allocator that cost nothing. */
static void touch200k(void)
{
	char *p = malloc(200 * 1024);
	for (long i = 0; i < 20000; i++) {
		for (size_t o = 0; o < 200 * 1024; o += 4096)
			p[o] = (char)o;
		sink += (unsigned char)p[4096];
		__asm__ volatile("" ::: "memory");	/* keep every round's stores */
	}
	free(p);
}

/* Long-lived mix: a big population, most of it freed in random order while
 * new blocks of other sizes come in; what stays resident is the point. */
static void fragment(void)
{
	enum { N = 60000 };
	for (int round = 0; round < 8; round++) {
		for (int i = 0; i < N; i++) {
			size_t n = (rnd() & 7) ? 16 + rnd() % 200 : 1024 + rnd() % 6000;
			char *p = malloc(n);
			memset(p, 1, n < 64 ? n : 64);
			free(slots[i]);
			slots[i] = p;
		}
		for (int i = 0; i < N; i++)	/* keep one in eight */
			if (rnd() % 8) {
				free(slots[i]);
				slots[i] = NULL;
			}
	}
	for (int i = 0; i < N; i++) {
		free(slots[i]);
		slots[i] = NULL;
	}
}

static const struct { const char *name; void (*fn)(void); } work[] = {
	{ "small", small }, { "prodcons", prodcons }, { "realloc", reallocs },
	{ "threshold", threshold }, { "loop200k", loop200k }, { "fragment", fragment },
	{ "touch200k", touch200k },
};

/* A "Vm...:" line of /proc/self/status, in KiB; -1 if there is none. */
static long status_kib(const char *key)
{
	char line[256];
	long v = -1;
	size_t len = strlen(key);
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, key, len))
			v = atol(line + len);
	fclose(f);
	return v;
}

static double cpu_ms(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

int main(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof work / sizeof work[0]; i++) {
		if (argc > 2 && strtoull(argv[2], NULL, 0))
			rng = strtoull(argv[2], NULL, 0);
		if (argc > 1 && strcmp(argv[1], work[i].name))
			continue;
		struct timespec a, b;
		long rss0 = status_kib("VmRSS:");
		double cpu0 = cpu_ms();
		clock_gettime(CLOCK_MONOTONIC, &a);
		work[i].fn();
		clock_gettime(CLOCK_MONOTONIC, &b);
		double cpu = cpu_ms() - cpu0;
		long hwm = status_kib("VmHWM:");
		if (hwm < 0) {	/* no /proc: the rusage figure */
			struct rusage ru;
			getrusage(RUSAGE_SELF, &ru);
			hwm = ru.ru_maxrss;
		}
		long file = status_kib("RssFile:"), shmem = status_kib("RssShmem:");
		printf("%s %.1f %ld %.1f %ld %ld\n", work[i].name,
		       (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6,
		       hwm, cpu, rss0 < 0 ? -1 : hwm - rss0,
		       file < 0 ? -1 : hwm - file - (shmem < 0 ? 0 : shmem));
	}
	return 0;
}
