/*
 * clone(2) as static glibc uses it, through the raw call:
 *   - like fork: CLONE_CHILD_SETTID writes the child's pid into the child's memory only,
 *     CLONE_PARENT_SETTID into the parent's;
 *   - CLONE_VM | CLONE_VFORK: the parent sleeps while the child runs in its memory (on
 *     pagewise and Linux a write by the child is seen by the parent; qemu-user copies the
 *     memory instead, so that check is pagewise's only);
 *   - a vfork child that kills its parent keeps running in the memory it borrowed, and every
 *     frame comes back when it exits (runtests counts them after each test);
 *   - Linux's own refusals: CLONE_THREAD without CLONE_SIGHAND, CLONE_SIGHAND without
 *     CLONE_VM are EINVAL; and pagewise's: what shares only part of a process (memory
 *     without being a thread or a vfork, a thread with descriptors of its own) or has an
 *     exit signal other than SIGCHLD is EINVAL there (Linux would make it, on this stack), and
 *     so is a thread asked for by a vfork child while it runs in its parent's memory.
 *     Threads themselves are tests/user/threads.c's.
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include "check.h"


/* The raw call, i386 argument order: flags, stack, parent_tid, tls, child_tid. With a stack
 * of 0 the child goes on on a copy of ours: only for clones that copy the memory. */
static long raw_clone(unsigned long flags, int *parent_tid, int *child_tid)
{
	return syscall(__NR_clone, flags, 0, parent_tid, 0, child_tid);
}

static volatile int shared_word;

/* clone(CLONE_VM | CLONE_VFORK | SIGCHLD) with the child on our stack, as vfork is: so the
 * child must not call or return, or it would overwrite the frames we sleep in. It stores 42
 * in shared_word and exits with status 5, in registers only; when kill_parent is set it first
 * sends SIGKILL to us, lets us die, and grows the heap and touches the new page. */
static long vfork_store(int kill_parent)
{
	long ret;
	__asm__ volatile("int $0x80\n\t"
			 "test %%eax, %%eax\n\t"
			 "jnz 2f\n\t"
			 "test %%edi, %%edi\n\t"
			 "jz 1f\n\t"
			 "movl %[getppid], %%eax\n\t"
			 "int $0x80\n\t"
			 "movl %%eax, %%ebx\n\t"
			 "movl $9, %%ecx\n\t"
			 "movl %[kill], %%eax\n\t"
			 "int $0x80\n\t"
			 "movl %[yield], %%eax\n\t"	/* let the parent die and drop its memory */
			 "int $0x80\n\t"
			 "movl %[brk], %%eax\n\t"	/* then use the memory: it must be ours now */
			 "movl $0, %%ebx\n\t"
			 "int $0x80\n\t"
			 "movl %%eax, %%ebx\n\t"
			 "addl $8192, %%ebx\n\t"
			 "movl %[brk], %%eax\n\t"
			 "int $0x80\n\t"
			 "movl $1, -4(%%eax)\n"		/* a fresh heap page: a fault in that memory */
			 "1:\tmovl $42, %[word]\n\t"
			 "movl %[exit], %%eax\n\t"
			 "movl $5, %%ebx\n\t"
			 "int $0x80\n"
			 "2:"
			 : "=a"(ret), [word] "=m"(shared_word)
			 : "a"(__NR_clone), "b"(SIGCHLD | CLONE_VM | CLONE_VFORK), "c"(0), "d"(0), "S"(0),
			   "D"(kill_parent), [getppid] "i"(__NR_getppid), [kill] "i"(__NR_kill),
			   [exit] "i"(__NR_exit), [yield] "i"(__NR_sched_yield), [brk] "i"(__NR_brk)
			 : "memory");
	return ret;
}

/* clone(CLONE_VM | CLONE_VFORK | SIGCHLD) whose child, on our stack and so in registers only
 * as vfork_store's, sets *flag to 1 (memory shared with whoever watches), sleeps for *ts,
 * sets it to 2 and exits with status 7: the parent waits that long in the call. */
static long vfork_sleep(volatile int *flag, const struct timespec *ts)
{
	long ret;
	__asm__ volatile("int $0x80\n\t"
			 "test %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "movl $1, (%%esi)\n\t"
			 "movl %[nanosleep], %%eax\n\t"
			 "movl %%edi, %%ebx\n\t"
			 "xorl %%ecx, %%ecx\n\t"
			 "int $0x80\n\t"
			 "movl $2, (%%esi)\n\t"
			 "movl %[exit], %%eax\n\t"
			 "movl $7, %%ebx\n\t"
			 "int $0x80\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(__NR_clone), "b"(SIGCHLD | CLONE_VM | CLONE_VFORK), "c"(0), "d"(0),
			   "S"(flag), "D"(ts), [nanosleep] "i"(__NR_nanosleep), [exit] "i"(__NR_exit)
			 : "memory");
	return ret;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void sleep_a_little(void)
{
	struct timespec ts = { 0, 10 * 1000000 };
	nanosleep(&ts, NULL);
}

/* A second thread that waits 300 ms in a vfork (vfork_sleep), and then for ever. */
static void *thread_vforks(void *flag)
{
	struct timespec nap = { 0, 300 * 1000000 };
	vfork_sleep(flag, &nap);
	for (;;)
		pause();
	return NULL;
}

static volatile int alarms;
static void on_alarm(int sig) { (void)sig; alarms++; }

/* A vfork child, in our memory, asks for a thread of its own; it exits with the error clone
 * gave it (negated), in registers only, as vfork_store. The thread would get thread_stack. */
static char thread_stack[4096] __attribute__((aligned(16)));
static char *thread_stack_top = thread_stack + sizeof thread_stack;

static long vfork_child_makes_thread(void)
{
	long ret;
	__asm__ volatile("int $0x80\n\t"
			 "test %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "movl %[clone], %%eax\n\t"
			 "movl %[tflags], %%ebx\n\t"
			 "movl %[stack], %%ecx\n\t"
			 "xorl %%edx, %%edx\n\t"
			 "int $0x80\n\t"
			 "negl %%eax\n\t"
			 "movl %%eax, %%ebx\n\t"
			 "movl %[exit], %%eax\n\t"
			 "int $0x80\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(__NR_clone), "b"(SIGCHLD | CLONE_VM | CLONE_VFORK), "c"(0), "d"(0), "S"(0),
			   "D"(0), [clone] "i"(__NR_clone), [exit] "i"(__NR_exit),
			   [tflags] "i"(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD),
			   [stack] "m"(thread_stack_top)
			 : "memory");
	return ret;
}

int main(int argc, char **argv)
{
	int st = 0;
	check_init(argc, argv);

	section("like fork: CLONE_CHILD_SETTID in the child's memory, PARENT_SETTID in ours");
	static int ptid, ctid;
	long pid = raw_clone(SIGCHLD | CLONE_CHILD_SETTID | CLONE_PARENT_SETTID, &ptid, &ctid);
	if (pid == 0)
		_exit(ctid == getpid() ? 0 : 1);
	CHECK(pid > 0);
	if (on_pagewise())			/* qemu-user leaves parent_tid alone */
		CHECK_EQ(ptid, pid);
	CHECK_EQ(ctid, 0);			/* the child's copy got it, ours did not */
	CHECK_EQ(waitpid((pid_t)pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	section("CLONE_VM | CLONE_VFORK: the child runs in our memory while we sleep");
	shared_word = 0;
	pid = vfork_store(0);
	CHECK(pid > 0);
	if (on_pagewise())
		CHECK_EQ(shared_word, 42);	/* written by the child, in our memory */
	CHECK_EQ(waitpid((pid_t)pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5);

	section("a vfork child kills its parent, and goes on in the memory it borrowed");
	pid_t middle = xfork();
	if (middle == 0) {
		vfork_store(1);
		_exit(1);			/* not reached: killed while asleep */
	}
	CHECK_EQ(waitpid(middle, &st, 0), middle);
	if (on_pagewise())
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	else	/* qemu-user's vfork is a fork: the parent may reach its _exit(1) first */
		CHECK((WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) || (WIFEXITED(st) && WEXITSTATUS(st) == 1));

	section("a signal with a handler does not cut a vfork's wait short");
	{
		static volatile int started;
		struct timespec t0, nap = { 0, 300 * 1000000 };
		struct sigaction sa = { .sa_handler = on_alarm };
		sigaction(SIGALRM, &sa, NULL);
		struct itimerval it = { { 0, 0 }, { 0, 50 * 1000 } };
		clock_gettime(CLOCK_MONOTONIC, &t0);
		CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
		pid = vfork_sleep(&started, &nap);
		long waited = ms_since(&t0);
		CHECK(pid > 0);
		if (on_pagewise())	/* qemu-user's vfork is a fork: it returns at once */
			CHECK(waited >= 280);
		while (!alarms)		/* the handler runs once the call is over */
			pause();
		CHECK_EQ(alarms, 1);
		CHECK_EQ(waitpid((pid_t)pid, &st, 0), pid);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	}

	section("SIGTERM ends a process at once, even while it waits for a vfork child");
	{
		volatile int *started = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		CHECK(started != MAP_FAILED);
		*started = 0;
		middle = xfork();
		if (middle == 0) {
			struct timespec nap = { 1, 0 };
			vfork_sleep(started, &nap);
			for (;;)	/* qemu-user: the "vfork" returned at once */
				pause();
		}
		while (!*started)
			sched_yield();
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		CHECK_EQ(kill(middle, SIGTERM), 0);
		CHECK_EQ(waitpid(middle, &st, 0), middle);
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
		CHECK(ms_since(&t0) < 700);	/* not after the child's second */
		while (*started != 2)		/* the child, now init's, goes on to its end */
			sleep_a_little();
		munmap((void *)started, 4096);
	}

	section("a stop is complete, and the parent told, once a thread in a vfork is back");
	{
		volatile int *started = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		CHECK(started != MAP_FAILED);
		*started = 0;
		middle = xfork();
		if (middle == 0) {
			pthread_t t;
			pthread_create(&t, NULL, thread_vforks, (void *)started);
			for (;;)
				pause();
		}
		while (!*started)
			sched_yield();
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		CHECK_EQ(kill(middle, SIGSTOP), 0);
		CHECK_EQ(waitpid(middle, &st, WUNTRACED), middle);
		CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
		if (on_pagewise())	/* qemu-user's vfork is a fork: nothing to wait for */
			CHECK(*started == 2 && ms_since(&t0) >= 200);
		CHECK_EQ(kill(middle, SIGKILL), 0);
		CHECK_EQ(waitpid(middle, &st, 0), middle);
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
		while (*started != 2)
			sleep_a_little();
		munmap((void *)started, 4096);
	}

	section("Linux's rules: a thread shares the handlers, shared handlers need shared memory");
	CHECK_ERR(raw_clone(CLONE_VM | CLONE_THREAD, NULL, NULL), EINVAL);
	CHECK_ERR(raw_clone(SIGCHLD | CLONE_SIGHAND, NULL, NULL), EINVAL);

	if (on_pagewise()) {	/* on Linux these would make processes or threads on this stack */
		section("half-shared processes and threads, other exit signals: EINVAL here");
		CHECK_ERR(raw_clone(SIGCHLD | CLONE_VM, NULL, NULL), EINVAL);
		CHECK_ERR(raw_clone(SIGCHLD | CLONE_FILES, NULL, NULL), EINVAL);
		CHECK_ERR(raw_clone(CLONE_VM | CLONE_FS | CLONE_SIGHAND | CLONE_THREAD, NULL, NULL), EINVAL);
		CHECK_ERR(raw_clone(SIGUSR1, NULL, NULL), EINVAL);

		section("a vfork child still in our memory cannot make threads there: EINVAL");
		pid = vfork_child_makes_thread();
		CHECK(pid > 0);
		CHECK_EQ(waitpid((pid_t)pid, &st, 0), pid);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == EINVAL);
	}
	return check_done();
}
