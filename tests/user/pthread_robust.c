/*
 * Robust mutexes (pthread_mutexattr_setrobust, pthread_mutex_consistent): a mutex whose
 * holder ends while holding it goes to the next locker with EOWNERDEAD, which either makes
 * it consistent again or leaves it ENOTRECOVERABLE for everyone.
 *   - threads: a holder that returns, one that is detached, one that ends while another
 *     waits for the mutex (the waiter wakes with EOWNERDEAD), and a condition variable's
 *     waiter that gets the mutex back that way;
 *   - recursive, error-checking and normal robust mutexes: counts, EDEADLK, EPERM, EBUSY,
 *     ETIMEDOUT; the attribute's values;
 *   - processes sharing a robust mutex in MAP_SHARED memory: one that exits holding it,
 *     one killed by SIGKILL holding it while another process waits. This part needs the
 *     kernel's robust lists (set_robust_list), which pagewise and Linux have and qemu-user,
 *     standing in for Linux in the host run, has not: there it is left out.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include "check.h"

static pthread_mutex_t *robust_mutex(pthread_mutex_t *m, int type, int pshared)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, type);
	pthread_mutexattr_setpshared(&a, pshared);
	CHECK_EQ(pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST), 0);
	CHECK_EQ(pthread_mutex_init(m, &a), 0);
	return m;
}

static pthread_mutex_t m;
static volatile int locked;

/* Lock m and end without unlocking it, after ms milliseconds. */
static void *lock_and_leave(void *arg)
{
	int ms = (int)(long)arg;
	if (pthread_mutex_lock(&m) == 0)
		__atomic_store_n(&locked, 1, __ATOMIC_SEQ_CST);
	usleep((useconds_t)ms * 1000);
	return NULL;
}

/* A thread that locks m and ends; then main's lock says what it says. */
static int lock_after_holder_ends(int detached)
{
	pthread_t t;
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, detached ? PTHREAD_CREATE_DETACHED : PTHREAD_CREATE_JOINABLE);
	locked = 0;
	CHECK_EQ(pthread_create(&t, &a, lock_and_leave, (void *)0L), 0);
	if (!detached)
		CHECK_EQ(pthread_join(t, NULL), 0);
	else
		CHECK(poll_at_least(&locked, 1, 5000));
	return pthread_mutex_lock(&m);
}

static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static volatile int signalled;

/* Signal the condition variable with m held, and end holding it. */
static void *signal_and_leave(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	signalled = 1;
	pthread_cond_signal(&cv);
	return NULL;
}

static void *lock_for_errors(void *arg)
{
	(void)arg;
	return (void *)(long)pthread_mutex_unlock(&m);	/* not ours: EPERM */
}

/* Does the kernel keep robust lists? (It is asked after a robust lock registered ours.) */
static int kernel_has_robust_lists(void)
{
	void *head;
	size_t len;
	return syscall(__NR_get_robust_list, 0, &head, &len) == 0;
}

static pid_t victim;

static void *kill_victim_later(void *arg)
{
	(void)arg;
	usleep(50 * 1000);
	kill(victim, SIGKILL);
	return NULL;
}

int main(int argc, char **argv)
{
	check_init(argc, argv);

	section("the attribute: STALLED by default, ROBUST, nothing else");
	pthread_mutexattr_t a;
	int v = -1;
	pthread_mutexattr_init(&a);
	CHECK_EQ(pthread_mutexattr_getrobust(&a, &v), 0);
	CHECK_EQ(v, PTHREAD_MUTEX_STALLED);
	CHECK_EQ(pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST), 0);
	CHECK_EQ(pthread_mutexattr_getrobust(&a, &v), 0);
	CHECK_EQ(v, PTHREAD_MUTEX_ROBUST);
	CHECK_EQ(pthread_mutexattr_setrobust(&a, 2), EINVAL);

	section("a holder that returns: EOWNERDEAD, consistent, and it works again");
	robust_mutex(&m, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_PRIVATE);
	CHECK_EQ(lock_after_holder_ends(0), EOWNERDEAD);
	CHECK_EQ(pthread_mutex_consistent(&m), 0);
	CHECK_EQ(pthread_mutex_consistent(&m), EINVAL);	/* consistent already */
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);

	section("unlocked without pthread_mutex_consistent: ENOTRECOVERABLE, until made anew");
	CHECK_EQ(lock_after_holder_ends(0), EOWNERDEAD);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_lock(&m), ENOTRECOVERABLE);
	CHECK_EQ(pthread_mutex_trylock(&m), ENOTRECOVERABLE);
	CHECK_EQ(pthread_mutex_destroy(&m), 0);
	robust_mutex(&m, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_PRIVATE);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);

	section("a detached holder (its list goes with its stack): EOWNERDEAD");
	CHECK_EQ(lock_after_holder_ends(1), EOWNERDEAD);
	CHECK_EQ(pthread_mutex_consistent(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);

	section("a waiter wakes with EOWNERDEAD when the holder ends; trylock says so too");
	pthread_t t;
	locked = 0;
	CHECK_EQ(pthread_create(&t, NULL, lock_and_leave, (void *)100L), 0);
	CHECK(poll_at_least(&locked, 1, 5000));
	CHECK_EQ(pthread_mutex_trylock(&m), EBUSY);
	long t0 = now_ms();
	CHECK_EQ(pthread_mutex_lock(&m), EOWNERDEAD);
	CHECK(now_ms() - t0 >= 40);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(pthread_mutex_consistent(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(lock_after_holder_ends(0), EOWNERDEAD);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);	/* unrecoverable now */
	robust_mutex(&m, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_PRIVATE);
	locked = 0;
	CHECK_EQ(pthread_create(&t, NULL, lock_and_leave, (void *)0L), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(pthread_mutex_trylock(&m), EOWNERDEAD);
	CHECK_EQ(pthread_mutex_consistent(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);

	section("pthread_cond_wait gets the mutex back with EOWNERDEAD");
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_create(&t, NULL, signal_and_leave, NULL), 0);
	int r = 0;
	while (!signalled && (r = pthread_cond_wait(&cv, &m)) == 0)
		;
	CHECK_EQ(r, EOWNERDEAD);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(pthread_mutex_consistent(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);

	section("types: recursive counts, error-checking and normal say EDEADLK, EPERM, ETIMEDOUT");
	robust_mutex(&m, PTHREAD_MUTEX_RECURSIVE, PTHREAD_PROCESS_PRIVATE);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_trylock(&m), 0);
	void *res = NULL;
	CHECK_EQ(pthread_create(&t, NULL, lock_for_errors, NULL), 0);
	CHECK_EQ(pthread_join(t, &res), 0);
	CHECK_EQ((long)res, EPERM);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), EPERM);
	robust_mutex(&m, PTHREAD_MUTEX_ERRORCHECK, PTHREAD_PROCESS_PRIVATE);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_lock(&m), EDEADLK);
	CHECK_EQ(pthread_mutex_trylock(&m), EBUSY);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	robust_mutex(&m, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_PRIVATE);
	CHECK_EQ(pthread_mutex_lock(&m), 0);
	CHECK_EQ(pthread_mutex_lock(&m), EDEADLK);
	CHECK_EQ(pthread_mutex_consistent(&m), EINVAL);	/* never inconsistent */
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	locked = 0;
	CHECK_EQ(pthread_create(&t, NULL, lock_and_leave, (void *)300L), 0);
	CHECK(poll_at_least(&locked, 1, 5000));
	struct timespec soon;
	clock_gettime(CLOCK_REALTIME, &soon);
	soon.tv_nsec += 20 * 1000 * 1000;
	if (soon.tv_nsec >= 1000000000) {
		soon.tv_sec++;
		soon.tv_nsec -= 1000000000;
	}
	CHECK_EQ(pthread_mutex_timedlock(&m, &soon), ETIMEDOUT);
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(pthread_mutex_lock(&m), EOWNERDEAD);
	CHECK_EQ(pthread_mutex_consistent(&m), 0);
	CHECK_EQ(pthread_mutex_unlock(&m), 0);
	pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;
	CHECK_EQ(pthread_mutex_consistent(&plain), EINVAL);	/* not robust */

	if (!kernel_has_robust_lists()) {
		printf("  (no robust lists in this kernel: the processes' part is left out)\n");
		return check_done();
	}
	section("processes: one exits holding a shared robust mutex, one is killed holding it");
	pthread_mutex_t *sm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(sm != MAP_FAILED);
	volatile int *ready = (volatile int *)(sm + 1);
	robust_mutex(sm, PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_SHARED);
	pid_t pid = xfork();
	if (pid == 0)
		_exit(pthread_mutex_lock(sm) == 0 ? 0 : 1);	/* exits holding it */
	int st = -1;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_STATUS(st, EXITED(0));
	CHECK_EQ(pthread_mutex_lock(sm), EOWNERDEAD);
	CHECK_EQ(pthread_mutex_consistent(sm), 0);
	CHECK_EQ(pthread_mutex_unlock(sm), 0);
	*ready = 0;
	victim = xfork();
	if (victim == 0) {
		if (pthread_mutex_lock(sm) == 0)
			__atomic_store_n(ready, 1, __ATOMIC_SEQ_CST);
		for (;;)
			pause();
	}
	CHECK(poll_at_least((volatile int *)ready, 1, 5000));
	CHECK_EQ(pthread_create(&t, NULL, kill_victim_later, NULL), 0);
	CHECK_EQ(pthread_mutex_lock(sm), EOWNERDEAD);	/* asleep until the kill */
	CHECK_EQ(pthread_join(t, NULL), 0);
	CHECK_EQ(waitpid(victim, &st, 0), victim);
	CHECK_STATUS(st, KILLED(SIGKILL));
	CHECK_EQ(pthread_mutex_unlock(sm), 0);	/* not made consistent */
	pid = xfork();
	if (pid == 0)
		_exit(pthread_mutex_lock(sm) == ENOTRECOVERABLE ? 0 : 1);	/* another process sees it */
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_STATUS(st, EXITED(0));
	munmap(sm, 4096);
	return check_done();
}
