/*
 * demo-toy's claim (seed article 002): the toy sbrk-only malloc moves the break by
 * exactly every request and never gives any back (its free can do nothing), with
 * two brk calls per malloc; the real malloc serves the same requests with one brk
 * and reuse. And the toy's blocks are not aligned; malloc's are, to 16.
 */
#include <sys/wait.h>
#include "demotest.h"

#define ROUNDS 200

static size_t request(int i)
{
	return 100 + (size_t)(i * 37 % 30) * 100;
}

static void *toy_malloc(size_t size)
{
	void *p = sbrk(0);

	return sbrk((long)size) == (void *)-1 ? NULL : p;
}

int main(int argc, char **argv)
{
	size_t total = 0;
	char *brk0, *p, *a, *b;
	pid_t pid;
	int st;

	check_init(argc, argv);
	section("the toy: the break grows by every request");
	brk0 = sbrk(0);
	for (int i = 0; i < ROUNDS; i++) {
		p = toy_malloc(request(i));
		CHECK_EQ(p - brk0, total);	/* each block starts at the old break */
		memset(p, 1, request(i));
		total += request(i);
	}
	CHECK_EQ((char *)sbrk(0) - brk0, total);
	a = toy_malloc(3);
	b = toy_malloc(8);
	CHECK_EQ(b - a, 3);			/* b is not aligned */

	section("malloc: the same requests, one brk, reuse");
	pid = xfork();				/* a fresh process: the toy moved the break under malloc */
	if (pid == 0) {
		char *start = sbrk(0);
		for (int i = 0; i < ROUNDS; i++) {
			p = malloc(request(i));
			memset(p, 1, request(i));
			use(p);
			free(p);
		}
		_exit(pw_malloc_counters().brk_calls == 1 && (char *)sbrk(0) - start <= 132 * K + 4096 ? 0 : 1);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	a = malloc(3);
	b = malloc(8);
	use(a);
	use(b);
	CHECK((uintptr_t)a % 16 == 0 && (uintptr_t)b % 16 == 0);
	free(a);
	free(b);
	return check_done();
}
