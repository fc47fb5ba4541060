/*
 * What tests of Linux threads need without pthreads (threads.c, futex.c): system calls made
 * with int $0x80 directly (sys()), futex(), threads started with raw clone(2) on a stack of
 * their own as glibc's pthread_create starts them (spawn, join), and waits that end at a
 * deadline (wait_zero, reach, park and release).
 *
 * Raw calls, not libc's threads: these tests are of the kernel's side (pthreads.c tests
 * libc's), and nothing of libc may stand between them and the calls. So a thread calls only
 * what is here, leaves what it saw in memory, and the main thread alone checks and prints. Every wait ends by WAIT_LIMIT_MS
 * (10 s) at the latest, so a kernel that loses a wake-up fails a check instead of hanging
 * the test.
 *
 * Everything is static inline: each test uses part of it, and -Werror would refuse an
 * unused static function.
 */
#ifndef THREADS_H
#define THREADS_H

#include <asm/ldt.h>
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

/* What glibc's pthread_create passes on i386, CLONE_SETTLS aside (spawn_tls adds it). */
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

#define PRIVATE(op) ((op) | FUTEX_PRIVATE_FLAG)

#define STACK_SIZE (64 * 1024)

/* ---- system calls without libc ---- */

/* A system call with six arguments (ebx, ecx, edx, esi, edi, ebp): the kernel's result,
 * -errno on failure. A function of its own, since inline asm cannot hand out %ebp. The
 * symbol is local to the test's object (no .globl), like a static function. */
long raw6(long nr, long a, long b, long c, long d, long e, long f);
__asm__(".text\n"
	".type raw6, @function\n"
	"raw6:\n\t"
	"pushl %ebp\n\t"
	"pushl %edi\n\t"
	"pushl %esi\n\t"
	"pushl %ebx\n\t"
	"movl 20(%esp), %eax\n\t"
	"movl 24(%esp), %ebx\n\t"
	"movl 28(%esp), %ecx\n\t"
	"movl 32(%esp), %edx\n\t"
	"movl 36(%esp), %esi\n\t"
	"movl 40(%esp), %edi\n\t"
	"movl 44(%esp), %ebp\n\t"
	"int $0x80\n\t"
	"popl %ebx\n\t"
	"popl %esi\n\t"
	"popl %edi\n\t"
	"popl %ebp\n\t"
	"ret\n\t"
	".size raw6, . - raw6\n");
#define sys(...) sys_(__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define sys_(nr, a, b, c, d, e, f, ...) \
	raw6((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

static inline long futex(volatile int *word, int op, int val, const void *timeout,
			 volatile int *word2, int val3)
{
	return sys(__NR_futex, word, op, val, timeout, word2, val3);
}

static inline long clock_ms(void)
{
	struct timespec t;
	sys(__NR_clock_gettime, CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static inline struct timespec ms_ts(long ms)
{
	return (struct timespec){ ms / 1000, ms % 1000 * 1000000L };
}

/* An absolute time ms from now on clock (ms may be negative: a deadline already passed). */
static inline struct timespec after_ms(int clock, long ms)
{
	struct timespec t;
	sys(__NR_clock_gettime, clock, &t);
	long long ns = t.tv_nsec + ms * 1000000LL;
	long long sec = t.tv_sec + ns / 1000000000;
	ns %= 1000000000;
	if (ns < 0) {
		ns += 1000000000;
		sec--;
	}
	return (struct timespec){ (time_t)sec, (long)ns };
}

static inline void sleep_ms(long ms)
{
	struct timespec t = ms_ts(ms);
	sys(__NR_nanosleep, &t, NULL);
}

/* ---- waiting, always with a deadline ---- */

/* What a test waits for comes in milliseconds; the limit only ends a wait that would never
 * end (a lost wake-up), and is long because a busy machine under qemu-user can hold a
 * process back for seconds. */
#define WAIT_LIMIT_MS 10000

/*
 * Sleep until *word is 0, on the futex, as pthread_join sleeps on a thread's tid (a shared
 * futex: that is the kind the kernel wakes at a thread's end). Sleeps are short and a kernel
 * without futex is polled, so this ends at the deadline whatever happens: 0, or -1.
 */
static inline int wait_zero(volatile int *word)
{
	long deadline = clock_ms() + WAIT_LIMIT_MS;
	int v;

	while ((v = *word) != 0) {
		if (clock_ms() > deadline)
			return -1;
		struct timespec t = ms_ts(20);
		long r = futex(word, FUTEX_WAIT, v, &t, NULL, 0);
		if (r != 0 && r != -EAGAIN && r != -ETIMEDOUT && r != -EINTR)
			sleep_ms(1);
	}
	return 0;
}

/* Poll until *v is want, for at most WAIT_LIMIT_MS: how the main thread learns where a thread got to. */
static inline int reach(volatile int *v, int want)
{
	long deadline = clock_ms() + WAIT_LIMIT_MS;

	while (*v != want && clock_ms() < deadline)
		sleep_ms(1);
	return *v == want;
}

/* A thread waits here for the main thread's release(): a flag, a futex on it, a deadline. */
static inline void park(volatile int *flag)
{
	long deadline = clock_ms() + WAIT_LIMIT_MS;

	while (!*flag && clock_ms() < deadline) {
		struct timespec t = ms_ts(20);
		if (futex(flag, PRIVATE(FUTEX_WAIT), 0, &t, NULL, 0) == -ENOSYS)
			sleep_ms(1);
	}
}

static inline void release(volatile int *flag)
{
	*flag = 1;
	futex(flag, PRIVATE(FUTEX_WAKE), INT_MAX, NULL, NULL, 0);
}

/* ---- starting and joining threads ---- */

/*
 * clone(2) in i386 argument order: flags, stack, parent_tid, tls, child_tid. The new thread
 * starts with nothing of ours but its stack pointer, so fn and arg wait for it on its stack:
 * it pops fn, calls it with arg (at a 16-byte boundary, as the i386 System V ABI wants at a
 * call), and ends with exit, the end of this one thread (not exit_group), with fn's value.
 */
static inline long clone_thread(unsigned long flags, char *stack_top, volatile int *parent_tid,
				struct user_desc *tls, volatile int *child_tid, int (*fn)(void *),
				void *arg)
{
	void **sp = (void **)(((uintptr_t)stack_top & ~(uintptr_t)15) - 16);
	long ret;

	sp[0] = arg;
	sp[-1] = (void *)fn;
	__asm__ volatile("int $0x80\n\t"
			 "testl %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "xorl %%ebp, %%ebp\n\t"	/* the outermost frame, for backtraces */
			 "popl %%eax\n\t"
			 "call *%%eax\n\t"
			 "movl %%eax, %%ebx\n\t"
			 "movl %[exit], %%eax\n\t"
			 "int $0x80\n\t"
			 "hlt\n"			/* not reached */
			 "1:"
			 : "=a"(ret)
			 : "a"(__NR_clone), "b"(flags), "c"(sp - 1), "d"(parent_tid), "S"(tls),
			   "D"(child_tid), [exit] "i"(__NR_exit)
			 : "memory", "cc");
	return ret;
}

struct thread {
	volatile int tid;	/* CLONE_PARENT_SETTID writes it, CLONE_CHILD_CLEARTID zeroes it */
	char *stack;
};

/* Start fn(arg) in a thread on a stack of its own, as pthread_create does; its tid or -errno. */
static inline long spawn_tls(struct thread *t, int (*fn)(void *), void *arg, struct user_desc *tls)
{
	t->tid = -1;
	t->stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (t->stack == MAP_FAILED)
		return -ENOMEM;
	long r = clone_thread(THREAD_FLAGS | (tls ? CLONE_SETTLS : 0), t->stack + STACK_SIZE,
			      &t->tid, tls, &t->tid, fn, arg);
	if (r < 0) {
		munmap(t->stack, STACK_SIZE);
		t->tid = 0;
	}
	return r;
}

static inline long spawn(struct thread *t, int (*fn)(void *), void *arg)
{
	return spawn_tls(t, fn, arg, NULL);
}

/* pthread_join: wait for the kernel to zero the tid word. Then the stack can go, since the
 * thread left it before the kernel wrote; after a time-out it stays. 0, or -1. */
static inline int join(struct thread *t)
{
	if (wait_zero(&t->tid) != 0)
		return -1;
	munmap(t->stack, STACK_SIZE);
	return 0;
}

#endif
