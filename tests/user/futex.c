/*
 * futex(2) as Linux answers it, through the raw call (threads.h) with threads of our own as
 * the waiters:
 *   - the errors: EAGAIN when the word no longer holds the value, EFAULT, EINVAL, ENOSYS;
 *   - time-outs, relative and absolute on either clock, futex and futex_time64;
 *   - FUTEX_WAKE wakes as many as asked and says how many; WAKE_BITSET only the waiters
 *     whose bitset meets its own; REQUEUE and CMP_REQUEUE move waiters to another word;
 *   - a lock on a futex (Drepper's, from "Futexes Are Tricky") keeps a counter exact under
 *     4 threads;
 *   - across processes: a word in MAP_SHARED anonymous memory shared by fork wakes a waiter
 *     in the other process, unless both use FUTEX_PRIVATE_FLAG.
 * How a thread's end wakes the CLONE_CHILD_CLEARTID word is threads.c's.
 */
#include "check.h"
#include "threads.h"

/* futex_time64 reads this one; the old futex call reads struct timespec (32-bit time_t). */
struct timespec64 {
	long long tv_sec, tv_nsec;
};

/* ---- futex with no one waiting ---- */

/* A call that must time out, not before its 20 ms, and not never: the upper bound is loose
 * (5 s), as a busy machine under qemu-user can hold a process back for a long while. */
#define CHECK_TIMES_OUT(call) do {                                                        \
	long t0_ = clock_ms();                                                            \
	CHECK_EQ((call), -ETIMEDOUT);                                                     \
	long took_ = clock_ms() - t0_;                                                    \
	check_at(took_ >= 19 && took_ < 5000, #call " took 19 ms to 5 s", __FILE__, __LINE__); \
	if (took_ < 19 || took_ >= 5000)                                                  \
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
	/* Long past, but not before boot: a second ago is a negative time, EINVAL, when the
	 * machine has been up less than that (tools/run-elf runs this test that early). */
	abs = (struct timespec){ 0, 1 };
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

/* ---- a lock ---- */

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

/* ---- across processes ---- */

/* A child that says it is about to wait on shared[0] (shared[1] = 1), waits up to 2 s with
 * op, and exits 0 if woken, 2 on the time-out, 3 otherwise. */
static pid_t waiting_child(volatile int *shared, int op)
{
	pid_t pid = xfork();
	if (pid == 0) {
		struct timespec two_s = { 2, 0 };
		__atomic_store_n(&shared[1], 1, __ATOMIC_SEQ_CST);
		long r = futex(&shared[0], op, 0, &two_s, NULL, 0);
		_exit(r == 0 ? 0 : r == -ETIMEDOUT ? 2 : 3);
	}
	return pid;
}

/* Wake shared[0] with op until someone is woken or ms pass; how many were. */
static long wake_for(volatile int *shared, int op, long ms)
{
	long deadline = clock_ms() + ms, r = 0;
	while (__atomic_load_n(&shared[1], __ATOMIC_SEQ_CST) == 0 && clock_ms() < deadline)
		usleep(1000);
	while ((r = futex(&shared[0], op, 1, NULL, NULL, 0)) == 0 && clock_ms() < deadline)
		usleep(2000);
	return r;
}

static void futex_across_processes(void)
{
	int st = -1;
	/* The word at offset 0 of the mapping on purpose: its key is (memory, 0). */
	volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				    -1, 0);
	CHECK(shared != MAP_FAILED);
	if (shared == MAP_FAILED)
		return;

	section("a word in MAP_SHARED memory: a wake in the parent reaches the forked child");
	pid_t pid = waiting_child(shared, FUTEX_WAIT);
	CHECK_EQ(wake_for(shared, FUTEX_WAKE, 4000), 1);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_STATUS(st, EXITED(0));

	section("with FUTEX_PRIVATE_FLAG on both sides it does not: the child times out");
	shared[1] = 0;
	pid = waiting_child(shared, PRIVATE(FUTEX_WAIT));
	CHECK_EQ(wake_for(shared, PRIVATE(FUTEX_WAKE), 300), 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_STATUS(st, EXITED(2));
	munmap((void *)shared, 4096);

	section("a word in a shared file mapping: two mappings of one tmpfs file, one word");
	char path[64];
	snprintf(path, sizeof path, "/dev/shm/futex-test-%d", (int)getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0 && ftruncate(fd, 4096) == 0);
	volatile int *ours = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(ours != MAP_FAILED);
	if (fd < 0 || ours == MAP_FAILED)
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {		/* a mapping of its own, at another address */
		volatile int *theirs = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (theirs == MAP_FAILED || theirs == ours)
			_exit(4);
		struct timespec two_s = { 2, 0 };
		__atomic_store_n(&theirs[1], 1, __ATOMIC_SEQ_CST);
		long r = futex(&theirs[0], FUTEX_WAIT, 0, &two_s, NULL, 0);
		_exit(r == 0 ? 0 : r == -ETIMEDOUT ? 2 : 3);
	}
	CHECK_EQ(wake_for(ours, FUTEX_WAKE, 4000), 1);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_STATUS(st, EXITED(0));
	munmap((void *)ours, 4096);
	close(fd);
	unlink(path);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	futex_answers();
	futex_wakes();
	futex_lock();
	futex_across_processes();
	return check_done();
}
