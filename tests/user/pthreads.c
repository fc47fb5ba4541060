/*
 * POSIX threads through libc (pthread.h), as a program uses them; the raw clone(2) and
 * futex(2) underneath are threads.c's and futex.c's. What must hold:
 *
 *   - pthread_create and pthread_join: each thread's value comes back, by return or by
 *     pthread_exit; a thread has its own tid and our pid; joining oneself is EDEADLK; threads
 *     share memory and run at the same time; a program without __thread variables has no
 *     TLS segment (%gs 0) until its first thread (tls.c tests one with them);
 *   - mutexes keep a counter exact; condition variables pass a queue's items once each, in
 *     order; broadcast wakes every waiter, signal one;
 *   - each thread has its own errno;
 *   - attributes: stack size (one of 64 KiB holds 48 KiB of locals, and shows in
 *     /proc/self/maps above its guard; running past it is SIGSEGV), guard size, detach state;
 *     a detached thread's memory goes when it ends, a joined one's at the join;
 *   - mutex types: error-checking (EDEADLK, EPERM), recursive, normal (EBUSY); timedlock;
 *   - timed condition waits on either clock end at their deadline, not before;
 *   - pthread_once runs its function once among racing threads;
 *   - thread-specific keys: each thread's own value, destructors at its end, the limit;
 *   - malloc and free from 4 threads at once, blocks freed by another thread;
 *   - pthread_kill reaches the thread named; pthread_sigmask is the thread's own;
 *   - fork in a threaded process makes a child of one thread that works; exit() in any
 *     thread ends the process; pthread_exit in the last thread ends it with status 0.
 *
 * Threads record what they saw in memory; the main thread checks and prints (CHECK's counts
 * are not atomic). Every wait for something that should happen is bounded (LIMIT_MS), and
 * each section runs under an alarm (WATCHDOG_S), so a lost wake-up fails the test instead
 * of hanging it. Counts are small: the whole test runs in a few seconds on pagewise under
 * qemu without KVM.
 */
#include <limits.h>	/* PTHREAD_KEYS_MAX, in glibc (the test is checked against it too) */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "check.h"

/* How long a wait for something that should happen may last before it counts as never. */
#define LIMIT_MS 5000
/* A section still running after this is hung (a lost wake-up, a thread that never ends). */
#define WATCHDOG_S 20

/* ---- time, waits and the watchdog ---- */

static long gettid_(void)
{
	return syscall(__NR_gettid);
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000L };

	while (nanosleep(&t, &t) != 0 && errno == EINTR)
		;
}

static struct timespec now_on(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return t;
}

/* t plus ms (which may be negative), normalized; no earlier than the clock's origin, which
 * for CLOCK_MONOTONIC on pagewise (its boot) may be less than a second ago. */
static struct timespec plus_ms(struct timespec t, long ms)
{
	long long ns = (long long)t.tv_sec * 1000000000LL + t.tv_nsec + ms * 1000000LL;

	if (ns < 0)
		ns = 0;
	return (struct timespec){ (time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL) };
}

static long long ns_of(struct timespec t)
{
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int load(volatile int *v)
{
	return __atomic_load_n(v, __ATOMIC_SEQ_CST);
}

static void store(volatile int *v, int x)
{
	__atomic_store_n(v, x, __ATOMIC_SEQ_CST);
}

static int bump(volatile int *v)
{
	return __atomic_add_fetch(v, 1, __ATOMIC_SEQ_CST);
}

/* A thread waits here until the main thread sets *flag (polling: no pthread call of its own
 * that could be the thing that is broken), for at most LIMIT_MS. */
static void park(volatile int *flag)
{
	long deadline = now_ms() + LIMIT_MS;

	while (!load(flag) && now_ms() < deadline)
		sleep_ms(1);
}

static char watchdog_what[200];

static void watchdog(int sig)
{
	char buf[400];
	int n = snprintf(buf, sizeof buf, "  FAIL %s: not done after %d s (a hang: a lost wake-up, "
			 "a thread that never ends?)\n%d passed, %d failed\n", watchdog_what,
			 WATCHDOG_S, check_passed, check_failed + 1);

	(void)sig;
	if (write(1, buf, (size_t)n) < 0)
		_exit(2);
	_exit(1);
}

/* section(), and the alarm that ends the test if this part of it hangs. */
static void part(const char *what)
{
	section(what);
	snprintf(watchdog_what, sizeof watchdog_what, "%s", what);
	alarm(WATCHDOG_S);
}

/* ---- forked children ---- */

/* The child's wait status, or -1 when it was still running after LIMIT_MS (then killed). */
static int reap(pid_t pid)
{
	long deadline = now_ms() + LIMIT_MS;
	int st = 0;
	pid_t r;

	if (pid < 0)
		return -1;
	while ((r = waitpid(pid, &st, WNOHANG)) == 0 && now_ms() < deadline)
		sleep_ms(2);
	if (r == pid)
		return st & ~0x80;	/* whether a core was written is the host's business */
	if (r == 0) {
		printf("     pid %d still running after %d ms: killed\n", (int)pid, LIMIT_MS);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	return -1;
}

/* Everything a pipe holds once its writers are gone, NUL-terminated (closes fd). */
static void drain(int fd, char *buf, size_t size)
{
	size_t got = 0;
	ssize_t n;

	while (got < size - 1 && (n = read(fd, buf + got, size - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	close(fd);
}

/* ---- /proc/self/maps ---- */

static char maps_text[64 * 1024];

/* All of /proc/self/maps (Linux hands it out a page per read); its length, or -1. */
static long read_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	long got = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (got < (long)sizeof maps_text - 1 &&
	       (n = read(fd, maps_text + got, sizeof maps_text - 1 - (size_t)got)) > 0)
		got += n;
	close(fd);
	maps_text[got] = '\0';
	return got;
}

static long maps_lines(void)
{
	long n = 0;

	if (read_maps() <= 0)
		return -1;
	for (char *p = maps_text; *p; p++)
		n += *p == '\n';
	return n;
}

struct region {
	unsigned long start, end;
	char perms[5];
};

/* The region of maps_text (read_maps) that holds addr (by_end 0), or that ends at addr
 * (by_end 1); 0 when there is none. */
static int find_region(unsigned long addr, int by_end, struct region *r)
{
	for (char *line = maps_text; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : "") {
		char *p;
		r->start = strtoul(line, &p, 16);
		if (*p != '-')
			continue;
		r->end = strtoul(p + 1, &p, 16);
		if (*p++ != ' ' || strlen(p) < 4)
			continue;
		memcpy(r->perms, p, 4);
		r->perms[4] = '\0';
		if (by_end ? r->end == addr : r->start <= addr && addr < r->end)
			return 1;
	}
	return 0;
}

/* ---- create, join, exit, self, equal ---- */

#define NT 8

struct ident {
	int index;
	long tid;
	pid_t pid;
	pthread_t self;
	int errno_at_start;
	int self_join;		/* pthread_join(pthread_self()) in the thread */
	int misaligned;		/* a 16-byte aligned local's address mod 16 */
};

static void *identify(void *arg)
{
	struct ident *id = arg;

	id->errno_at_start = errno;
	id->tid = gettid_();
	id->pid = getpid();
	id->self = pthread_self();
	id->self_join = pthread_join(pthread_self(), NULL);
	/* The i386 ABI has the stack 16-byte aligned at a call, and gcc counts on it for such
	 * a local (SSE code faults on less): the start function must be called that way. */
	volatile char aligned[16] __attribute__((aligned(16)));
	id->misaligned = (int)((uintptr_t)aligned & 15);
	/* Half end by returning, half by pthread_exit: the joiner gets the value either way. */
	if (id->index % 2)
		pthread_exit((void *)(intptr_t)(100 + id->index));
	return (void *)(intptr_t)(100 + id->index);
}

static void *give(void *arg)
{
	return arg;
}

/* A thread that makes a thread of its own and joins it. */
static void *grandparent(void *arg)
{
	pthread_t t;
	void *res = NULL;

	if (pthread_create(&t, NULL, give, arg) != 0 || pthread_join(t, &res) != 0)
		return (void *)-1;
	return (void *)((intptr_t)res + 1);
}

static volatile int hold_flag;

/* Counts itself in, then waits for hold_release(). */
static void *hold_on(void *arg)
{
	bump(arg);
	park(&hold_flag);
	return NULL;
}

static void hold_release(void)
{
	store(&hold_flag, 1);
}

#define DEEP (1024 * 1024)
#define DEEP_WANT ((DEEP / 4096) * 3)

/* 1 MiB of locals, a byte written on each page and read back. */
static void *deep(void *arg)
{
	volatile char big[DEEP];
	intptr_t sum = 0;

	(void)arg;
	for (int i = 0; i < DEEP; i += 4096)
		big[i] = 3;
	for (int i = 0; i < DEEP; i += 4096)
		sum += big[i];
	return (void *)sum;
}

static void create_join(void)
{
	static struct ident ids[NT];
	pthread_t t[NT];
	int made[NT];

	part("pthread_create and pthread_join: 8 threads, each value back by return or pthread_exit");
	for (int i = 0; i < NT; i++) {
		ids[i].index = i;
		made[i] = pthread_create(&t[i], NULL, identify, &ids[i]) == 0;
		CHECK(made[i]);
	}
	for (int i = 0; i < NT; i++) {
		void *res = NULL;
		if (!made[i])
			continue;
		CHECK_EQ(pthread_join(t[i], &res), 0);
		CHECK_EQ((intptr_t)res, 100 + i);
	}

	part("each thread: its own tid, our pid, pthread_self the pthread_t create gave, errno 0");
	long me = gettid_();
	int same_tid = 0, other_pid = 0, not_self = 0, equal_others = 0, dirty_errno = 0, bad_tid = 0,
	    misaligned = 0;
	for (int i = 0; i < NT; i++) {
		if (!made[i])
			continue;
		bad_tid += ids[i].tid <= 0 || ids[i].tid == me;
		other_pid += ids[i].pid != getpid();
		not_self += !pthread_equal(ids[i].self, t[i]);
		dirty_errno += ids[i].errno_at_start != 0;
		misaligned += ids[i].misaligned != 0;
		for (int j = 0; j < i; j++) {
			same_tid += made[j] && ids[j].tid == ids[i].tid;
			equal_others += made[j] && pthread_equal(t[j], t[i]);
		}
	}
	CHECK_EQ(bad_tid, 0);
	CHECK_EQ(same_tid, 0);
	CHECK_EQ(other_pid, 0);
	CHECK_EQ(me, getpid());			/* the first thread's tid is the pid */
	CHECK_EQ(not_self, 0);
	CHECK_EQ(equal_others, 0);
	CHECK_EQ(dirty_errno, 0);
	CHECK_EQ(misaligned, 0);
	CHECK(pthread_equal(pthread_self(), pthread_self()));
	CHECK(!pthread_equal(pthread_self(), t[0]));

	part("a thread makes and joins a thread of its own");
	pthread_t g;
	void *res = NULL;
	CHECK_EQ(pthread_create(&g, NULL, grandparent, (void *)41), 0);
	CHECK_EQ(pthread_join(g, &res), 0);
	CHECK_EQ((intptr_t)res, 42);

	part("32 threads alive at once with the default stacks (256 MiB reserved, little used)");
	static volatile int alive;
	pthread_t many[32];
	int nmany = 0;
	store(&alive, 0);
	for (int i = 0; i < 32; i++) {
		int r = pthread_create(&many[nmany], NULL, hold_on, (void *)&alive);
		CHECK_EQ(r, 0);
		nmany += r == 0;
	}
	CHECK(poll_at_least(&alive, 32, LIMIT_MS));
	hold_release();
	for (int i = 0; i < nmany; i++)
		CHECK_EQ(pthread_join(many[i], NULL), 0);

	part("a thread with the default stack uses 1 MiB of it");
	CHECK_EQ(pthread_create(&g, NULL, deep, NULL), 0);
	res = NULL;
	CHECK_EQ(pthread_join(g, &res), 0);
	CHECK_EQ((intptr_t)res, DEEP_WANT);

	part("joining oneself is EDEADLK (main thread and others)");
	CHECK_EQ(pthread_join(pthread_self(), NULL), EDEADLK);
	int not_deadlk = 0;
	for (int i = 0; i < NT; i++)
		not_deadlk += made[i] && ids[i].self_join != EDEADLK;
	CHECK_EQ(not_deadlk, 0);
	/* Joining a thread twice is undefined (POSIX): pthread_join gives the thread's memory
	 * back, struct pthread included, as musl's does, so the handle is gone after it. */
}

/* ---- shared memory, concurrency ---- */

#define NC 4
#define ROUNDS 2000

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile long counter;
static volatile int lock_errors;

static void *count_up(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		if (pthread_mutex_lock(&count_lock) != 0)
			bump(&lock_errors);
		long c = counter;
		/* Now and then give the CPU away holding the lock: the others must then wait for
		 * it (in the kernel), not run into the counter between our read and write. */
		if (i % 64 == 0)
			sched_yield();
		counter = c + 1;
		if (pthread_mutex_unlock(&count_lock) != 0)
			bump(&lock_errors);
	}
	return NULL;
}

/* Two threads that each wait for the other's move, 200 times: both must run, in turn. */
static volatile int ping, pong, pingpong_stuck;

static void *ping_side(void *arg)
{
	int is_ping = arg != NULL;
	long deadline = now_ms() + LIMIT_MS;

	for (int i = 1; i <= 200; i++) {
		if (is_ping) {
			store(&ping, i);
			while (load(&pong) < i && now_ms() < deadline)
				sched_yield();
		} else {
			while (load(&ping) < i && now_ms() < deadline)
				sched_yield();
			store(&pong, i);
		}
	}
	if (now_ms() >= deadline)
		store(&pingpong_stuck, 1);
	return NULL;
}

struct reader {
	int fd;
	volatile int done;
	char got;
};

static void *read_pipe(void *arg)
{
	struct reader *r = arg;

	if (read(r->fd, &r->got, 1) != 1)
		r->got = '?';
	store(&r->done, 1);
	return NULL;
}

static void shared_and_concurrent(void)
{
	pthread_t t[NC], a, b;

	part("4 threads x 2000 increments under one mutex: the counter is exactly 8000");
	for (int i = 0; i < NC; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, count_up, NULL), 0);
	for (int i = 0; i < NC; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(counter, NC * ROUNDS);
	CHECK_EQ(lock_errors, 0);

	part("threads run at once: two wait for each other's move 200 times; one blocked in read()");
	CHECK_EQ(pthread_create(&a, NULL, ping_side, (void *)1), 0);
	CHECK_EQ(pthread_create(&b, NULL, ping_side, NULL), 0);
	CHECK_EQ(pthread_join(a, NULL), 0);
	CHECK_EQ(pthread_join(b, NULL), 0);
	CHECK_EQ(pong, 200);
	CHECK_EQ(pingpong_stuck, 0);

	int fds[2];
	static struct reader r;
	CHECK_EQ(pipe(fds), 0);
	r.fd = fds[0];
	CHECK_EQ(pthread_create(&a, NULL, read_pipe, &r), 0);
	sleep_ms(30);
	CHECK_EQ(load(&r.done), 0);		/* it sleeps in read; we go on */
	CHECK_EQ(write(fds[1], "x", 1), 1);
	CHECK(poll_at_least(&r.done, 1, LIMIT_MS));
	CHECK_EQ(pthread_join(a, NULL), 0);
	CHECK_EQ(r.got, 'x');
	close(fds[0]);
	close(fds[1]);
}

/* ---- condition variables: a queue, broadcast, signal ---- */

#define QCAP 8
#define ITEMS 300	/* per producer */
#define NPROD 2
#define NCONS 2

static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	int ring[QCAP], head, count;
	int pushed[NPROD * ITEMS + NCONS], npushed;	/* the order items went in */
	int popped[NPROD * ITEMS + NCONS], npopped;	/* and came out */
	int seen[NPROD * ITEMS];
	int disorder, errors;
} q;

static void push(int item)
{
	q.errors += pthread_mutex_lock(&q.lock) != 0;
	while (q.count == QCAP)
		q.errors += pthread_cond_wait(&q.not_full, &q.lock) != 0;
	q.ring[(q.head + q.count++) % QCAP] = item;
	q.pushed[q.npushed++] = item;
	q.errors += pthread_cond_signal(&q.not_empty) != 0;
	q.errors += pthread_mutex_unlock(&q.lock) != 0;
}

static void *producer(void *arg)
{
	int p = (int)(intptr_t)arg;

	for (int i = 0; i < ITEMS; i++)
		push(p * ITEMS + i);
	return NULL;
}

/* Takes items until a -1; a producer's items must come in the order it made them. */
static void *consumer(void *arg)
{
	int last[NPROD];

	(void)arg;
	for (int p = 0; p < NPROD; p++)
		last[p] = -1;
	for (;;) {
		pthread_mutex_lock(&q.lock);
		while (q.count == 0)
			q.errors += pthread_cond_wait(&q.not_empty, &q.lock) != 0;
		int item = q.ring[q.head];
		q.head = (q.head + 1) % QCAP;
		q.count--;
		q.popped[q.npopped++] = item;
		if (item >= 0) {
			q.seen[item]++;
			q.disorder += item <= last[item / ITEMS];
			last[item / ITEMS] = item;
		}
		pthread_cond_signal(&q.not_full);
		pthread_mutex_unlock(&q.lock);
		if (item < 0)
			return NULL;
	}
}

struct waiters {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int waiting, go, woken, tokens;
};

static struct waiters bc = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0 };

/* Waits until go, for broadcast; or takes one token, for signal. */
static void *bc_waiter(void *arg)
{
	int for_token = arg != NULL;

	pthread_mutex_lock(&bc.lock);
	bc.waiting++;
	while (for_token ? bc.tokens == 0 : !bc.go)
		pthread_cond_wait(&bc.cond, &bc.lock);
	if (for_token)
		bc.tokens--;
	bc.woken++;
	bc.waiting--;
	pthread_mutex_unlock(&bc.lock);
	return NULL;
}

/* bc's field read under its lock, once it is want or LIMIT_MS have passed. */
static int bc_reach(int *field, int want)
{
	long deadline = now_ms() + LIMIT_MS;
	int v;

	for (;;) {
		pthread_mutex_lock(&bc.lock);
		v = *field;
		pthread_mutex_unlock(&bc.lock);
		if (v == want || now_ms() >= deadline)
			return v;
		sleep_ms(1);
	}
}

/* After a failed check: wake whoever is left so that they can be joined. */
static void bc_rescue(int n)
{
	pthread_mutex_lock(&bc.lock);
	bc.go = 1;
	bc.tokens += n;
	pthread_cond_broadcast(&bc.cond);
	pthread_mutex_unlock(&bc.lock);
}

static void condvars(void)
{
	pthread_t prod[NPROD], cons[NCONS], w[5];

	part("a queue of 8 on a mutex and two condvars: 2 producers x 300 items, 2 consumers");
	CHECK_EQ(pthread_mutex_init(&q.lock, NULL), 0);
	CHECK_EQ(pthread_cond_init(&q.not_empty, NULL), 0);
	CHECK_EQ(pthread_cond_init(&q.not_full, NULL), 0);
	for (int i = 0; i < NCONS; i++)
		CHECK_EQ(pthread_create(&cons[i], NULL, consumer, NULL), 0);
	for (int i = 0; i < NPROD; i++)
		CHECK_EQ(pthread_create(&prod[i], NULL, producer, (void *)(intptr_t)i), 0);
	for (int i = 0; i < NPROD; i++)
		CHECK_EQ(pthread_join(prod[i], NULL), 0);
	for (int i = 0; i < NCONS; i++)
		push(-1);			/* one end mark per consumer */
	for (int i = 0; i < NCONS; i++)
		CHECK_EQ(pthread_join(cons[i], NULL), 0);
	CHECK_EQ(q.npushed, NPROD * ITEMS + NCONS);
	CHECK_EQ(q.npopped, NPROD * ITEMS + NCONS);
	CHECK(memcmp(q.pushed, q.popped, sizeof q.pushed) == 0);	/* first in, first out */
	int not_once = 0;
	for (int i = 0; i < NPROD * ITEMS; i++)
		not_once += q.seen[i] != 1;
	CHECK_EQ(not_once, 0);
	CHECK_EQ(q.disorder, 0);
	CHECK_EQ(q.errors, 0);
	CHECK_EQ(q.count, 0);
	CHECK_EQ(pthread_cond_destroy(&q.not_empty), 0);
	CHECK_EQ(pthread_cond_destroy(&q.not_full), 0);
	CHECK_EQ(pthread_mutex_destroy(&q.lock), 0);

	part("pthread_cond_broadcast wakes all 5 waiters");
	for (int i = 0; i < 5; i++)
		CHECK_EQ(pthread_create(&w[i], NULL, bc_waiter, NULL), 0);
	CHECK_EQ(bc_reach(&bc.waiting, 5), 5);
	sleep_ms(10);
	pthread_mutex_lock(&bc.lock);
	bc.go = 1;
	CHECK_EQ(pthread_cond_broadcast(&bc.cond), 0);
	pthread_mutex_unlock(&bc.lock);
	CHECK_EQ(bc_reach(&bc.woken, 5), 5);
	if (bc.woken != 5)
		bc_rescue(0);
	for (int i = 0; i < 5; i++)
		CHECK_EQ(pthread_join(w[i], NULL), 0);

	part("pthread_cond_signal wakes a waiter (one token: one taker of 3); broadcast the rest");
	bc.woken = 0;
	for (int i = 0; i < 3; i++)
		CHECK_EQ(pthread_create(&w[i], NULL, bc_waiter, (void *)1), 0);
	CHECK_EQ(bc_reach(&bc.waiting, 3), 3);
	pthread_mutex_lock(&bc.lock);
	bc.tokens = 1;
	CHECK_EQ(pthread_cond_signal(&bc.cond), 0);
	pthread_mutex_unlock(&bc.lock);
	CHECK_EQ(bc_reach(&bc.woken, 1), 1);
	sleep_ms(30);
	CHECK_EQ(bc_reach(&bc.woken, 1), 1);	/* and no more: nothing else to take */
	pthread_mutex_lock(&bc.lock);
	bc.tokens += 2;
	CHECK_EQ(pthread_cond_broadcast(&bc.cond), 0);
	pthread_mutex_unlock(&bc.lock);
	CHECK_EQ(bc_reach(&bc.woken, 3), 3);
	if (bc.woken != 3)
		bc_rescue(3);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(pthread_join(w[i], NULL), 0);
	CHECK_EQ(pthread_cond_signal(&bc.cond), 0);	/* with nobody waiting: nothing happens */
	CHECK_EQ(pthread_cond_broadcast(&bc.cond), 0);
}

/* ---- errno ---- */

/* A barrier for n threads, from a mutex and a condvar (pthread_barrier_t there is not). */
struct barrier {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int n, arrived, round;
};

static void barrier_wait(struct barrier *b)
{
	pthread_mutex_lock(&b->lock);
	int round = b->round;
	if (++b->arrived == b->n) {
		b->arrived = 0;
		b->round++;
		pthread_cond_broadcast(&b->cond);
	} else {
		while (round == b->round)
			pthread_cond_wait(&b->cond, &b->lock);
	}
	pthread_mutex_unlock(&b->lock);
}

static struct barrier errno_bar = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 3, 0, 0 };

struct errno_seen {
	int which;
	long ret;
	int after_call, after_others;	/* errno right after its call, and after the others' */
	int *where;			/* &errno */
};

static void *errno_thread(void *arg)
{
	struct errno_seen *s = arg;

	s->where = &errno;
	/* A: EBADF, B: ENOENT; then, while A holds on to its value, B fails once more (EINVAL). */
	s->ret = s->which == 0 ? close(-1) : open("/no/such/dir/file", O_RDONLY);
	s->after_call = errno;
	barrier_wait(&errno_bar);
	if (s->which == 1)
		kill(getpid(), 12345);		/* no such signal */
	barrier_wait(&errno_bar);
	s->after_others = errno;
	return NULL;
}

static void own_errno(void)
{
	static struct errno_seen a = { .which = 0 }, b = { .which = 1 };
	pthread_t ta, tb;

	part("each thread its own errno: EBADF in one, ENOENT then EINVAL in another, ERANGE in main");
	errno = ERANGE;
	CHECK_EQ(pthread_create(&ta, NULL, errno_thread, &a), 0);
	CHECK_EQ(pthread_create(&tb, NULL, errno_thread, &b), 0);
	barrier_wait(&errno_bar);
	barrier_wait(&errno_bar);
	CHECK_EQ(errno, ERANGE);
	CHECK_EQ(pthread_join(ta, NULL), 0);
	CHECK_EQ(pthread_join(tb, NULL), 0);
	CHECK_EQ(a.ret, -1);
	CHECK_EQ(b.ret, -1);
	CHECK_EQ(a.after_call, EBADF);
	CHECK_EQ(b.after_call, ENOENT);
	CHECK_EQ(a.after_others, EBADF);
	CHECK_EQ(b.after_others, EINVAL);
	CHECK(a.where != b.where && a.where != &errno && b.where != &errno);
}

/* ---- attributes: stack, guard, detach state ---- */

#define SMALL_STACK (64 * 1024)
#define SMALL_GUARD (8 * 1024)
#define LOCALS (48 * 1024)

struct stack_use {
	unsigned long low, high;	/* the thread's 48 KiB of locals */
	unsigned sum;
	volatile int ready, release;
};

static void *use_stack(void *arg)
{
	struct stack_use *u = arg;
	volatile unsigned char buf[LOCALS];
	unsigned sum = 0;

	for (unsigned i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 7);
	for (unsigned i = 0; i < sizeof buf; i++)
		sum += buf[i];
	u->sum = sum;
	u->low = (unsigned long)buf;
	u->high = (unsigned long)(buf + sizeof buf);
	store(&u->ready, 1);
	park(&u->release);		/* while the main thread reads /proc/self/maps */
	return NULL;
}

/* Deep enough (1000 frames of 1 KiB) to run far past a 64 KiB stack; each frame writes all
 * along its array, so that it cannot step over the guard. */
static int recurse(int depth)
{
	volatile char frame[1024];

	for (unsigned i = 0; i < sizeof frame; i += 64)
		frame[i] = (char)depth;
	if (depth >= 1000)
		return frame[0];
	return recurse(depth + 1) + frame[64];	/* not a tail call */
}

static void *overflow(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)recurse(0);
}

static void overflow_child(void)
{
	pthread_attr_t a;
	pthread_t t;

	quiet_stderr();
	if (pthread_attr_init(&a) || pthread_attr_setstacksize(&a, SMALL_STACK) ||
	    pthread_create(&t, &a, overflow, NULL) || pthread_join(t, NULL))
		_exit(100);
	_exit(0);			/* it came back: no guard stopped it */
}

static void attributes(void)
{
	pthread_attr_t a;
	size_t size = 0;
	int state = -1;

	part("attributes: default stack and guard size and detach state; setters check their values");
	CHECK_EQ(pthread_attr_init(&a), 0);
	CHECK_EQ(pthread_attr_getstacksize(&a, &size), 0);
	CHECK(size >= PTHREAD_STACK_MIN);
#ifdef PTHREAD_STACK_DEFAULT
	CHECK_EQ(size, PTHREAD_STACK_DEFAULT);	/* pagewise's pthread.h says what it is */
#endif
	CHECK_EQ(pthread_attr_getguardsize(&a, &size), 0);
	CHECK_EQ(size, getpagesize());		/* POSIX's default: one page */
	CHECK_EQ(pthread_attr_getdetachstate(&a, &state), 0);
	CHECK_EQ(state, PTHREAD_CREATE_JOINABLE);
	CHECK_EQ(pthread_attr_setstacksize(&a, SMALL_STACK), 0);
	CHECK_EQ(pthread_attr_setstacksize(&a, PTHREAD_STACK_MIN - 1), EINVAL);
	CHECK_EQ(pthread_attr_setstacksize(&a, 0), EINVAL);
	CHECK_EQ(pthread_attr_getstacksize(&a, &size), 0);
	CHECK_EQ(size, SMALL_STACK);		/* the refused values changed nothing */
	CHECK_EQ(pthread_attr_setstacksize(&a, PTHREAD_STACK_MIN), 0);
	CHECK_EQ(pthread_attr_setguardsize(&a, SMALL_GUARD), 0);
	CHECK_EQ(pthread_attr_getguardsize(&a, &size), 0);
	CHECK_EQ(size, SMALL_GUARD);
	CHECK_EQ(pthread_attr_setdetachstate(&a, 42), EINVAL);
	CHECK_EQ(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED), 0);
	CHECK_EQ(pthread_attr_getdetachstate(&a, &state), 0);
	CHECK_EQ(state, PTHREAD_CREATE_DETACHED);
	CHECK_EQ(pthread_attr_destroy(&a), 0);

	part("a thread with a 64 KiB stack and an 8 KiB guard uses 48 KiB of locals; /proc/self/maps");
	static struct stack_use u;
	pthread_t t;
	CHECK_EQ(pthread_attr_init(&a), 0);
	CHECK_EQ(pthread_attr_setstacksize(&a, SMALL_STACK), 0);
	CHECK_EQ(pthread_attr_setguardsize(&a, SMALL_GUARD), 0);
	CHECK_EQ(pthread_create(&t, &a, use_stack, &u), 0);
	CHECK_EQ(pthread_attr_destroy(&a), 0);	/* the thread does not need it any more */
	CHECK(poll_at_least(&u.ready, 1, LIMIT_MS));
	unsigned want = 0;
	for (unsigned i = 0; i < LOCALS; i++)
		want += (unsigned char)(i * 7);
	CHECK_EQ(u.sum, want);
	/* The locals lie in a read-write region of at least the 64 KiB asked for, just above
	 * an inaccessible guard of the 8 KiB asked for: the stack is that region's low end, so
	 * they are within 64 KiB of its start, give or take the thread's own data, which may
	 * sit at the top of the same mapping (glibc's and ours do: 16 KiB is plenty). The
	 * region may be larger than that: a neighbouring mapping of the same kind merges with
	 * it, on Linux and on pagewise. */
	struct region stack = { 0, 0, "" }, guard = { 0, 0, "" };
	int failed_before = check_failed;
	CHECK(read_maps() > 0);
	CHECK(find_region(u.low, 0, &stack));
	CHECK(find_region(u.high - 1, 0, &guard) && guard.start == stack.start);	/* one region */
	CHECK_EQ(strcmp(stack.perms, "rw-p"), 0);
	CHECK(stack.end - stack.start >= SMALL_STACK);
	CHECK(u.high - stack.start <= SMALL_STACK + 16 * 1024);
	CHECK(find_region(stack.start, 1, &guard));
	CHECK_EQ(strcmp(guard.perms, "---p"), 0);
	CHECK_EQ(guard.end - guard.start, SMALL_GUARD);
	if (check_failed > failed_before)
		printf("     locals %#lx-%#lx, stack region %#lx-%#lx %s, below it %#lx-%#lx %s\n",
		       u.low, u.high, stack.start, stack.end, stack.perms, guard.start, guard.end,
		       guard.perms);
	store(&u.release, 1);
	CHECK_EQ(pthread_join(t, NULL), 0);

	part("a thread that runs past its 64 KiB stack is stopped by the guard: SIGSEGV, the process");
	CHECK_STATUS(status_of(overflow_child), KILLED(SIGSEGV));
}

/* ---- detach: a thread's memory goes at its end (detached) or at the join ---- */

#define ND 20

static volatile int detach_done, detach_release;

static void *detach_me(void *arg)
{
	if (arg)
		park(&detach_release);
	bump(&detach_done);
	return NULL;
}

/* The number of lines of /proc/self/maps once it is want, or after LIMIT_MS. */
static long maps_become(long want)
{
	long deadline = now_ms() + LIMIT_MS, n;

	while ((n = maps_lines()) != want && now_ms() < deadline)
		sleep_ms(5);
	return n;
}

static void detaching(void)
{
	pthread_attr_t a;
	pthread_t t[ND];
	long before, after;

	part("30 threads made and joined: /proc/self/maps has as many lines after as before");
	before = maps_lines();
	CHECK(before > 0);
	for (int i = 0; i < 30; i++) {
		void *res = NULL;
		CHECK_EQ(pthread_create(&t[0], NULL, give, (void *)(intptr_t)i), 0);
		CHECK_EQ(pthread_join(t[0], &res), 0);
		CHECK_EQ((intptr_t)res, i);
	}
	after = maps_become(before);
	CHECK_EQ(after, before);

	part("20 detached threads (10 by attribute, 10 by pthread_detach, 5 of them after their "
	     "end): their memory goes when they end; joining one is EINVAL");
	store(&detach_done, 0);
	store(&detach_release, 0);
	int made = 0;
	CHECK_EQ(pthread_attr_init(&a), 0);
	CHECK_EQ(pthread_attr_setstacksize(&a, SMALL_STACK), 0);
	CHECK_EQ(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED), 0);
	/* 0-9 detached from the start and 10-14 detached at once wait for detach_release;
	 * 15-19 end at once, and are detached after that. */
	for (int i = 0; i < ND; i++) {
		int r = pthread_create(&t[i], i < 10 ? &a : NULL, detach_me, (void *)(intptr_t)(i < 15));
		CHECK_EQ(r, 0);
		made += r == 0;
		if (r == 0 && i >= 10 && i < 15)
			CHECK_EQ(pthread_detach(t[i]), 0);
	}
	CHECK_EQ(pthread_attr_destroy(&a), 0);
	CHECK(poll_at_least(&detach_done, 5, LIMIT_MS));
	sleep_ms(20);				/* so that they are gone, not just ending */
	for (int i = 15; i < ND; i++)
		CHECK_EQ(pthread_detach(t[i]), 0);
	CHECK_EQ(pthread_join(t[0], NULL), EINVAL);	/* t[0] is still there: it waits for us */
	store(&detach_release, 1);
	CHECK(poll_at_least(&detach_done, made, LIMIT_MS));
	/* (Not so with glibc, which keeps up to 40 MiB of ended threads' stacks for reuse.) */
	after = maps_become(before);
	CHECK_EQ(after, before);
}

/* ---- mutex types, timedlock ---- */

/* What op(m) returns in a thread of its own. */
struct mutex_op {
	int (*op)(pthread_mutex_t *);
	pthread_mutex_t *m;
	int ret;
};

static void *run_mutex_op(void *arg)
{
	struct mutex_op *o = arg;

	o->ret = o->op(o->m);
	return NULL;
}

static int elsewhere(int (*op)(pthread_mutex_t *), pthread_mutex_t *m)
{
	struct mutex_op o = { op, m, -1 };
	pthread_t t;

	if (pthread_create(&t, NULL, run_mutex_op, &o) != 0 || pthread_join(t, NULL) != 0)
		return -1;
	return o.ret;
}

/* Take it without waiting and give it back: 0, or trylock's error. */
static int trylock_unlock(pthread_mutex_t *m)
{
	int r = pthread_mutex_trylock(m);

	if (r == 0 && pthread_mutex_unlock(m) != 0)
		return -2;
	return r;
}

static int make_mutex(pthread_mutex_t *m, int type)
{
	pthread_mutexattr_t ma;
	int got = -1;

	if (pthread_mutexattr_init(&ma) || pthread_mutexattr_settype(&ma, type) ||
	    pthread_mutexattr_gettype(&ma, &got) || got != type || pthread_mutex_init(m, &ma) ||
	    pthread_mutexattr_destroy(&ma))
		return -1;
	return 0;
}

struct timed_lock {
	pthread_mutex_t *m;
	struct timespec deadline;	/* CLOCK_REALTIME, as POSIX has it for timedlock */
	int ret;
	long long ended_ns;		/* the realtime clock when it returned */
	long took_ms;
};

static void *timed_lock(void *arg)
{
	struct timed_lock *tl = arg;
	long start = now_ms();

	tl->ret = pthread_mutex_timedlock(tl->m, &tl->deadline);
	tl->ended_ns = ns_of(now_on(CLOCK_REALTIME));
	tl->took_ms = now_ms() - start;
	if (tl->ret == 0)
		pthread_mutex_unlock(tl->m);
	return NULL;
}

/* pthread_mutex_timedlock(m, now + ms on the realtime clock) in a thread; with
 * unlock_after >= 0, we unlock m (which we hold) that many ms after it started. A bad
 * deadline (tv_nsec of 1 s) with bad != 0. */
static struct timed_lock timed_elsewhere(pthread_mutex_t *m, long ms, long unlock_after, int bad)
{
	struct timed_lock tl = { m, plus_ms(now_on(CLOCK_REALTIME), ms), -1, 0, 0 };
	pthread_t t;

	if (bad)
		tl.deadline.tv_nsec = 1000000000;
	if (pthread_create(&t, NULL, timed_lock, &tl) != 0)
		return tl;
	if (unlock_after >= 0) {
		sleep_ms(unlock_after);
		pthread_mutex_unlock(m);
	}
	pthread_join(t, NULL);
	return tl;
}

static void mutex_types(void)
{
	pthread_mutexattr_t ma;
	pthread_mutex_t m;
	int type = -1;

	part("mutex attributes: the default type is PTHREAD_MUTEX_DEFAULT; an unknown one is EINVAL");
	CHECK_EQ(pthread_mutexattr_init(&ma), 0);
	CHECK_EQ(pthread_mutexattr_gettype(&ma, &type), 0);
	CHECK_EQ(type, PTHREAD_MUTEX_DEFAULT);
	CHECK_EQ(pthread_mutexattr_settype(&ma, 99), EINVAL);
	CHECK_EQ(pthread_mutexattr_destroy(&ma), 0);

	part("error-checking mutex: relock EDEADLK, trylock EBUSY, unlock by another or unlocked EPERM");
	CHECK_EQ(make_mutex(&m, PTHREAD_MUTEX_ERRORCHECK), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_lock(&m), EDEADLK);
	CHECK_EQ(pthread_mutex_trylock(&m), EBUSY);
	CHECK_EQ(elsewhere(pthread_mutex_trylock, &m), EBUSY);
	CHECK_EQ(elsewhere(pthread_mutex_unlock, &m), EPERM);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), EPERM);
	CHECK_EQ(elsewhere(trylock_unlock, &m), 0);
	CHECK_EQ(pthread_mutex_destroy(&m), 0);

	part("recursive mutex: locked 3 times (and a trylock), free for others after as many unlocks");
	CHECK_EQ(make_mutex(&m, PTHREAD_MUTEX_RECURSIVE), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_trylock(&m), 0);
	CHECK_EQ(elsewhere(trylock_unlock, &m), EBUSY);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(elsewhere(trylock_unlock, &m), EBUSY);	/* one left */
	CHECK_EQ(elsewhere(pthread_mutex_unlock, &m), EPERM);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(elsewhere(trylock_unlock, &m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), EPERM);
	CHECK_EQ(pthread_mutex_destroy(&m), 0);

	part("normal mutex: trylock while held is EBUSY, in the holder and in another thread");
	CHECK_EQ(make_mutex(&m, PTHREAD_MUTEX_NORMAL), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_trylock(&m), EBUSY);
	CHECK_EQ(elsewhere(pthread_mutex_trylock, &m), EBUSY);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_trylock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(elsewhere(trylock_unlock, &m), 0);

	part("pthread_mutex_timedlock: ETIMEDOUT at a deadline 50 ms ahead (not before), at once for "
	     "one passed, 0 when the holder lets go in time, or when the mutex is free");
	struct timed_lock tl;
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	tl = timed_elsewhere(&m, 50, -1, 0);
	CHECK_EQ(tl.ret, ETIMEDOUT);
	CHECK(tl.ended_ns >= ns_of(tl.deadline));
	CHECK(tl.took_ms < LIMIT_MS);
	tl = timed_elsewhere(&m, -1000, -1, 0);
	CHECK_EQ(tl.ret, ETIMEDOUT);
	CHECK(tl.took_ms < 500);
	/* A deadline with a tv_nsec of 1 s, when it would have to wait: EINVAL ("shall fail"). */
	tl = timed_elsewhere(&m, 50, -1, 1);
	CHECK_EQ(tl.ret, EINVAL);
	tl = timed_elsewhere(&m, 3000, 30, 0);	/* we unlock after 30 ms */
	CHECK_EQ(tl.ret, 0);
	CHECK(tl.took_ms < 2000);
	struct timespec passed = plus_ms(now_on(CLOCK_REALTIME), -1000);
	CHECK_EQ(pthread_mutex_timedlock(&m, &passed), 0);	/* free: a passed deadline is no matter */
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_destroy(&m), 0);
	CHECK_EQ(make_mutex(&m, PTHREAD_MUTEX_ERRORCHECK), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	struct timespec ahead = plus_ms(now_on(CLOCK_REALTIME), 50);
	CHECK_EQ(pthread_mutex_timedlock(&m, &ahead), EDEADLK);	/* the holder's own: no wait */
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_destroy(&m), 0);
}

/* ---- timed condition waits ---- */

struct rescuer {
	pthread_cond_t *cond;
	volatile int done;
};

/* Should a timed wait not end by itself (a deadline read on the wrong clock can lie years
 * ahead), wake it after LIMIT_MS, so that the check fails instead of the test hanging. */
static void *rescue(void *arg)
{
	struct rescuer *r = arg;
	long deadline = now_ms() + LIMIT_MS;

	while (!load(&r->done) && now_ms() < deadline)
		sleep_ms(5);
	while (!load(&r->done)) {
		pthread_cond_broadcast(r->cond);
		sleep_ms(5);
	}
	return NULL;
}

struct timed_waiter {
	pthread_cond_t *cond;
	pthread_mutex_t *m;
	volatile int waiting, go;
	struct timespec deadline;
	int ret;
};

static void *wait_for_go(void *arg)
{
	struct timed_waiter *w = arg;

	pthread_mutex_lock(w->m);
	w->waiting = 1;
	w->ret = 0;
	while (!w->go && w->ret == 0)
		w->ret = pthread_cond_timedwait(w->cond, w->m, &w->deadline);
	pthread_mutex_unlock(w->m);
	return NULL;
}

static void timed_waits_on(clockid_t clock, const char *name)
{
	pthread_condattr_t ca;
	pthread_cond_t c;
	pthread_mutex_t m;
	clockid_t got = -1;
	char what[160];

	snprintf(what, sizeof what, "pthread_cond_timedwait on %s: ETIMEDOUT not before a deadline "
		 "50 ms ahead, at once for one passed, 0 when signalled; the mutex held again", name);
	part(what);
	CHECK_EQ(pthread_condattr_init(&ca), 0);
	CHECK_EQ(pthread_condattr_getclock(&ca, &got), 0);
	CHECK_EQ(got, CLOCK_REALTIME);		/* the default */
	CHECK_EQ(pthread_condattr_setclock(&ca, clock), 0);
	CHECK_EQ(pthread_condattr_getclock(&ca, &got), 0);
	CHECK_EQ(got, clock);
	CHECK_EQ(pthread_cond_init(&c, &ca), 0);
	CHECK_EQ(pthread_condattr_destroy(&ca), 0);
	CHECK_EQ(make_mutex(&m, PTHREAD_MUTEX_ERRORCHECK), 0);

	static struct rescuer r;
	pthread_t rt;
	r.cond = &c;
	r.done = 0;
	CHECK_EQ(pthread_create(&rt, NULL, rescue, &r), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	struct timespec deadline = plus_ms(now_on(clock), 50);
	long start = now_ms();
	CHECK_EQ(pthread_cond_timedwait(&c, &m, &deadline), ETIMEDOUT);
	struct timespec end = now_on(clock);
	CHECK(ns_of(end) >= ns_of(deadline));
	CHECK(now_ms() - start < LIMIT_MS);
	if (ns_of(end) < ns_of(deadline))
		printf("     returned %lld us before the deadline\n", (ns_of(deadline) - ns_of(end)) / 1000);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);	/* error-checking: 0 only if we hold it again */

	CHECK_EQ(pthread_mutex_lock(&m), 0);
	deadline = plus_ms(now_on(clock), -1000);
	start = now_ms();
	CHECK_EQ(pthread_cond_timedwait(&c, &m, &deadline), ETIMEDOUT);
	CHECK(now_ms() - start < 500);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	store(&r.done, 1);
	CHECK_EQ(pthread_join(rt, NULL), 0);

	/* Not holding an error-checking mutex: EPERM (a wait that does not check would time
	 * out 50 ms later instead). */
	deadline = plus_ms(now_on(clock), 50);
	CHECK_EQ(pthread_cond_timedwait(&c, &m, &deadline), EPERM);

	static struct timed_waiter w;
	pthread_t wt;
	w = (struct timed_waiter){ &c, &m, 0, 0, plus_ms(now_on(clock), LIMIT_MS), -1 };
	start = now_ms();
	CHECK_EQ(pthread_create(&wt, NULL, wait_for_go, &w), 0);
	for (int waiting = 0; !waiting && now_ms() - start < LIMIT_MS; sleep_ms(1)) {
		pthread_mutex_lock(&m);
		waiting = w.waiting;
		pthread_mutex_unlock(&m);
	}
	pthread_mutex_lock(&m);
	w.go = 1;
	CHECK_EQ(pthread_cond_signal(&c), 0);
	pthread_mutex_unlock(&m);
	CHECK_EQ(pthread_join(wt, NULL), 0);
	CHECK_EQ(w.ret, 0);
	CHECK(now_ms() - start < LIMIT_MS - 500);
	CHECK_EQ(pthread_cond_destroy(&c), 0);
	CHECK_EQ(pthread_mutex_destroy(&m), 0);
}

static void timed_waits(void)
{
	pthread_condattr_t ca;

	timed_waits_on(CLOCK_REALTIME, "CLOCK_REALTIME");
	timed_waits_on(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
	part("pthread_condattr_setclock: a CPU-time clock is EINVAL");
	CHECK_EQ(pthread_condattr_init(&ca), 0);
	CHECK_EQ(pthread_condattr_setclock(&ca, CLOCK_PROCESS_CPUTIME_ID), EINVAL);
	CHECK_EQ(pthread_condattr_destroy(&ca), 0);
}

/* ---- once ---- */

#define NONCE 8

static pthread_once_t once = PTHREAD_ONCE_INIT;
static volatile int once_runs, once_finished;
static struct barrier once_bar = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NONCE, 0, 0 };

static void once_fn(void)
{
	bump(&once_runs);
	sleep_ms(20);			/* the others come meanwhile: they must wait for the end */
	store(&once_finished, 1);
}

struct once_racer {
	int ret, saw_finished;
};

static void *race_once(void *arg)
{
	struct once_racer *r = arg;

	barrier_wait(&once_bar);	/* all at once */
	r->ret = pthread_once(&once, once_fn);
	r->saw_finished = load(&once_finished);
	return NULL;
}

static void once_only(void)
{
	static struct once_racer r[NONCE];
	pthread_t t[NONCE];

	part("pthread_once: 8 threads race; the function runs once, and all return after it ended");
	for (int i = 0; i < NONCE; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, race_once, &r[i]), 0);
	int bad = 0;
	for (int i = 0; i < NONCE; i++) {
		CHECK_EQ(pthread_join(t[i], NULL), 0);
		bad += r[i].ret != 0 || !r[i].saw_finished;
	}
	CHECK_EQ(once_runs, 1);
	CHECK_EQ(bad, 0);
	CHECK_EQ(pthread_once(&once, once_fn), 0);
	CHECK_EQ(once_runs, 1);
}

/* ---- thread-specific keys ---- */

#define NK 4

static pthread_key_t key_a, key_b, key_c;
static int key_vals[NK], main_val;
static volatile int dtor_a_calls[NK], dtor_a_stray, dtor_a_not_null, dtor_c_calls;
static struct barrier key_bar = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NK, 0, 0 };

static void dtor_a(void *v)
{
	int i = (int *)v - key_vals;

	if (i >= 0 && i < NK)
		bump(&dtor_a_calls[i]);
	else
		bump(&dtor_a_stray);
	if (pthread_getspecific(key_a) != NULL)	/* POSIX: NULL before the destructor is called */
		bump(&dtor_a_not_null);
}

/* Sets a new value twice: called with 1, 2 and 3 (PTHREAD_DESTRUCTOR_ITERATIONS is >= 4). */
static void dtor_c(void *v)
{
	bump(&dtor_c_calls);
	if ((intptr_t)v < 3)
		pthread_setspecific(key_c, (void *)((intptr_t)v + 1));
}

struct key_seen {
	int index;
	void *a_at_start, *a_after, *b_after;
	int set_ret;
};

static void *use_keys(void *arg)
{
	struct key_seen *s = arg;
	int i = s->index;

	s->a_at_start = pthread_getspecific(key_a);
	s->set_ret = pthread_setspecific(key_a, &key_vals[i]) |
		     pthread_setspecific(key_b, (void *)(intptr_t)(i + 1));
	if (i == 0)
		s->set_ret |= pthread_setspecific(key_c, (void *)1);
	barrier_wait(&key_bar);		/* everybody has set theirs */
	s->a_after = pthread_getspecific(key_a);
	s->b_after = pthread_getspecific(key_b);
	if (i == 3)
		pthread_setspecific(key_a, NULL);	/* NULL: no destructor call */
	if (i == 2)
		pthread_exit(NULL);		/* destructors run on this way out too */
	return NULL;
}

static void keys(void)
{
	static struct key_seen s[NK];
	pthread_t t[NK];

	part("keys: each thread sees its own value; destructors run at its end with its value");
	CHECK_EQ(pthread_key_create(&key_a, dtor_a), 0);
	CHECK_EQ(pthread_key_create(&key_b, NULL), 0);
	CHECK_EQ(pthread_key_create(&key_c, dtor_c), 0);
	CHECK(key_a != key_b && key_b != key_c && key_a != key_c);
	CHECK(pthread_getspecific(key_a) == NULL);
	CHECK_EQ(pthread_setspecific(key_a, &main_val), 0);
	for (int i = 0; i < NK; i++) {
		s[i].index = i;
		CHECK_EQ(pthread_create(&t[i], NULL, use_keys, &s[i]), 0);
	}
	for (int i = 0; i < NK; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	int wrong = 0;
	for (int i = 0; i < NK; i++)
		wrong += s[i].a_at_start != NULL || s[i].set_ret != 0 || s[i].a_after != &key_vals[i] ||
			 s[i].b_after != (void *)(intptr_t)(i + 1);
	CHECK_EQ(wrong, 0);
	/* By the time join returns, each thread's destructor has run, once, for a value set. */
	CHECK_EQ(dtor_a_calls[0], 1);
	CHECK_EQ(dtor_a_calls[1], 1);
	CHECK_EQ(dtor_a_calls[2], 1);
	CHECK_EQ(dtor_a_calls[3], 0);
	CHECK_EQ(dtor_a_stray, 0);		/* never with main's value: main has not ended */
	CHECK_EQ(dtor_a_not_null, 0);
	CHECK_EQ(dtor_c_calls, 3);		/* again while it set a new value */
	CHECK(pthread_getspecific(key_a) == &main_val);

	part("pthread_key_delete; a new key reads NULL; PTHREAD_KEYS_MAX keys, then EAGAIN");
	CHECK_EQ(pthread_key_delete(key_a), 0);
	CHECK_EQ(dtor_a_stray, 0);		/* delete calls no destructor */
	pthread_key_t k, more[PTHREAD_KEYS_MAX + 1];
	CHECK_EQ(pthread_key_create(&k, NULL), 0);	/* likely key_a's slot again */
	CHECK(pthread_getspecific(k) == NULL);	/* not main_val, left from the deleted key */
	CHECK_EQ(pthread_setspecific(k, &main_val), 0);
	CHECK_EQ(pthread_key_delete(k), 0);
	CHECK_EQ(pthread_key_create(&k, NULL), 0);
	CHECK(pthread_getspecific(k) == NULL);
	/* Now key_b, key_c and k exist: PTHREAD_KEYS_MAX - 3 more can be made. */
	int made = 0, err = 0;
	while (made <= PTHREAD_KEYS_MAX && (err = pthread_key_create(&more[made], NULL)) == 0)
		made++;
	CHECK_EQ(made, PTHREAD_KEYS_MAX - 3);
	CHECK_EQ(err, EAGAIN);
	int not_deleted = 0;
	for (int i = 0; i < made; i++)
		not_deleted += pthread_key_delete(more[i]) != 0;
	CHECK_EQ(not_deleted, 0);
	CHECK_EQ(pthread_key_create(&more[0], NULL), 0);	/* room again */
	CHECK_EQ(pthread_key_delete(more[0]), 0);
	CHECK_EQ(pthread_setspecific(PTHREAD_KEYS_MAX + 7, &main_val), EINVAL);
	CHECK(pthread_getspecific(PTHREAD_KEYS_MAX + 7) == NULL);
	CHECK_EQ(pthread_key_delete(k), 0);
	CHECK_EQ(pthread_key_delete(key_b), 0);
	CHECK_EQ(pthread_key_delete(key_c), 0);
}

/* ---- malloc from threads ---- */

#define MT 4
#define MOPS 40000	/* half of them mallocs, half frees */
#define MSLOTS 64
#define MBOX 16
#define BIG (128 * 1024)

/* A block starts with its size and a tag (who made it, and which), the rest is a byte of the
 * tag's; verified at every 16th byte and the last (big ones: once a page). */
struct block {
	unsigned size, tag;
};

static struct {
	pthread_mutex_t lock;
	struct block *box[MBOX];	/* blocks passed from thread to thread */
} mail = { PTHREAD_MUTEX_INITIALIZER, { 0 } };

struct malloc_seen {
	int index;
	int nulls, misaligned, corrupt, foreign_frees, bigs;
};

static unsigned char tag_byte(unsigned tag)
{
	return (unsigned char)(tag % 251 + 1);
}

static unsigned stride(unsigned size)
{
	return size >= BIG ? 4096 : 16;
}

static struct block *make_block(unsigned size, unsigned tag)
{
	struct block *b = malloc(size);

	if (!b)
		return NULL;
	b->size = size;
	b->tag = tag;
	unsigned char *p = (unsigned char *)b;
	if (size >= BIG) {
		for (unsigned i = sizeof *b; i < size; i += stride(size))
			p[i] = tag_byte(tag);
	} else {
		memset(p + sizeof *b, tag_byte(tag), size - sizeof *b);
	}
	p[size - 1] = tag_byte(tag);
	return b;
}

/* Whether b is as make_block left it. */
static int intact(const struct block *b)
{
	const unsigned char *p = (const unsigned char *)b;
	unsigned char want = tag_byte(b->tag);

	if (b->size < 16 || b->size > BIG + 65536 || p[b->size - 1] != want)
		return 0;
	for (unsigned i = sizeof *b; i < b->size; i += stride(b->size))
		if (p[i] != want)
			return 0;
	return 1;
}

static void *malloc_worker(void *arg)
{
	struct malloc_seen *s = arg;
	struct block *slot[MSLOTS] = { 0 };
	unsigned seed = 12345u + 7919u * (unsigned)s->index;

	for (unsigned op = 0; op < MOPS; op++) {
		int i = rand_r(&seed) % MSLOTS;
		if (op % 256 == 0)
			sched_yield();		/* on one CPU too, the 4 take turns in mid-work */
		if (!slot[i]) {
			unsigned size = op % 1000 == 999 ? BIG + (unsigned)rand_r(&seed) % 65536
							 : 16 + (unsigned)rand_r(&seed) % 4081;
			slot[i] = make_block(size, (unsigned)s->index << 24 | op);
			s->nulls += !slot[i];
			s->misaligned += ((uintptr_t)slot[i] & 7) != 0;
			s->bigs += size >= BIG;
			continue;
		}
		s->corrupt += !intact(slot[i]);
		struct block *b = slot[i];
		slot[i] = NULL;
		if (rand_r(&seed) % 4 == 0) {
			/* Post it, and free what was in the box instead: a block another made. */
			int j = rand_r(&seed) % MBOX;
			pthread_mutex_lock(&mail.lock);
			struct block *old = mail.box[j];
			mail.box[j] = b;
			pthread_mutex_unlock(&mail.lock);
			b = old;
			if (!b)
				continue;
			s->corrupt += !intact(b);
			s->foreign_frees += (int)(b->tag >> 24) != s->index;
		}
		free(b);
	}
	for (int i = 0; i < MSLOTS; i++)
		if (slot[i]) {
			s->corrupt += !intact(slot[i]);
			free(slot[i]);
		}
	return NULL;
}

static void malloc_threads(void)
{
	static struct malloc_seen s[MT];
	pthread_t t[MT];

	part("malloc and free in 4 threads at once, 20000 of each in each (some of 128 KiB and more), "
	     "blocks passed between them and freed by another: nothing overwritten");
	long start = now_ms();
	for (int i = 0; i < MT; i++) {
		s[i].index = i;
		CHECK_EQ(pthread_create(&t[i], NULL, malloc_worker, &s[i]), 0);
	}
	for (int i = 0; i < MT; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	int nulls = 0, misaligned = 0, corrupt = 0, foreign = 0, bigs = 0;
	for (int i = 0; i < MT; i++) {
		nulls += s[i].nulls;
		misaligned += s[i].misaligned;
		corrupt += s[i].corrupt;
		foreign += s[i].foreign_frees;
		bigs += s[i].bigs;
	}
	/* What is left in the box goes here, in the main thread, after its makers ended. */
	for (int j = 0; j < MBOX; j++)
		if (mail.box[j]) {
			corrupt += !intact(mail.box[j]);
			free(mail.box[j]);
			mail.box[j] = NULL;
		}
	CHECK_EQ(nulls, 0);
	CHECK_EQ(misaligned, 0);
	CHECK_EQ(corrupt, 0);
	CHECK(foreign > 0);
	CHECK(bigs > 0);
	if (check_verbose)
		printf("     %d blocks freed by another thread, %d big ones, %ld ms\n", foreign, bigs,
		       now_ms() - start);
	/* And malloc still works from here. */
	struct block *b = make_block(1000, 77);
	CHECK(b && intact(b));
	free(b);
}

/* ---- signals ---- */

static pthread_t volatile usr1_self;
static volatile long usr1_tid;
static volatile int usr1_count;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_self = pthread_self();
	usr1_tid = gettid_();
	bump(&usr1_count);
}

struct sig_target {
	int block;		/* block SIGUSR1 until unblock */
	long tid;
	volatile int ready, unblock, release;
	int usr2_blocked;	/* SIGUSR2 was blocked in it from the start: the creator's mask */
	int mask_ret;
};

static void *sig_target(void *arg)
{
	struct sig_target *s = arg;
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	s->tid = gettid_();
	s->mask_ret = pthread_sigmask(SIG_BLOCK, s->block ? &set : NULL, &old);
	s->usr2_blocked = sigismember(&old, SIGUSR2);
	store(&s->ready, 1);
	if (s->block) {
		park(&s->unblock);
		s->mask_ret |= pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	}
	park(&s->release);
	return NULL;
}

/*
 * qemu-user (7.2) keeps one GDT for all threads: its TLS slot holds the base of the thread
 * made last, and sigreturn reloads %gs from it. So under qemu a thread other than the newest
 * comes back from a signal handler with the newest one's TLS (its pthread_self, its errno),
 * glibc's threads as much as ours. The threads that handle a signal here are each the newest
 * when they do; the main thread handles one only on pagewise.
 */
static void signals(void)
{
	static struct sig_target s[3];
	pthread_t t[3];
	struct sigaction sa, old_sa;
	sigset_t usr2, old;

	part("pthread_kill: SIGUSR1 is handled by the thread named; blocked there, it waits for it");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	CHECK_EQ(sigaction(SIGUSR1, &sa, &old_sa), 0);
	/* Made with SIGUSR2 blocked: a new thread starts with its creator's mask. */
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	CHECK_EQ(pthread_sigmask(SIG_BLOCK, &usr2, &old), 0);
	s[2].block = 1;
	for (int i = 0; i < 2; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, sig_target, &s[i]), 0);
	for (int i = 0; i < 2; i++)
		CHECK(poll_at_least(&s[i].ready, 1, LIMIT_MS));
	CHECK_EQ(pthread_kill(t[1], 0), 0);	/* there: no signal sent */
	CHECK_EQ(usr1_count, 0);
	CHECK_EQ(pthread_kill(t[1], SIGUSR1), 0);
	CHECK(poll_at_least(&usr1_count, 1, LIMIT_MS));
	CHECK(pthread_equal(usr1_self, t[1]));
	CHECK_EQ(usr1_tid, s[1].tid);
	CHECK_EQ(pthread_kill(t[1], 12345), EINVAL);	/* an error number, not -1 and errno */

	CHECK_EQ(pthread_create(&t[2], NULL, sig_target, &s[2]), 0);	/* blocks SIGUSR1 */
	CHECK_EQ(pthread_sigmask(SIG_SETMASK, &old, NULL), 0);
	CHECK(poll_at_least(&s[2].ready, 1, LIMIT_MS));
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(s[i].usr2_blocked, 1);
		CHECK_EQ(s[i].mask_ret, 0);
	}
	CHECK_EQ(pthread_kill(t[2], SIGUSR1), 0);
	sleep_ms(30);
	CHECK_EQ(usr1_count, 1);		/* pending for t[2], which blocks it; nobody else takes it */
	store(&s[2].unblock, 1);
	CHECK(poll_at_least(&usr1_count, 2, LIMIT_MS));
	CHECK(pthread_equal(usr1_self, t[2]));
	CHECK_EQ(usr1_tid, s[2].tid);
	CHECK_EQ(s[2].mask_ret, 0);

	if (on_pagewise()) {
		CHECK_EQ(pthread_kill(pthread_self(), SIGUSR1), 0);
		CHECK(poll_at_least(&usr1_count, 3, LIMIT_MS));
		CHECK(pthread_equal(usr1_self, pthread_self()));
		CHECK_EQ(usr1_tid, getpid());
	}
	for (int i = 0; i < 3; i++) {
		store(&s[i].release, 1);
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	}
	CHECK_EQ(usr1_count, on_pagewise() ? 3 : 2);
	CHECK_EQ(sigaction(SIGUSR1, &old_sa, NULL), 0);

	part("pthread_sigmask: the thread's mask; a bad how is EINVAL, returned, not in errno");
	CHECK_EQ(pthread_sigmask(SIG_BLOCK, &usr2, NULL), 0);
	CHECK_EQ(pthread_sigmask(SIG_BLOCK, NULL, &old), 0);
	CHECK_EQ(sigismember(&old, SIGUSR2), 1);
	CHECK_EQ(pthread_sigmask(SIG_UNBLOCK, &usr2, &old), 0);
	CHECK_EQ(sigismember(&old, SIGUSR2), 1);
	CHECK_EQ(pthread_sigmask(SIG_BLOCK, NULL, &old), 0);
	CHECK_EQ(sigismember(&old, SIGUSR2), 0);
	errno = 0;
	CHECK_EQ(pthread_sigmask(99, &usr2, NULL), EINVAL);
}

/* ---- fork, exit ---- */

static volatile int churn_stop;

/* Busy with malloc and snprintf while another thread forks: the fork may come while this
 * one holds a lock of libc's, which the child (without this thread) must not find held. */
static void *churn(void *arg)
{
	char buf[64];
	unsigned seed = (unsigned)(intptr_t)arg;

	while (!load(&churn_stop)) {
		void *p[8];
		for (int i = 0; i < 8; i++)
			p[i] = malloc(16 + (unsigned)rand_r(&seed) % 2000);
		snprintf(buf, sizeof buf, "%d %s", rand_r(&seed), "churn");
		for (int i = 0; i < 8; i++)
			free(p[i]);
	}
	return NULL;
}

static pthread_t forker_self;

/* What a child of a threaded process does: exit code 0 when it all worked, else which step
 * failed. Its stdout is the pipe out. */
static int in_forked_child(int out)
{
	if (gettid_() != getpid())
		return 2;
	if (!pthread_equal(pthread_self(), forker_self))	/* the thread that forked, copied */
		return 3;
	if (on_pagewise() && status_field("/proc/self/status", "Threads") != 1)
		return 4;
	for (int round = 0; round < 200; round++) {
		struct block *b = make_block(16 + (unsigned)round * 37, (unsigned)round);
		if (!b || !intact(b))
			return 5;
		free(b);
	}
	/* Not under qemu-user (7.2): there a thread made in the child of a process whose other
	 * threads were running trips an assertion of qemu's own (qemu_plugin_vcpu_init_hook),
	 * and the child dies with status 127, glibc's threads as much as ours. */
	pthread_t t;
	void *res = NULL;
	if (on_pagewise() && (pthread_create(&t, NULL, give, (void *)9) != 0 ||
			      pthread_join(t, &res) != 0 || res != (void *)9))
		return 6;
	if (dup2(out, 1) != 1)
		return 7;
	printf("child %d printed\n", 42);
	fflush(stdout);
	return 0;
}

struct forker {
	pid_t pid;
	int out;
};

static void *fork_here(void *arg)
{
	struct forker *f = arg;

	forker_self = pthread_self();
	f->pid = xfork();
	if (f->pid == 0)
		exit(in_forked_child(f->out));
	return NULL;
}

static void fork_from(int from_thread)
{
	static struct forker f;
	pthread_t churners[2], ft;
	int fds[2];
	char text[128];

	store(&churn_stop, 0);
	for (int i = 0; i < 2; i++)
		CHECK_EQ(pthread_create(&churners[i], NULL, churn, (void *)(intptr_t)(i + 1)), 0);
	sleep_ms(5);
	CHECK_EQ(pipe(fds), 0);
	f.out = fds[1];
	f.pid = -1;
	if (from_thread) {
		CHECK_EQ(pthread_create(&ft, NULL, fork_here, &f), 0);
		CHECK_EQ(pthread_join(ft, NULL), 0);
	} else {
		fork_here(&f);
	}
	CHECK(f.pid > 0);
	close(fds[1]);
	CHECK_STATUS(reap(f.pid), EXITED(0));
	drain(fds[0], text, sizeof text);
	CHECK_EQ(strcmp(text, "child 42 printed\n"), 0);
	store(&churn_stop, 1);
	for (int i = 0; i < 2; i++)
		CHECK_EQ(pthread_join(churners[i], NULL), 0);
}

static void *exit_7(void *arg)
{
	(void)arg;
	exit(7);
}

static void exit_in_thread_child(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, exit_7, NULL) != 0)
		_exit(100);
	sleep_ms(LIMIT_MS / 2);		/* outliving this means exit ended only its thread */
	_exit(1);
}

static void *linger(void *arg)
{
	(void)arg;
	sleep_ms(LIMIT_MS / 2);
	_exit(2);			/* the process outlived main's exit */
}

static void main_exits_child(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, linger, NULL) != 0)
		_exit(100);
	sleep_ms(5);
	exit(3);			/* as if main returned 3: the other thread ends too */
}

static int last_pipe;

static void *outlive_main(void *arg)
{
	(void)arg;
	sleep_ms(50);
	if (write(last_pipe, "T", 1) != 1)
		_exit(101);
	return (void *)5;		/* the last thread: the process ends, with status 0 */
}

static void say_atexit(void)
{
	if (write(last_pipe, "A", 1) != 1)
		_exit(102);
}

static void main_pthread_exit_child(void)
{
	pthread_t t;

	atexit(say_atexit);
	if (pthread_create(&t, NULL, outlive_main, NULL) != 0)
		_exit(100);
	pthread_exit(NULL);
}

/* A forked child that runs fn (which must not return); its pid. */
static pid_t spawn_child(void (*fn)(void))
{
	pid_t pid = xfork();

	if (pid == 0) {
		fn();
		_exit(99);
	}
	return pid;
}

static void fork_and_exit(void)
{
	int fds[2];
	char text[16];

	part("fork in a threaded process (2 threads busy in malloc): the child has one thread, "
	     "mallocs, makes a thread, printf works; from the main thread");
	fork_from(0);
	part("the same, forking from a thread other than main");
	fork_from(1);

	part("exit(7) in a thread other than main ends the whole process with 7");
	CHECK_STATUS(reap(spawn_child(exit_in_thread_child)), EXITED(7));
	part("exit(3) in main while another thread runs ends the process with 3");
	CHECK_STATUS(reap(spawn_child(main_exits_child)), EXITED(3));

	part("pthread_exit in main: the other thread goes on; the end of the last one is exit(0)");
	CHECK_EQ(pipe(fds), 0);
	last_pipe = fds[1];
	int st = reap(spawn_child(main_pthread_exit_child));
	close(fds[1]);
	drain(fds[0], text, sizeof text);
	CHECK_STATUS(st, EXITED(0));
	CHECK_EQ(text[0], 'T');			/* the thread ran on after main had gone */
	/* POSIX: "as if the implementation called exit() with a zero argument at thread
	 * termination time", so the atexit handlers run (glibc does so). */
	CHECK_EQ(strcmp(text, "TA"), 0);
	if (strcmp(text, "TA") != 0)
		printf("     the pipe got \"%s\", want \"TA\"\n", text);
}

int main(int argc, char **argv)
{
	struct sigaction sa;

	check_init(argc, argv);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = watchdog;
	sigaction(SIGALRM, &sa, NULL);
	long start = now_ms();
	if (on_pagewise()) {	/* qemu-user starts programs with a %gs of its own */
		section("before the first pthread_create, no TLS segment: %gs is 0");
		unsigned gs;
		__asm__ volatile("movl %%gs, %0" : "=r"(gs));
		CHECK_EQ(gs & 0xffff, 0);
	}
	create_join();
	shared_and_concurrent();
	condvars();
	own_errno();
	attributes();
	detaching();
	mutex_types();
	timed_waits();
	once_only();
	keys();
	malloc_threads();
	signals();
	fork_and_exit();
	alarm(0);
	if (check_verbose)
		printf("     %ld ms in all\n", now_ms() - start);
	return check_done();
}
