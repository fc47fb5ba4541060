/*
 * __thread (and C11 _Thread_local) variables with libc's threads. A program that has them
 * gets its TLS segment before main: the main thread sees the initial values from its first
 * instruction. Each thread made later gets its own copy: the initial values again (not what
 * another thread has written since), zeros where the variable has no initializer, the
 * alignment asked for, and an address of its own; writes stay within the thread. errno and
 * pthread_self() keep working beside them, and fork's child keeps the forking thread's values.
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/wait.h>
#include "check.h"

#define NT 4
#define ZEROS 16384	/* 64 KiB of .tbss: more than the page the struct pthread is on */

static __thread int counter = 5;
static __thread char name[24] = "initial";
static __thread long zeros[ZEROS];
static _Thread_local _Alignas(64) char aligned[64] = { 42 };

struct seen {
	int counter, zeros_ok, aligned_ok, errno_ok, self_ok, after;
	char name[24];
	uintptr_t where;
};

static struct seen seen[NT];
static int started;

static unsigned gs(void)
{
	unsigned v;
	__asm__ volatile("movl %%gs, %0" : "=r"(v));
	return v & 0xffff;
}

static void *thread(void *arg)
{
	struct seen *s = arg;
	int id = (int)(s - seen) + 1;

	s->counter = counter;
	memcpy(s->name, name, sizeof name);
	s->where = (uintptr_t)&counter;
	s->aligned_ok = (uintptr_t)aligned % 64 == 0 && aligned[0] == 42 && aligned[63] == 0;
	int z = 1;
	for (int i = 0; i < ZEROS; i++)
		z &= zeros[i] == 0;
	s->zeros_ok = z;
	/* Write everything while the others do the same, then look again. */
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < 1000; i++) {
		counter++;
		zeros[i * 16] = id;
		if (i % 100 == 0)
			sched_yield();
	}
	snprintf(name, sizeof name, "thread %d", id);
	close(-1);			/* EBADF, in this thread's errno */
	for (long spins = 0; __atomic_load_n(&started, __ATOMIC_SEQ_CST) < NT && spins < 5000; spins++)
		usleep(1000);
	int ok = 1;
	for (int i = 0; i < 1000; i++)
		ok &= zeros[i * 16] == id;
	s->zeros_ok &= ok;
	s->after = counter;
	s->errno_ok = errno == EBADF;
	pthread_t self = pthread_self();
	uintptr_t tp;
	__asm__ volatile("movl %%gs:0, %0" : "=r"(tp));
	s->self_ok = (uintptr_t)self == tp;
	char want[24];
	snprintf(want, sizeof want, "thread %d", id);
	s->self_ok &= strcmp(name, want) == 0;
	return NULL;
}

int main(int argc, char **argv)
{
	check_init(argc, argv);

	section("before main: the TLS segment is there, with the initial values");
	CHECK(gs() != 0);
	CHECK_EQ(counter, 5);
	CHECK(strcmp(name, "initial") == 0);
	CHECK_EQ(zeros[0], 0);
	CHECK_EQ(zeros[ZEROS - 1], 0);
	CHECK_EQ((uintptr_t)aligned % 64, 0);
	CHECK_EQ(aligned[0], 42);
	uintptr_t tp;
	__asm__ volatile("movl %%gs:0, %0" : "=r"(tp));
	CHECK_EQ(tp, (uintptr_t)pthread_self());

	section("threads: their own copies, starting from the initial values, not main's");
	counter = 100;
	strcpy(name, "main");
	zeros[0] = -1;
	pthread_t t[NT];
	for (int i = 0; i < NT; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, thread, &seen[i]), 0);
	for (int i = 0; i < NT; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	int distinct = 1;
	for (int i = 0; i < NT; i++) {
		CHECK_EQ(seen[i].counter, 5);
		CHECK(strcmp(seen[i].name, "initial") == 0);
		CHECK(seen[i].zeros_ok);
		CHECK(seen[i].aligned_ok);
		CHECK_EQ(seen[i].after, 1005);
		CHECK(seen[i].errno_ok);
		CHECK(seen[i].self_ok);
		distinct &= seen[i].where != (uintptr_t)&counter;
		for (int j = 0; j < i; j++)
			distinct &= seen[i].where != seen[j].where;
	}
	CHECK(distinct);

	section("main's copy is untouched by the threads");
	CHECK_EQ(counter, 100);
	CHECK(strcmp(name, "main") == 0);
	CHECK_EQ(zeros[0], -1);
	CHECK_EQ(zeros[16], 0);

	section("fork: the child has the forking thread's values");
	counter = 77;
	pid_t pid = fork();
	if (pid == 0)
		_exit(counter == 77 && strcmp(name, "main") == 0 ? 0 : 1);
	int st = -1;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_STATUS(st, EXITED(0));
	return check_done();
}
