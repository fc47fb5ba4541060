/*
 * Threads as Linux makes them, through the raw calls (clone(2), futex(2), set_tid_address(2),
 * tgkill(2), exit_group(2)), with the clone flags glibc's pthread_create passes on i386:
 * CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
 * CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID.
 *
 *   - a thread shares our memory, descriptors, working directory and signal handlers; it has
 *     a tid of its own, our pid, and its own TLS segment (CLONE_SETTLS);
 *   - at a thread's end the kernel zeroes the CLONE_CHILD_CLEARTID word (or the one
 *     set_tid_address named) and wakes it: all pthread_join waits for;
 *   - futex: WAIT and WAKE (with counts), WAIT_BITSET and WAKE_BITSET, REQUEUE and
 *     CMP_REQUEUE, private and shared, time-outs relative and absolute on either clock,
 *     futex_time64, and the errors; a futex lock that keeps a counter exact under 4 threads;
 *   - signals: tgkill and tkill reach the thread named, kill reaches a thread that does not
 *     block the signal, a fatal one ends every thread;
 *   - a process ends with exit_group from any thread, or with the exit of its last thread:
 *     wait4 reports nothing while one is left, even when the leader is gone;
 *   - fork in a thread makes a process of one thread; execve in one replaces them all and
 *     keeps the pid.
 *
 * Threads make their system calls through sys() below, never libc: libc's errno is one
 * global (the library is single-threaded) and its stdio takes no locks. So threads leave
 * what they saw in memory, and only the main thread checks and prints. Every wait has a
 * deadline, so a kernel that loses a wake-up fails a check instead of hanging the test.
 */
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "check.h"

/* Linux's i386 numbers, for calls kernel/syscalls.tbl may not list yet. */
#ifndef __NR_futex
#define __NR_futex 240
#endif
#ifndef __NR_futex_time64
#define __NR_futex_time64 422
#endif

#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_THREAD         0x00010000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

/* linux/futex.h */
#define FUTEX_WAIT            0
#define FUTEX_WAKE            1
#define FUTEX_REQUEUE         3
#define FUTEX_CMP_REQUEUE     4
#define FUTEX_WAIT_BITSET     9
#define FUTEX_WAKE_BITSET     10
#define FUTEX_PRIVATE_FLAG    128
#define FUTEX_CLOCK_REALTIME  256
#define FUTEX_BITSET_MATCH_ANY (-1)
#define PRIVATE(op) ((op) | FUTEX_PRIVATE_FLAG)

#define STACK_SIZE (64 * 1024)
#define TLS_ENTRY_MIN 6		/* the first GDT entry set_thread_area gives out */

struct user_desc {
	uint32_t entry_number, base_addr, limit;
	uint32_t seg_32bit : 1, contents : 2, read_exec_only : 1, limit_in_pages : 1,
		 seg_not_present : 1, useable : 1;
};

/* futex_time64 reads this one; the old futex call reads struct timespec (32-bit time_t). */
struct timespec64 {
	long long tv_sec, tv_nsec;
};

/* ---- system calls without libc ---- */

/* A system call with six arguments (ebx, ecx, edx, esi, edi, ebp): the kernel's result,
 * -errno on failure. A function of its own, since inline asm cannot hand out %ebp. */
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

static long futex(volatile int *word, int op, int val, const void *timeout, volatile int *word2, int val3)
{
	return sys(__NR_futex, word, op, val, timeout, word2, val3);
}

static long clock_ms(void)
{
	struct timespec t;
	sys(__NR_clock_gettime, CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static struct timespec ms_ts(long ms)
{
	return (struct timespec){ ms / 1000, ms % 1000 * 1000000L };
}

/* An absolute time ms from now on clock (ms may be negative: a deadline already passed). */
static struct timespec after_ms(int clock, long ms)
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

static void sleep_ms(long ms)
{
	struct timespec t = ms_ts(ms);
	sys(__NR_nanosleep, &t, NULL);
}

/*
 * Sleep until *word is 0, on the futex, as pthread_join sleeps on a thread's tid (a shared
 * futex: that is the kind the kernel wakes at a thread's end). Sleeps are short and a kernel
 * without futex is polled, so this ends at the 3 s deadline whatever happens: 0, or -1.
 */
static int wait_zero(volatile int *word)
{
	long deadline = clock_ms() + 3000;
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

/* Poll until *v is want, for at most 3 s: how the main thread learns where a thread got to. */
static int reach(volatile int *v, int want)
{
	long deadline = clock_ms() + 3000;

	while (*v != want && clock_ms() < deadline)
		sleep_ms(1);
	return *v == want;
}

/* A thread waits here for the main thread's release(): a flag, a futex on it, a deadline. */
static void park(volatile int *flag)
{
	long deadline = clock_ms() + 3000;

	while (!*flag && clock_ms() < deadline) {
		struct timespec t = ms_ts(20);
		if (futex(flag, PRIVATE(FUTEX_WAIT), 0, &t, NULL, 0) == -ENOSYS)
			sleep_ms(1);
	}
}

static void release(volatile int *flag)
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
static long clone_thread(unsigned long flags, char *stack_top, volatile int *parent_tid,
			 struct user_desc *tls, volatile int *child_tid, int (*fn)(void *), void *arg)
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
static long spawn_tls(struct thread *t, int (*fn)(void *), void *arg, struct user_desc *tls)
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

static long spawn(struct thread *t, int (*fn)(void *), void *arg)
{
	return spawn_tls(t, fn, arg, NULL);
}

/* pthread_join: wait for the kernel to zero the tid word. Then the stack can go, since the
 * thread left it before the kernel wrote; after a time-out it stays. 0, or -1. */
static int join(struct thread *t)
{
	if (wait_zero(&t->tid) != 0)
		return -1;
	munmap(t->stack, STACK_SIZE);
	return 0;
}

/* ---- in forked children: how they end, and what their parent sees ---- */

#define EXITED(code) ((code) << 8)
#define KILLED(sig) (sig)

/* A forked child's main thread sleeps here while a thread decides how the process ends;
 * getting to the end means the process outlived what should have ended it. */
static void linger(void)
{
	for (int i = 0; i < 200; i++)
		sleep_ms(10);
	_exit(1);
}

/* The child's wait status (the core-dump bit aside: whether a core is written is the host's
 * business), or -1 when it was still running after 3 s (then it is killed). */
static int reap(pid_t pid)
{
	long deadline = clock_ms() + 3000;
	int st = 0;
	pid_t r;

	while ((r = waitpid(pid, &st, WNOHANG)) == 0 && clock_ms() < deadline)
		sleep_ms(2);
	if (r == pid)
		return st & ~0x80;
	if (r == 0) {
		printf("     pid %d still running after 3 s: killed\n", (int)pid);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	return -1;
}

#define CHECK_STATUS(got, want) do {                                                      \
	int got_ = (got), want_ = (want);                                                \
	check_at(got_ == want_, #got " is " #want, __FILE__, __LINE__);                  \
	if (got_ != want_) {                                                             \
		printf("     got %s", status_text(got_));                               \
		printf(", want %s\n", status_text(want_));                              \
	}                                                                                \
} while (0)

/* qemu-user reports a guest's fatal signal on stderr; the verdict is the wait status. */
static void quiet_stderr(void)
{
	int fd = open("/dev/null", O_WRONLY);
	if (fd >= 0)
		dup2(fd, 2);
}

/* ---- the checks, in the order a kernel would get them working ---- */

static volatile int shared_global;

struct ids {
	int tid, pid;
	volatile int release;
};

static int note_ids(void *arg)
{
	struct ids *ids = arg;

	ids->tid = sys(__NR_gettid);
	ids->pid = sys(__NR_getpid);
	shared_global = 42;
	/* Stay, so the creator reads PARENT_SETTID's tid before CHILD_CLEARTID zeroes it. This
	 * first check polls instead of using futex, so it means something without futex. */
	while (!ids->release)
		sys(__NR_sched_yield);
	return 0;
}

static void same_memory(void)
{
	static struct ids ids;
	struct thread t;

	section("a thread runs in our memory, with its own tid and our pid; PARENT_SETTID gave us its tid");
	long tid = spawn(&t, note_ids, &ids);
	CHECK(tid > 0);
	if (tid <= 0)
		return;
	CHECK(reach(&shared_global, 42));
	CHECK_EQ(t.tid, tid);
	ids.release = 1;
	CHECK_EQ(join(&t), 0);
	CHECK_EQ(ids.tid, tid);
	CHECK_EQ(ids.pid, getpid());
	CHECK(tid != getpid());
	CHECK_EQ(sys(__NR_gettid), getpid());	/* the first thread's tid is the pid */
}

static int nap_then_exit(void *arg)
{
	(void)arg;
	sleep_ms(30);
	return 3;
}

struct moved {
	volatile int word;
	long ret;
};

static int move_cleartid(void *arg)
{
	struct moved *m = arg;

	m->word = sys(__NR_gettid);
	m->ret = sys(__NR_set_tid_address, &m->word);
	return 0;
}

static void thread_end(void)
{
	static struct moved m;
	struct thread t;
	long tid;

	section("CLONE_CHILD_CLEARTID: exit zeroes the tid word and wakes FUTEX_WAIT on it (pthread_join)");
	tid = spawn(&t, nap_then_exit, NULL);
	CHECK(tid > 0);
	if (tid > 0) {
		long start = clock_ms();
		struct timespec two_s = ms_ts(2000);
		long r = futex(&t.tid, FUTEX_WAIT, (int)tid, &two_s, NULL, 0);
		CHECK(r == 0 || r == -EAGAIN);	/* woken, or it ended before we slept */
		CHECK_EQ(t.tid, 0);
		CHECK(clock_ms() - start < 1500);
		if (t.tid == 0)
			munmap(t.stack, STACK_SIZE);
		CHECK_EQ(sys(__NR_gettid), getpid());	/* and we go on: exit ended the thread only */
	}
	/* glibc's pthread_join itself sleeps with WAIT_BITSET on the realtime clock (no
	 * time-out there; a deadline here): the kernel's wake must reach bitset waiters too. */
	tid = spawn(&t, nap_then_exit, NULL);
	CHECK(tid > 0);
	if (tid > 0) {
		struct timespec deadline = after_ms(CLOCK_REALTIME, 2000);
		long r = futex(&t.tid, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, (int)tid, &deadline,
			       NULL, FUTEX_BITSET_MATCH_ANY);
		CHECK(r == 0 || r == -EAGAIN);
		CHECK_EQ(t.tid, 0);
		if (t.tid == 0)
			munmap(t.stack, STACK_SIZE);
	}

	section("set_tid_address moves the word the kernel zeroes at the thread's end");
	m.word = -1;
	tid = spawn(&t, move_cleartid, &m);
	CHECK(tid > 0);
	if (tid <= 0)
		return;
	CHECK_EQ(wait_zero(&m.word), 0);
	CHECK_EQ(m.ret, tid);			/* set_tid_address returns the caller's tid */
	CHECK_EQ(t.tid, tid);			/* the first word is left alone */
	if (m.word == 0)
		munmap(t.stack, STACK_SIZE);
}

/* A call that must time out, not before its 20 ms, and not much later. */
#define CHECK_TIMES_OUT(call) do {                                                        \
	long t0_ = clock_ms();                                                            \
	CHECK_EQ((call), -ETIMEDOUT);                                                     \
	long took_ = clock_ms() - t0_;                                                    \
	check_at(took_ >= 19 && took_ < 1000, #call " took 19 ms to 1 s", __FILE__, __LINE__); \
	if (took_ < 19 || took_ >= 1000)                                                  \
		printf("     took %ld ms\n", took_);                                        \
} while (0)

static void futex_answers(void)
{
	static int word, pair[2];
	struct timespec bad = { 0, 1000000000 }, rel = ms_ts(20), abs;
	struct timespec64 rel64 = { 0, 20000000 };

	/* Values that do not match, so that a kernel missing a check answers instead of sleeping. */
	section("futex: EAGAIN when the word changed; EFAULT, EINVAL, ENOSYS; WAKE with nobody waiting");
	char *gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(gone, 4096);
	CHECK_EQ(futex(&word, FUTEX_WAIT, 1, NULL, NULL, 0), -EAGAIN);
	CHECK_EQ(futex(&word, PRIVATE(FUTEX_WAIT), 1, NULL, NULL, 0), -EAGAIN);
	CHECK_EQ(futex((int *)gone, FUTEX_WAIT, 0, NULL, NULL, 0), -EFAULT);
	CHECK_EQ(futex((int *)((char *)pair + 1), FUTEX_WAIT, 1, NULL, NULL, 0), -EINVAL);
	CHECK_EQ(futex(&word, FUTEX_WAIT, 1, &bad, NULL, 0), -EINVAL);	/* tv_nsec of 1 s */
	CHECK_EQ(futex(&word, FUTEX_WAIT_BITSET, 1, NULL, NULL, 0), -EINVAL);	/* an empty bitset */
	CHECK_EQ(futex(&word, 63, 0, NULL, NULL, 0), -ENOSYS);
	CHECK_EQ(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), -ENOSYS);
	CHECK_EQ(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0), 0);
	CHECK_EQ(futex(&word, PRIVATE(FUTEX_WAKE), INT_MAX, NULL, NULL, 0), 0);

	section("futex time-outs: 20 ms relative (futex, futex_time64), absolute (either clock)");
	CHECK_TIMES_OUT(futex(&word, FUTEX_WAIT, 0, &rel, NULL, 0));
	CHECK_TIMES_OUT(sys(__NR_futex_time64, &word, PRIVATE(FUTEX_WAIT), 0, &rel64, 0, 0));
	abs = after_ms(CLOCK_MONOTONIC, 20);
	CHECK_TIMES_OUT(futex(&word, PRIVATE(FUTEX_WAIT_BITSET), 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY));
	abs = after_ms(CLOCK_REALTIME, 20);
	CHECK_TIMES_OUT(futex(&word, PRIVATE(FUTEX_WAIT_BITSET) | FUTEX_CLOCK_REALTIME, 0, &abs, NULL,
			      FUTEX_BITSET_MATCH_ANY));
	abs = after_ms(CLOCK_MONOTONIC, -1000);
	long t0 = clock_ms();
	CHECK_EQ(futex(&word, FUTEX_WAIT_BITSET, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY), -ETIMEDOUT);
	CHECK(clock_ms() - t0 < 500);		/* a deadline already passed: at once */
}

/* ---- futex with waiters ---- */

static volatile int asleep, woken;	/* waiters that got to their call, and back from it */

struct waiter {
	volatile int *word;
	int op, bitset;
	struct timespec timeout;	/* 2 s (absolute for WAIT_BITSET): a lost wake fails, no hang */
	long ret;
};

static int wait_on_word(void *arg)
{
	struct waiter *w = arg;

	__atomic_fetch_add(&asleep, 1, __ATOMIC_SEQ_CST);
	w->ret = futex(w->word, w->op, 0, &w->timeout, NULL, w->bitset);
	__atomic_fetch_add(&woken, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* Start n waiters on word; n once all are asleep in the kernel (as far as we can tell), else -1. */
static int start_waiters(struct thread *t, struct waiter *w, int n, volatile int *word, int op,
			 int bitset)
{
	asleep = woken = 0;
	for (int i = 0; i < n; i++) {
		w[i] = (struct waiter){ word, op, bitset, ms_ts(2000), -1 };	/* -1: not back */
		if ((op & ~FUTEX_PRIVATE_FLAG) == FUTEX_WAIT_BITSET)
			w[i].timeout = after_ms(CLOCK_MONOTONIC, 2000);
		if (spawn(&t[i], wait_on_word, &w[i]) <= 0)
			return -1;
	}
	if (!reach(&asleep, n))
		return -1;
	sleep_ms(30);	/* counted just before the call: give the last one time to make it */
	return n;
}

/* Join n waiters; how many of them were woken (their FUTEX_WAIT returned 0). */
static int join_waiters(struct thread *t, struct waiter *w, int n)
{
	int ok = 0;

	for (int i = 0; i < n; i++)
		if (join(&t[i]) == 0 && w[i].ret == 0)
			ok++;
	return ok;
}

static void futex_wakes(void)
{
	static int word, a, b;
	static struct waiter w[3];
	struct thread t[3];
	int started;

	section("FUTEX_WAKE wakes as many as asked and says how many: 1 of 3 waiters, then 2");
	started = start_waiters(t, w, 3, &word, FUTEX_WAIT, 0);
	CHECK_EQ(started, 3);
	if (started != 3)
		return;
	CHECK_EQ(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0), 1);
	CHECK(reach(&woken, 1));
	sleep_ms(20);
	CHECK_EQ(woken, 1);
	CHECK_EQ(futex(&word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), 2);
	CHECK_EQ(join_waiters(t, w, 3), 3);

	section("FUTEX_WAKE_BITSET wakes a waiter only when their bitsets meet");
	started = start_waiters(t, w, 1, &word, PRIVATE(FUTEX_WAIT_BITSET), 1);
	CHECK_EQ(started, 1);
	if (started != 1)
		return;
	CHECK_EQ(futex(&word, PRIVATE(FUTEX_WAKE_BITSET), INT_MAX, NULL, NULL, 2), 0);
	CHECK_EQ(futex(&word, PRIVATE(FUTEX_WAKE_BITSET), INT_MAX, NULL, NULL, 3), 1);
	CHECK_EQ(join_waiters(t, w, 1), 1);

	/* Linux returns woken + moved for both (kernel/futex/requeue.c, futex_requeue). The
	 * count to move goes where the time-out would be. */
	section("FUTEX_CMP_REQUEUE and FUTEX_REQUEUE move waiters to another word");
	started = start_waiters(t, w, 3, &a, PRIVATE(FUTEX_WAIT), 0);
	CHECK_EQ(started, 3);
	if (started != 3)
		return;
	CHECK_EQ(futex(&a, PRIVATE(FUTEX_CMP_REQUEUE), 1, (void *)INT_MAX, &b, 1), -EAGAIN);	/* a is 0 */
	CHECK_EQ(futex(&a, PRIVATE(FUTEX_REQUEUE), 0, (void *)1, &b, 0), 1);		/* moves 1 */
	CHECK_EQ(futex(&a, PRIVATE(FUTEX_CMP_REQUEUE), 1, (void *)INT_MAX, &b, 0), 2);	/* wakes 1, moves 1 */
	CHECK(reach(&woken, 1));
	sleep_ms(20);
	CHECK_EQ(woken, 1);
	CHECK_EQ(futex(&a, PRIVATE(FUTEX_WAKE), INT_MAX, NULL, NULL, 0), 0);	/* nobody left on a */
	CHECK_EQ(futex(&b, PRIVATE(FUTEX_WAKE), INT_MAX, NULL, NULL, 0), 2);
	CHECK_EQ(join_waiters(t, w, 3), 3);
}

/*
 * A lock as "Futexes Are Tricky" (Drepper, 2011) builds it: 0 free, 1 taken, 2 taken and
 * someone may sleep on it; only an unlock that finds 2 makes a system call.
 */
static void lock(volatile int *m)
{
	int c = 0;

	if (__atomic_compare_exchange_n(m, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		futex(m, PRIVATE(FUTEX_WAIT), 2, NULL, NULL, 0);
		c = __atomic_exchange_n(m, 2, __ATOMIC_ACQUIRE);
	}
}

static void unlock(volatile int *m)
{
	if (__atomic_fetch_sub(m, 1, __ATOMIC_RELEASE) != 1) {
		__atomic_store_n(m, 0, __ATOMIC_RELEASE);
		futex(m, PRIVATE(FUTEX_WAKE), 1, NULL, NULL, 0);
	}
}

static volatile int counter_lock, counter, go;

static int add_many(void *arg)
{
	(void)arg;
	park(&go);	/* all together, so that they meet at the lock */
	for (int i = 0; i < 10000; i++) {
		lock(&counter_lock);
		int v = counter;	/* read, dawdle, write: only the lock keeps others out */
		for (volatile int spin = 0; spin < 20; spin++)
			;
		counter = v + 1;
		unlock(&counter_lock);
	}
	return 0;
}

static void futex_lock(void)
{
	struct thread t[4];
	int started = 0, joined = 0;

	section("a futex lock keeps a counter exact: 4 threads add 1 10000 times each");
	counter = go = 0;
	for (int i = 0; i < 4; i++)
		if (spawn(&t[i], add_many, NULL) > 0)
			started++;
	CHECK_EQ(started, 4);
	release(&go);
	for (int i = 0; i < started; i++)
		joined += join(&t[i]) == 0;
	CHECK_EQ(joined, started);
	CHECK_EQ(counter, 10000 * started);
	CHECK_EQ(counter_lock, 0);
}

/* ---- what threads share besides memory ---- */

struct fds {
	int pipe_w, made[2];
	long wrote, closed, chdir;
};

static int use_fds(void *arg)
{
	struct fds *f = arg;

	f->wrote = sys(__NR_write, f->pipe_w, "ping", 4);
	if (sys(__NR_pipe, f->made) == 0)
		sys(__NR_write, f->made[1], "pong", 4);
	f->closed = sys(__NR_close, f->pipe_w);
	f->chdir = sys(__NR_chdir, "/");
	return 0;
}

static void shared_tables(void)
{
	static struct fds f;
	struct thread t;
	char buf[8] = "", cwd[256], now[256];
	int p[2];

	section("threads share descriptors (CLONE_FILES) and the working directory (CLONE_FS)");
	CHECK_EQ(pipe(p), 0);
	CHECK(getcwd(cwd, sizeof cwd) != NULL);
	f = (struct fds){ .pipe_w = p[1], .made = { -1, -1 } };
	long tid = spawn(&t, use_fds, &f);
	CHECK(tid > 0);
	if (tid <= 0 || join(&t) != 0)
		return;
	CHECK_EQ(f.wrote, 4);
	CHECK(read(p[0], buf, 4) == 4 && memcmp(buf, "ping", 4) == 0);
	CHECK_EQ(f.closed, 0);
	CHECK_ERR(write(p[1], "x", 1), EBADF);		/* the thread closed it for us too */
	CHECK(f.made[0] >= 0);
	CHECK(read(f.made[0], buf, 4) == 4 && memcmp(buf, "pong", 4) == 0);	/* its pipe is ours */
	close(f.made[0]);
	close(f.made[1]);
	close(p[0]);
	CHECK_EQ(f.chdir, 0);
	CHECK(getcwd(now, sizeof now) != NULL && strcmp(now, "/") == 0);
	CHECK_EQ(chdir(cwd), 0);	/* back: data_path may be relative to it */
}

static volatile int handled_by;	/* the tid the handler ran in */

static void note_tid(int sig)
{
	(void)sig;
	handled_by = sys(__NR_gettid);
}

struct target {
	volatile int ready, done;
	int unblock;	/* a signal to unblock first (the mask is per thread), or 0 */
	long set;
};

/* Install note_tid for SIGUSR1 (libc's sigaction sets errno only on failure), then wait. */
static int handle_and_wait(void *arg)
{
	struct target *s = arg;
	struct sigaction sa = { .sa_handler = note_tid };
	unsigned long mask[2] = { 0, 0 };

	s->set = sigaction(SIGUSR1, &sa, NULL);
	if (s->unblock) {
		mask[0] = 1UL << (s->unblock - 1);
		s->set |= sys(__NR_rt_sigprocmask, SIG_UNBLOCK, mask, NULL, sizeof mask);
	}
	s->ready = 1;
	park(&s->done);
	return 0;
}

static void thread_signals(void)
{
	static struct target s;
	struct thread t;
	sigset_t usr2, pending;
	long tid;

	section("tgkill and tkill run the handler in the thread named; a thread's sigaction is ours");
	handled_by = 0;
	s = (struct target){ 0 };
	tid = spawn(&t, handle_and_wait, &s);
	CHECK(tid > 0);
	if (tid > 0) {
		CHECK(reach(&s.ready, 1));
		CHECK_EQ(s.set, 0);
		CHECK_EQ(sys(__NR_tgkill, getpid(), tid, SIGUSR1), 0);
		CHECK(reach(&handled_by, (int)tid));
		handled_by = 0;
		CHECK_EQ(sys(__NR_tkill, tid, SIGUSR1), 0);
		CHECK(reach(&handled_by, (int)tid));
		handled_by = 0;
		CHECK_EQ(sys(__NR_tgkill, getpid(), getpid(), SIGUSR1), 0);
		CHECK_EQ(handled_by, getpid());		/* ours: run before tgkill returned */
		/* Signal 0 only asks whether the thread is there, and in our group: our parent is
		 * not (and gets nothing, should a kernel get that wrong). */
		CHECK_EQ(sys(__NR_tgkill, getpid(), tid, 0), 0);
		CHECK_EQ(sys(__NR_tgkill, getpid(), getppid(), 0), -ESRCH);
		release(&s.done);
		CHECK_EQ(join(&t), 0);
	}

	/* Linux picks a thread that does not block it (kernel/signal.c, complete_signal). */
	section("kill to the process runs the handler in a thread that does not block the signal");
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	signal(SIGUSR2, note_tid);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	handled_by = 0;
	s = (struct target){ .unblock = SIGUSR2 };
	tid = spawn(&t, handle_and_wait, &s);
	CHECK(tid > 0);
	if (tid > 0) {
		CHECK(reach(&s.ready, 1));
		CHECK_EQ(s.set, 0);
		CHECK_EQ(kill(getpid(), SIGUSR2), 0);
		CHECK(reach(&handled_by, (int)tid));
		CHECK(sigpending(&pending) == 0 && !sigismember(&pending, SIGUSR2));
		release(&s.done);
		CHECK_EQ(join(&t), 0);
	}
	sigprocmask(SIG_UNBLOCK, &usr2, NULL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* ---- how a process of threads ends, forks and execs ---- */

static int exit_group_7(void *arg)
{
	(void)arg;
	sys(__NR_exit_group, 7);
	return 1;
}

static int write_to_null(void *arg)
{
	int *volatile p = arg;	/* volatile: the compiler would make a known NULL store a trap */

	*p = 1;
	return 1;
}

static int sleep_then_exit_group(void *arg)
{
	(void)arg;
	sleep_ms(2000);
	sys(__NR_exit_group, 1);
	return 1;
}

struct lingerer {
	volatile int leader;	/* the leader's set_tid_address word: 0 once it has gone */
	int pid, to_parent, from_parent;
};

/* Outlive the leader: tell the parent once it has gone, wait until the parent has looked,
 * then end the process with 9 (10 if our pid changed meanwhile). */
static int outlive_leader(void *arg)
{
	struct lingerer *l = arg;
	char c = wait_zero(&l->leader) == 0 ? 'x' : 't';

	sys(__NR_write, l->to_parent, &c, 1);
	sys(__NR_read, l->from_parent, &c, 1);
	sys(__NR_exit_group, sys(__NR_getpid) == l->pid ? 9 : 10);
	return 1;
}

static void process_ends(void)
{
	struct thread t;
	pid_t pid;
	int up[2], down[2];
	char c = 0;

	section("exit_group in a thread ends the process, the sleeping main thread too");
	pid = xfork();
	if (pid == 0) {
		if (spawn(&t, exit_group_7, NULL) <= 0)
			_exit(2);
		linger();
	}
	CHECK_STATUS(reap(pid), EXITED(7));

	section("a fault in a thread kills the whole process (SIGSEGV)");
	pid = xfork();
	if (pid == 0) {
		quiet_stderr();
		if (spawn(&t, write_to_null, NULL) <= 0)
			_exit(2);
		linger();
	}
	CHECK_STATUS(reap(pid), KILLED(SIGSEGV));

	section("kill with a default action ends every thread of the process (SIGTERM)");
	CHECK_EQ(pipe(up), 0);
	pid = xfork();
	if (pid == 0) {
		if (spawn(&t, sleep_then_exit_group, NULL) <= 0)
			_exit(2);
		write(up[1], "x", 1);
		linger();
	}
	close(up[1]);
	CHECK_EQ(read(up[0], &c, 1), 1);
	close(up[0]);
	CHECK_EQ(kill(pid, SIGTERM), 0);
	CHECK_STATUS(reap(pid), KILLED(SIGTERM));

	section("the leader's exit leaves the process to its other thread: wait4 reports its end only");
	CHECK(pipe(up) == 0 && pipe(down) == 0);
	pid = xfork();
	if (pid == 0) {
		static struct lingerer l;
		l = (struct lingerer){ sys(__NR_gettid), getpid(), up[1], down[0] };
		sys(__NR_set_tid_address, &l.leader);
		if (spawn(&t, outlive_leader, &l) <= 0)
			_exit(2);
		sys(__NR_exit, 0);	/* this thread only */
	}
	close(up[1]);
	close(down[0]);
	c = 0;
	CHECK_EQ(read(up[0], &c, 1), 1);
	CHECK_EQ(c, 'x');				/* the leader has gone */
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, WNOHANG), 0);	/* but a thread is left: nothing to report */
	if (c == 'x')		/* else no one may read it, and the write would be our SIGPIPE */
		write(down[1], "x", 1);
	CHECK_STATUS(reap(pid), EXITED(9));
	close(up[0]);
	close(down[1]);
}

struct forker {
	int parent;
	long child;
};

/* fork here: the new process is this thread alone, so it is its own leader and its plain
 * exit ends it (its status says which of those failed). */
static int fork_here(void *arg)
{
	struct forker *f = arg;
	long pid = sys(__NR_fork);

	if (pid == 0) {
		long me = sys(__NR_getpid);
		sys(__NR_exit, (me != sys(__NR_gettid)) | (me == f->parent) << 1 |
				       (sys(__NR_getppid) != f->parent) << 2);
	}
	f->child = pid;
	return 0;
}

struct execer {
	const char *path;
	char **argv;
};

static int exec_here(void *arg)
{
	struct execer *e = arg;
	long r = sys(__NR_execve, e->path, e->argv, environ);

	sys(__NR_exit_group, 100 - r);	/* execve failed: 100 + errno */
	return 1;
}

static void fork_and_exec(void)
{
	static struct forker f;
	static struct execer e;
	static char *exit42[] = { "exit42", NULL }, *sh[] = { "sh", "-c", "exit 42", NULL };
	struct thread t;
	pid_t pid;

	section("fork in a thread: a process of one thread, pid its own, reaped by another thread");
	f = (struct forker){ getpid(), -1 };
	long tid = spawn(&t, fork_here, &f);
	CHECK(tid > 0);
	if (tid > 0) {
		CHECK_EQ(join(&t), 0);
		CHECK(f.child > 0);
		if (f.child > 0)
			CHECK_STATUS(reap((pid_t)f.child), EXITED(0));
	}

	/*
	 * On pagewise data/exit42. qemu-user hands execve to the host kernel, which cannot start
	 * i386 programs here, so on Linux a shell that exits 42, found on PATH: the host's sh,
	 * or under host-check.sh its wrapper that runs pagewise's sh in qemu-i386.
	 */
	section("execve in a thread: the process becomes the new program, pid unchanged");
	e = on_pagewise() ? (struct execer){ data_path("exit42"), exit42 }
			  : (struct execer){ program("sh"), sh };
	pid = xfork();
	if (pid == 0) {
		if (spawn(&t, exec_here, &e) <= 0)
			_exit(2);
		linger();
	}
	CHECK_STATUS(reap(pid), EXITED(42));	/* waited for by the pid fork gave */
}

/* ---- TLS ---- */

static unsigned get_gs(void)
{
	unsigned v;
	__asm__ volatile("movl %%gs, %0" : "=r"(v));
	return v & 0xFFFF;
}

static int gs_word(void)
{
	int v;
	__asm__ volatile("movl %%gs:0, %0" : "=r"(v));
	return v;
}

static int main_block = 1111, thread_block = 2222;

struct tls_seen {
	unsigned gs;
	int value;
};

static int note_tls(void *arg)
{
	struct tls_seen *s = arg;

	s->gs = get_gs();
	s->value = gs_word();
	return 0;
}

static void thread_tls(void)
{
	static struct tls_seen seen;
	struct thread t;
	unsigned gs = get_gs();

	section("CLONE_SETTLS: the thread's %gs reaches its own block, ours still reaches ours");
	/* Unless a TLS slot (GDT entries 6 to 8, on Linux and pagewise) is in %gs already, make
	 * the main thread's as glibc's start does: our libc has none, and a program starts with
	 * 0 in %gs on Linux, with the flat data segment under qemu-user. */
	if (gs >> 3 < TLS_ENTRY_MIN || gs >> 3 >= TLS_ENTRY_MIN + 3) {
		struct user_desc d = { .entry_number = (uint32_t)-1, .base_addr = (uintptr_t)&main_block,
				       .limit = 0xFFFFF, .seg_32bit = 1, .limit_in_pages = 1, .useable = 1 };
		CHECK_EQ(syscall(__NR_set_thread_area, &d), 0);
		gs = (d.entry_number << 3) | 3;
		__asm__ volatile("movl %0, %%gs" : : "r"(gs));
	}
	int before = gs_word();
	/* The same GDT entry as ours, as glibc's pthread_create gives it (entry_number from %gs). */
	struct user_desc td = { .entry_number = gs >> 3, .base_addr = (uintptr_t)&thread_block,
				.limit = 0xFFFFF, .seg_32bit = 1, .limit_in_pages = 1, .useable = 1 };
	seen = (struct tls_seen){ 0, 0 };
	long tid = spawn_tls(&t, note_tls, &seen, &td);
	CHECK(tid > 0);
	if (tid <= 0)
		return;
	CHECK_EQ(join(&t), 0);
	CHECK_EQ(seen.gs, gs);
	CHECK_EQ(seen.value, 2222);
	CHECK_EQ(gs_word(), before);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	same_memory();
	thread_end();
	futex_answers();
	futex_wakes();
	futex_lock();
	shared_tables();
	thread_signals();
	process_ends();
	fork_and_exec();
	thread_tls();
	return check_done();
}
