/*
 * demo-threshold: why malloc uses brk for small requests and mmap for big
 * ones (seed articles 001 and 004), by running one workload under three
 * policies, each in a fresh child process:
 *
 *   default    requests of 128K and more mmapped (M_MMAP_THRESHOLD)
 *   all mmap   mallopt(M_MMAP_THRESHOLD, 0): every request its own mapping
 *   all brk    mallopt(M_MMAP_MAX, 0): never mmap, everything from the heap
 *
 * The workload: 100 small blocks (100 bytes) kept; 50 rounds of a 100K
 * buffer written and freed; a 1 MiB block, then a small block after it, then
 * the 1 MiB block freed. Counted: the system calls malloc made
 * (pw_malloc_counters), the minor faults (getrusage), and what stays resident.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "demo.h"

#define K 1024
#define SMALL 100
#define NSMALL 100
#define ROUNDS 50
#define BUF (100 * K)
#define BIG (1024 * K)

enum policy { DEFAULT, ALL_MMAP, ALL_BRK };
static const char *const names[] = { "default", "all mmap", "all brk" };

/* The compiler may drop a malloc whose memory is never read; tell it the block escapes. */
static void use(void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

static void workload(void)
{
	static char *small[NSMALL];
	char *buf, *big, *after;
	int i;

	for (i = 0; i < NSMALL; i++) {
		small[i] = malloc(SMALL);
		memset(small[i], 1, SMALL);
		use(small[i]);
	}
	for (i = 0; i < ROUNDS; i++) {
		buf = malloc(BUF);
		memset(buf, 2, BUF);	/* a buffer is used: each fresh page faults */
		use(buf);
		free(buf);
	}
	big = malloc(BIG);
	memset(big, 3, BIG);
	after = malloc(SMALL);		/* a long-lived block allocated after the big one */
	memset(after, 4, SMALL);
	use(big);
	use(after);
	free(big);
}

/* In a child: set the policy, run, print the row. */
static void run(enum policy p)
{
	struct pw_malloc_counters k;
	struct demo_faults f0, f1;
	long rss0;
	char *brk0;

	if (p == ALL_MMAP)
		mallopt(M_MMAP_THRESHOLD, 0);
	else if (p == ALL_BRK)
		mallopt(M_MMAP_MAX, 0);
	demo_warm_up();
	brk0 = sbrk(0);
	rss0 = demo_status_kb(0, "VmRSS");
	f0 = demo_faults();
	workload();
	f1 = demo_faults();
	k = pw_malloc_counters();
	printf("%-9s %5zu %5zu %6zu %5zu %7ld %9ld %8ldK\n", names[p], k.brk_calls, k.mmap_calls,
	       k.munmap_calls, k.trims, f1.minflt - f0.minflt, demo_status_kb(0, "VmRSS") - rss0,
	       (long)((char *)sbrk(0) - brk0) / K);
	fflush(stdout);
}

int main(void)
{
	int p, status;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("demo-threshold: one workload, three malloc policies.\n"
	       "  %d blocks of %d bytes, kept; %d rounds of malloc(100K), write it, free it;\n"
	       "  malloc(1M) written, then malloc(%d) after it, then free of the 1M block.\n\n",
	       NSMALL, SMALL, ROUNDS, SMALL);
	printf("policy      brk  mmap munmap  trims  faults  +VmRSS kB heap left\n");
	/* This process never calls malloc, so each child starts with a pristine allocator.
	   Without the thread cache: it would serve the small blocks from the heap under
	   every policy (refilled in batches), hiding what each policy does. */
	demo_putenv_early("PAGEWISE_MALLOC_TCACHE=0");
	for (p = DEFAULT; p <= ALL_BRK; p++) {
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			run((enum policy)p);
			_exit(0);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
			demo_expect(0, "the %s child failed", names[p]);
	}
	printf("\n(brk/mmap/munmap: system calls malloc made; trims: brk calls that moved the\n"
	       "break down; faults: minor page faults; +VmRSS: resident memory at the end,\n"
	       "over the start; heap left: how far the break stayed above where it began.)\n\n");
	printf("all mmap: every small block costs a system call and a whole 4K page (100 bytes\n"
	       "  in 4096), and every round of the buffer maps fresh pages, which fault again:\n"
	       "  the most system calls and faults.\n"
	       "all brk: the buffer is reused without faults, but the freed 1M block lies below\n"
	       "  a block still in use: the break cannot move down past it, so the 1M stays in\n"
	       "  the process. The heap only shrinks from its top.\n"
	       "default: small requests come from the heap (cheap, reused), the 1M block had\n"
	       "  its own mapping, returned at free. Freeing a mapped block also raises the\n"
	       "  threshold to its size (up to 512K), as glibc does, so a size that keeps coming\n"
	       "  back moves to the heap.\n");
	return demo_exit_status();
}
