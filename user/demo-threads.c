/*
 * demo-threads: what a thread costs in memory, and what threads share.
 *
 * pthread_create maps each thread a stack of 8 MiB (as glibc does under Debian's default
 * stack limit), a guard page below it and a page above for the thread's own bookkeeping
 * (struct pthread). Like any mapping, that is address space, not memory: VmSize grows by
 * 8 MiB + 8 KiB per thread, but a thread that only waits costs one page, the top one, where
 * its first stack frames sit beside its struct. The demo shows:
 *
 *   1. four idle threads: VmSize +4 x 8200 kB, VmRSS +16 kB, 4 page faults (the top pages);
 *   2. a thread whose stack grows by 256 KiB: exactly 64 faults, its own (RUSAGE_THREAD);
 *   3. a thread reading 100 KiB that main wrote: no fault at all, the pages are the same
 *      frames (fork would have given a copy-on-write view instead: demo-cow);
 *   4. after pthread_join, VmSize and VmRSS are back where they started.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include "demo.h"

#define IDLE 4
#define GROW (256 * KiB)
#define SHARED (100 * KiB)
#define MAP_KB ((PTHREAD_STACK_DEFAULT + 2 * PAGE) / KiB)	/* stack, guard, top page */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int started, release;

/* The faults of the calling thread alone. */
static long thread_faults(void)
{
	struct rusage ru;
	getrusage(RUSAGE_THREAD, &ru);
	return ru.ru_minflt;
}

/* Say "I am running", then wait until main says go. */
static void *idle(void *arg)
{
	pthread_mutex_lock(&lock);
	started++;
	pthread_cond_broadcast(&changed);
	while (!release)
		pthread_cond_wait(&changed, &lock);
	pthread_mutex_unlock(&lock);
	return arg;
}

/* 256 KiB of locals, page-aligned so that it spans exactly 64 pages below the top one. */
static __attribute__((noinline)) long grow(void)
{
	char buf[GROW] __attribute__((aligned(PAGE)));
	long f0 = thread_faults();
	for (size_t i = 0; i < GROW; i += PAGE)
		((volatile char *)buf)[i] = 1;
	return thread_faults() - f0;
}

static void *grower(void *arg)
{
	(void)arg;
	return (void *)grow();
}

/* Sum main's block; the faults it took doing so. */
static void *reader(void *arg)
{
	const volatile char *p = arg;
	long f0 = thread_faults(), sum = 0;
	for (size_t i = 0; i < SHARED; i += PAGE)
		sum += p[i];
	return (void *)(thread_faults() - f0 + (sum == (long)(SHARED / PAGE) * 7 ? 0 : 1000000));
}

struct figures {
	long size_kb, rss_kb, minflt;
};

static struct figures now(void)
{
	return (struct figures){ demo_status_kb(0, "VmSize"), demo_status_kb(0, "VmRSS"),
				 demo_faults().minflt };
}

static void show(const char *what, struct figures a, struct figures b)
{
	printf("    %-34s VmSize %+6ld kB   VmRSS %+4ld kB   faults %+ld\n", what,
	       b.size_kb - a.size_kb, b.rss_kb - a.rss_kb, b.minflt - a.minflt);
}

int main(void)
{
	pthread_t t[IDLE], g;
	void *res;

	setvbuf(stdout, NULL, _IOLBF, 0);
	demo_warm_up();
	char *block = malloc(SHARED);	/* before counting: its pages are step 3's */
	memset(block, 7, SHARED);

	demo_step("1. four threads that only wait (default stacks: %u MiB each)",
		  PTHREAD_STACK_DEFAULT / MiB);
	struct figures base = now();
	for (int i = 0; i < IDLE; i++)
		if (pthread_create(&t[i], NULL, idle, NULL) != 0)
			return demo_expect(0, "pthread_create failed"), demo_exit_status();
	pthread_mutex_lock(&lock);
	while (started < IDLE)
		pthread_cond_wait(&changed, &lock);
	pthread_mutex_unlock(&lock);
	struct figures after = now();
	show("after creating 4 threads", base, after);
	printf("    their mappings (each: a guard page, no access, then stack and struct pthread):\n");
	uintptr_t lo = (uintptr_t)t[0], hi = (uintptr_t)t[0];
	for (int i = 1; i < IDLE; i++) {
		lo = (uintptr_t)t[i] < lo ? (uintptr_t)t[i] : lo;
		hi = (uintptr_t)t[i] > hi ? (uintptr_t)t[i] : hi;
	}
	demo_show_maps(lo + PAGE - MAP_KB * KiB, hi + 1);
	demo_expect(after.size_kb - base.size_kb == IDLE * (long)MAP_KB,
		    "VmSize grew by %ld kB, not %ld", after.size_kb - base.size_kb,
		    IDLE * (long)MAP_KB);
	demo_expect(after.rss_kb - base.rss_kb == IDLE * 4, "VmRSS grew by %ld kB, not %d",
		    after.rss_kb - base.rss_kb, IDLE * 4);
	demo_expect(after.minflt - base.minflt == IDLE, "%ld faults, not %d",
		    after.minflt - base.minflt, IDLE);

	demo_step("2. a thread whose stack grows by %u KiB", GROW / KiB);
	struct figures b2 = now();
	pthread_create(&g, NULL, grower, NULL);
	pthread_join(g, &res);
	printf("    the thread's own faults (getrusage RUSAGE_THREAD): %ld\n", (long)res);
	demo_expect((long)res == GROW / PAGE, "%ld faults, not %u", (long)res, GROW / PAGE);
	show("created, grown, joined", b2, now());

	demo_step("3. a thread reads the %u KiB main wrote", SHARED / KiB);
	pthread_create(&g, NULL, reader, block);
	pthread_join(g, &res);
	printf("    the reader's faults: %ld (one address space: main's frames, already mapped)\n",
	       (long)res);
	demo_expect((long)res == 0, "the reader took %ld faults, not 0", (long)res);

	demo_step("4. the idle threads end and are joined");
	pthread_mutex_lock(&lock);
	release = 1;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < IDLE; i++)
		pthread_join(t[i], NULL);
	struct figures end = now();
	show("from the start to now", base, end);
	demo_expect(end.size_kb == base.size_kb, "VmSize is %+ld kB from the start",
		    end.size_kb - base.size_kb);
	demo_expect(end.rss_kb == base.rss_kb, "VmRSS is %+ld kB from the start",
		    end.rss_kb - base.rss_kb);
	free(block);
	return demo_exit_status();
}
