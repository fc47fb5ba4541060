/*
 * demo-toy: seed article 002's toy malloc beside the real one.
 *
 * The toy moves the break by exactly the size asked and returns the old
 * break:
 *
 *     void *malloc(size_t size) {
 *         void *p = sbrk(0);
 *         if (sbrk(size) == (void *)-1) return NULL;
 *         return p;
 *     }
 *
 * It has no header, so free cannot know a block's size, and no list of free
 * blocks, so nothing is ever reused: its free can only do nothing. Both
 * allocators serve the same requests (a program that allocates a buffer,
 * fills it and frees it, 200 times), each in its own child process.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "demo.h"

#define ROUNDS 200

static long toy_syscalls;

static void *toy_malloc(size_t size)
{
	void *p = sbrk(0);

	toy_syscalls += 2;	/* sbrk(0) and sbrk(size): each one a brk system call */
	if (sbrk((long)size) == (void *)-1)
		return NULL;
	return p;
}

static void toy_free(void *p)
{
	(void)p;		/* no header: the size is unknown, and the break can only
				   move at its end, so nothing can be given back */
}

static size_t request(int i)
{
	return 100 + (size_t)(i * 37 % 30) * 100;	/* 100 to 3000 bytes, varied */
}

static void run(int toy)
{
	char *brk0 = sbrk(0), *p;
	long rss0 = demo_status_kb(0, "VmRSS");
	struct demo_faults f0 = demo_faults(), f1;
	struct pw_malloc_counters k;
	long syscalls;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		p = toy ? toy_malloc(request(i)) : malloc(request(i));
		memset(p, 1, request(i));
		__asm__ volatile("" : : "r"(p) : "memory");	/* the block is used */
		if (toy)
			toy_free(p);
		else
			free(p);
	}
	f1 = demo_faults();
	k = pw_malloc_counters();
	syscalls = toy ? toy_syscalls : (long)(k.brk_calls + k.mmap_calls + k.munmap_calls);
	printf("%-8s %9ldK %9ldK %7ld %9ld\n", toy ? "toy" : "malloc", (long)((char *)sbrk(0) - brk0) / 1024,
	       demo_status_kb(0, "VmRSS") - rss0, f1.minflt - f0.minflt, syscalls);
}

int main(void)
{
	char *a, *b;
	int toy, status;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	demo_warm_up();
	printf("demo-toy: %d rounds of p = malloc(100..3000 bytes), fill p, free(p).\n\n", ROUNDS);
	printf("allocator  break up   VmRSS +  faults  syscalls\n");
	/* This process never mallocs before the forks: each child starts afresh. */
	for (toy = 1; toy >= 0; toy--) {
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			run(toy);
			_exit(0);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
			demo_expect(0, "the %s child failed", toy ? "toy" : "malloc");
	}
	printf("\nThe toy's heap grows by every request, because its free cannot give anything\n"
	       "back or reuse it: all the memory ever asked for stays in the process, and every\n"
	       "page of it was faulted in once. It also makes two system calls per malloc.\n"
	       "The real malloc asked brk once (with 128K to spare), reused the same freed\n"
	       "chunk each round, and touched the same few pages again and again.\n");

	demo_step("alignment: toy_malloc(3), then toy_malloc(8)");
	a = toy_malloc(3);
	b = toy_malloc(8);
	printf("toy: %p then %p - the second is not aligned for a double or a pointer.\n", a, b);
	a = malloc(3);
	b = malloc(8);
	printf("malloc: %p then %p - every block starts on a 16-byte boundary.\n", a, b);
	demo_expect((uintptr_t)a % 16 == 0 && (uintptr_t)b % 16 == 0, "malloc returned unaligned blocks");
	free(a);
	free(b);
	printf("\nWhat the toy lacks is what malloc is: a header with the size (for free), lists\n"
	       "of free chunks (for reuse), merging and trimming (to give memory back), mmap\n"
	       "for big blocks, alignment, and a lock for threads.\n");
	return demo_exit_status();
}
