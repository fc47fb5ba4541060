/*
 * Read-write locks, barriers and spinlocks (pthread.h), on both kernels:
 *
 *   - rwlock: many readers at once (all of them inside together), a writer alone (no reader
 *     or writer inside with it), the refusals (EBUSY, EDEADLK, EPERM), time-outs that end at
 *     their deadline, and a shared table kept consistent by 4 threads mixing both;
 *   - barrier: EINVAL for a count of 0; rounds in which nobody leaves before the last
 *     arrives, exactly one PTHREAD_BARRIER_SERIAL_THREAD per round, and threads racing into
 *     the next round while others still leave this one;
 *   - spinlock: a counter kept exact by 4 threads; trylock's EBUSY;
 *   - PTHREAD_PROCESS_SHARED, in MAP_SHARED memory across fork: a mutex keeps a counter
 *     exact over 3 processes, a condition variable passes a turn back and forth, an
 *     error-checking mutex knows its owner is in another process, a barrier holds 3.
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "check.h"

#define NT 4
#define LIMIT_MS 5000

/* A deadline ms from now on CLOCK_REALTIME, as the timed calls want. */
static struct timespec in_ms(long ms)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += (ms % 1000) * 1000000L;
	ts.tv_sec += ms / 1000 + ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	return ts;
}

/* ---- read-write locks ---- */

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static volatile int readers_in, max_readers_in, release_readers, writer_in, overlap;

static void *reader(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&rw);
	int n = __atomic_add_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
	/* The highest n wins even when two readers get here at once (on Linux they run in
	 * parallel: a plain compare-and-store let a late 3 overwrite a 4). */
	int seen = __atomic_load_n(&max_readers_in, __ATOMIC_SEQ_CST);
	while (n > seen && !__atomic_compare_exchange_n(&max_readers_in, &seen, n, 0,
							__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
	if (writer_in)
		overlap = 1;
	poll_at_least(&release_readers, 1, LIMIT_MS);
	__atomic_sub_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
	pthread_rwlock_unlock(&rw);
	return NULL;
}

static void *writer(void *arg)
{
	volatile int *done = arg;
	pthread_rwlock_wrlock(&rw);
	writer_in = 1;
	if (readers_in)
		overlap = 1;
	usleep(20000);
	writer_in = 0;
	pthread_rwlock_unlock(&rw);
	__atomic_store_n(done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* A table whose entries must always be equal: writers change all of them, readers check. */
#define TABLE 64
static int table[TABLE];
static volatile int torn;

static void *mixer(void *arg)
{
	unsigned r = (unsigned)(uintptr_t)arg * 2654435761u;
	for (int i = 0; i < 400; i++) {
		r = r * 1103515245u + 12345u;
		if (r >> 30 == 0) {
			pthread_rwlock_wrlock(&rw);
			for (int k = 0; k < TABLE; k++) {
				table[k]++;
				if (k % 16 == 0)
					sched_yield();
			}
			pthread_rwlock_unlock(&rw);
		} else {
			pthread_rwlock_rdlock(&rw);
			for (int k = 1; k < TABLE; k++)
				if (table[k] != table[0])
					torn = 1;
			pthread_rwlock_unlock(&rw);
		}
	}
	return NULL;
}

static void *try_both(void *arg)
{
	int *r = arg;
	r[0] = pthread_rwlock_tryrdlock(&rw);
	r[1] = pthread_rwlock_trywrlock(&rw);
	struct timespec d = in_ms(50);
	long t0 = now_ms();
	r[2] = pthread_rwlock_timedwrlock(&rw, &d);
	r[3] = now_ms() - t0 >= 45;
	r[4] = pthread_rwlock_unlock(&rw);	/* holds nothing */
	return NULL;
}

static void rwlocks(void)
{
	pthread_t t[NT], w;
	volatile int wdone = 0;

	section("rwlock: 4 readers inside at once");
	for (int i = 0; i < NT; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, reader, NULL), 0);
	CHECK(poll_at_least(&readers_in, NT, LIMIT_MS));
	CHECK_EQ(max_readers_in, NT);

	section("rwlock: a writer waits for the readers to leave, then is alone");
	CHECK_EQ(pthread_create(&w, NULL, writer, (void *)&wdone), 0);
	usleep(30000);
	CHECK_EQ(writer_in, 0);				/* still out: readers hold it */
	CHECK_EQ(pthread_rwlock_trywrlock(&rw), EBUSY);
	release_readers = 1;
	for (int i = 0; i < NT; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK(poll_at_least(&wdone, 1, LIMIT_MS));
	CHECK_EQ(pthread_join(w, NULL), 0);
	CHECK_EQ(overlap, 0);

	section("rwlock: refusals and time-outs while main holds it to write");
	CHECK_EQ(pthread_rwlock_wrlock(&rw), 0);
	CHECK_EQ(pthread_rwlock_wrlock(&rw), EDEADLK);
	CHECK_EQ(pthread_rwlock_rdlock(&rw), EDEADLK);
	int r[5] = { -1, -1, -1, -1, -1 };
	CHECK_EQ(pthread_create(&w, NULL, try_both, r), 0);
	CHECK_EQ(pthread_join(w, NULL), 0);
	CHECK_EQ(r[0], EBUSY);
	CHECK_EQ(r[1], EBUSY);
	CHECK_EQ(r[2], ETIMEDOUT);
	CHECK(r[3]);
	CHECK_EQ(r[4], EPERM);
	struct timespec bad = { 0, 1000000000 };
	CHECK_EQ(pthread_rwlock_unlock(&rw), 0);
	CHECK_EQ(pthread_rwlock_destroy(&rw), 0);
	CHECK_EQ(pthread_rwlock_wrlock(&rw), 0);
	CHECK_EQ(pthread_rwlock_destroy(&rw), EBUSY);
	CHECK_EQ(pthread_rwlock_unlock(&rw), 0);
	CHECK_EQ(pthread_rwlock_timedrdlock(&rw, &bad), EINVAL);

	section("rwlock: 4 threads reading and writing one table never see it half-written");
	for (int i = 0; i < NT; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, mixer, (void *)(uintptr_t)(i + 1)), 0);
	for (int i = 0; i < NT; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(torn, 0);
	int equal = 1;
	for (int k = 1; k < TABLE; k++)
		equal &= table[k] == table[0];
	CHECK(equal && table[0] > 0);
}

/* ---- barriers ---- */

#define ROUNDS 50
static pthread_barrier_t bar;
static volatile int arrived[ROUNDS], early_leaver, serials[ROUNDS];

static void *rounds(void *arg)
{
	(void)arg;
	for (int k = 0; k < ROUNDS; k++) {
		__atomic_add_fetch(&arrived[k], 1, __ATOMIC_SEQ_CST);
		int r = pthread_barrier_wait(&bar);
		/* Past the barrier, everyone has arrived in this round. */
		if (__atomic_load_n(&arrived[k], __ATOMIC_SEQ_CST) != NT)
			early_leaver = 1;
		if (r == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_add_fetch(&serials[k], 1, __ATOMIC_SEQ_CST);
		else if (r != 0)
			early_leaver = 1;
	}
	return NULL;
}

static void barriers(void)
{
	pthread_t t[NT];

	section("barrier: a count of 0 is EINVAL");
	CHECK_EQ(pthread_barrier_init(&bar, NULL, 0), EINVAL);

	section("barrier: 50 rounds of 4 threads: nobody leaves early, one serial thread a round");
	CHECK_EQ(pthread_barrier_init(&bar, NULL, NT), 0);
	for (int i = 0; i < NT; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, rounds, NULL), 0);
	for (int i = 0; i < NT; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(early_leaver, 0);
	int one_each = 1;
	for (int k = 0; k < ROUNDS; k++)
		one_each &= serials[k] == 1;
	CHECK(one_each);
	CHECK_EQ(pthread_barrier_destroy(&bar), 0);
}

/* ---- spinlocks ---- */

static pthread_spinlock_t spin;
static long spun;

static void *spinner(void *arg)
{
	(void)arg;
	for (int i = 0; i < 5000; i++) {
		pthread_spin_lock(&spin);
		long v = spun;
		if (i % 500 == 0)
			sched_yield();	/* give the others a chance to find it held */
		spun = v + 1;
		pthread_spin_unlock(&spin);
	}
	return NULL;
}

static void spinlocks(void)
{
	pthread_t t[NT];

	section("spinlock: trylock on a held lock is EBUSY");
	CHECK_EQ(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0);
	CHECK_EQ(pthread_spin_trylock(&spin), 0);
	CHECK_EQ(pthread_spin_trylock(&spin), EBUSY);
	CHECK_EQ(pthread_spin_unlock(&spin), 0);

	section("spinlock: 4 threads x 5000 increments, exact");
	for (int i = 0; i < NT; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, spinner, NULL), 0);
	for (int i = 0; i < NT; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(spun, NT * 5000L);
	CHECK_EQ(pthread_spin_destroy(&spin), 0);
}

/* ---- process-shared ---- */

struct shared {
	pthread_mutex_t m, owned;
	pthread_cond_t c;
	pthread_barrier_t b;
	int counter, turn, rounds_seen[3], owned_locked;
};

#define PROCS 3
#define ADDS 2000
#define TURNS 100

/* What each of the PROCS processes does (who = 0 is the parent): add to the counter under
 * the mutex, take turns through the condition variable, pass the barrier 20 times. */
static int share_work(struct shared *s, int who)
{
	for (int i = 0; i < ADDS; i++) {
		pthread_mutex_lock(&s->m);
		int v = s->counter;
		if (i % 200 == 0)
			sched_yield();	/* let the others find it held */
		s->counter = v + 1;
		pthread_mutex_unlock(&s->m);
	}
	for (int i = 0; i < TURNS; i++) {	/* turns go 0, 1, 2, 0, 1, 2 ... */
		pthread_mutex_lock(&s->m);
		while (s->turn % PROCS != who)
			pthread_cond_wait(&s->c, &s->m);
		s->turn++;
		pthread_cond_broadcast(&s->c);
		pthread_mutex_unlock(&s->m);
	}
	int bad = 0;
	for (int k = 0; k < 20; k++) {
		__atomic_add_fetch(&s->rounds_seen[who], 1, __ATOMIC_SEQ_CST);
		pthread_barrier_wait(&s->b);
		for (int j = 0; j < PROCS; j++)	/* nobody is past this round before all arrive */
			bad |= __atomic_load_n(&s->rounds_seen[j], __ATOMIC_SEQ_CST) < k + 1;
		pthread_barrier_wait(&s->b);
	}
	return bad;
}

static void process_shared(void)
{
	struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				-1, 0);
	CHECK(s != MAP_FAILED);
	if (s == MAP_FAILED)
		return;

	section("pshared attributes: set, read back, EINVAL for anything else");
	pthread_mutexattr_t ma;
	pthread_condattr_t ca;
	pthread_barrierattr_t ba;
	int v = -1;
	pthread_mutexattr_init(&ma);
	CHECK_EQ(pthread_mutexattr_getpshared(&ma, &v), 0);
	CHECK_EQ(v, PTHREAD_PROCESS_PRIVATE);
	CHECK_EQ(pthread_mutexattr_setpshared(&ma, 7), EINVAL);
	CHECK_EQ(pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED), 0);
	CHECK_EQ(pthread_mutexattr_getpshared(&ma, &v), 0);
	CHECK_EQ(v, PTHREAD_PROCESS_SHARED);
	pthread_condattr_init(&ca);
	CHECK_EQ(pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED), 0);
	pthread_barrierattr_init(&ba);
	CHECK_EQ(pthread_barrierattr_setpshared(&ba, PTHREAD_PROCESS_SHARED), 0);
	CHECK_EQ(pthread_mutex_init(&s->m, &ma), 0);
	CHECK_EQ(pthread_cond_init(&s->c, &ca), 0);
	CHECK_EQ(pthread_barrier_init(&s->b, &ba, PROCS), 0);
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
	CHECK_EQ(pthread_mutex_init(&s->owned, &ma), 0);

	section("3 processes: a shared mutex keeps the counter exact, turns pass in order, the barrier holds");
	pid_t kids[PROCS - 1];
	for (int i = 1; i < PROCS; i++) {
		kids[i - 1] = xfork();
		if (kids[i - 1] == 0) {
			alarm(30);
			_exit(share_work(s, i));
		}
	}
	int bad = share_work(s, 0);
	int all_ok = 1;
	for (int i = 0; i < PROCS - 1; i++) {
		int st = -1;
		all_ok &= waitpid(kids[i], &st, 0) == kids[i] && st == EXITED(0);
	}
	CHECK(all_ok);
	CHECK_EQ(bad, 0);
	CHECK_EQ(s->counter, PROCS * ADDS);
	CHECK_EQ(s->turn, PROCS * TURNS);

	section("an error-checking shared mutex held by another process: EBUSY, and not ours: EPERM");
	int go[2];
	CHECK_EQ(pipe(go), 0);
	pid_t holder = xfork();
	if (holder == 0) {
		char byte;
		alarm(30);
		pthread_mutex_lock(&s->owned);
		__atomic_store_n(&s->owned_locked, 1, __ATOMIC_SEQ_CST);
		if (read(go[0], &byte, 1) != 1)	/* hold it until the parent has tried */
			_exit(1);
		_exit(pthread_mutex_unlock(&s->owned));
	}
	CHECK(poll_at_least(&s->owned_locked, 1, LIMIT_MS));
	CHECK_EQ(pthread_mutex_trylock(&s->owned), EBUSY);
	CHECK_EQ(pthread_mutex_unlock(&s->owned), EPERM);
	CHECK_EQ(write(go[1], "x", 1), 1);
	int st = -1;
	CHECK_EQ(waitpid(holder, &st, 0), holder);
	CHECK_STATUS(st, EXITED(0));
	CHECK_EQ(pthread_mutex_lock(&s->owned), 0);	/* free again, and now ours */
	CHECK_EQ(pthread_mutex_unlock(&s->owned), 0);
	munmap(s, sizeof *s);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	alarm(60);		/* a lost wake-up ends the test instead of hanging it */
	rwlocks();
	barriers();
	spinlocks();
	process_shared();
	return check_done();
}
