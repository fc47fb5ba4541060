/*
 * threads.c - many threads allocating at once, and freeing each other's
 * blocks (a producer hands blocks to whoever frees them next).
 *
 *   threads NTHREADS OPS
 *
 * Each block carries its owner's pattern; a block handed out twice, or a
 * list corrupted by a race, shows as a wrong byte or an abort. While the
 * first round runs, the main thread forks: a child must find the allocator
 * unlocked and whole (a lock inherited held would hang it).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIVE 256
#define QUEUE 1024

static long ops;
static int failed;

/* Blocks passed between threads, with the pattern byte they hold. */
static struct { unsigned char *p; size_t n; unsigned char v; } queue[QUEUE];
static int qhead, qcount;
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;

static int intact(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i += 1 + i / 8)
		if (p[i] != v)
			return 0;
	return p[n - 1] == v;
}

static void bad(const char *what, const void *p)
{
	printf("FAIL threads: %s %p\n", what, p);
	__atomic_store_n(&failed, 1, __ATOMIC_RELAXED);
}

static void *worker(void *arg)
{
	uint64_t r = (uintptr_t)arg * 0x9e3779b97f4a7c15ull + 7;
	unsigned char *live[LIVE] = {0};
	size_t size[LIVE];
	unsigned char val[LIVE];
	for (long op = 0; op < ops; op++) {
		r ^= r << 13, r ^= r >> 7, r ^= r << 17;
		unsigned i = (unsigned)(r % LIVE);
		if (live[i]) {
			if (!intact(live[i], size[i], val[i]))
				bad("block changed under us", live[i]);
			if ((r >> 20) % 4 == 0) {	/* give it away */
				pthread_mutex_lock(&qlock);
				if (qcount < QUEUE) {
					int t = (qhead + qcount++) % QUEUE;
					queue[t].p = live[i];
					queue[t].n = size[i];
					queue[t].v = val[i];
					live[i] = NULL;
				}
				pthread_mutex_unlock(&qlock);
			}
			if (live[i]) {
				free(live[i]);
				live[i] = NULL;
			}
		} else {
			size[i] = 1 + (size_t)((r >> 24) % ((r >> 60) ? 512 : 70000));
			val[i] = (unsigned char)(r >> 40);
			live[i] = malloc(size[i]);
			if (!live[i]) {
				bad("malloc failed", NULL);
				break;
			}
			memset(live[i], val[i], size[i]);
		}
		if ((r >> 32) % 3 == 0) {	/* free someone else's block */
			pthread_mutex_lock(&qlock);
			if (qcount) {
				unsigned char *p = queue[qhead].p;
				size_t n = queue[qhead].n;
				unsigned char v = queue[qhead].v;
				qhead = (qhead + 1) % QUEUE;
				qcount--;
				pthread_mutex_unlock(&qlock);
				if (!intact(p, n, v))
					bad("handed-over block changed", p);
				free(p);
			} else {
				pthread_mutex_unlock(&qlock);
			}
		}
	}
	for (unsigned i = 0; i < LIVE; i++)
		free(live[i]);
	return NULL;
}

/* Fork while the workers allocate; the child allocates too, then exits. */
static void fork_during(void)
{
	for (int k = 0; k < 8; k++) {
		pid_t pid = fork();
		if (pid == 0) {
			alarm(20);	/* a hang is a failure, not a stuck test */
			void *p[64];
			for (int i = 0; i < 64; i++)
				p[i] = malloc(16 + (size_t)i * 1000);
			for (int i = 0; i < 64; i++)
				free(p[i]);
			_exit(0);
		}
		int st = 0;
		if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
			bad("child after fork", NULL);
	}
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 4;
	ops = argc > 2 ? atol(argv[2]) : 200000;
	pthread_t t[64];
	if (n > 64)
		n = 64;
	for (int round = 0; round < 2; round++) {	/* second round: threads reborn */
		for (int i = 0; i < n; i++)
			pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)(i + 1 + round * n));
		if (round == 0)
			fork_during();
		for (int i = 0; i < n; i++)
			pthread_join(t[i], NULL);
	}
	while (qcount) {
		free(queue[qhead].p);
		qhead = (qhead + 1) % QUEUE;
		qcount--;
	}
	if (failed)
		return 1;
	printf("threads: %d threads x %ld operations x 2 rounds ok\n", n, ops);
	return 0;
}
