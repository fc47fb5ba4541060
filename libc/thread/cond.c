/*
 * Condition variables. The futex word is a sequence number that every signal and broadcast
 * bumps: a waiter reads it before letting go of the mutex and sleeps only while it is
 * unchanged, so a wake-up that lands between the unlock and the sleep is not lost (the
 * futex call sees the new number and returns at once). Waiters may wake spuriously, which
 * POSIX allows: callers loop on their predicate.
 */
#include <errno.h>
#include <limits.h>
#include "pthread_impl.h"

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
	*c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
	if (attr) {
		c->clock = attr->clock;
		c->pshared = attr->pshared;
	}
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	(void)c;
	return 0;
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *deadline)
{
	if (__bad_deadline(deadline))
		return EINVAL;
	int seq = __atomic_load_n(&c->seq, __ATOMIC_ACQUIRE);
	int r = pthread_mutex_unlock(m);
	if (r)
		return r;
	/* A cancellation point, masked: a request is acted on once the mutex is held again, as
	 * POSIX wants it held when the cleanup handlers run. */
	struct pthread *self = __pthread_self();
	self->cancel_masked = 1;
	r = __futex_wait_cp(&c->seq, seq, deadline, c->clock, FUTEX_PRIV(c->pshared));
	self->cancel_masked = 0;
	int relocked = pthread_mutex_lock(m);	/* a robust one: EOWNERDEAD, say */
	if (r == ECANCELED)
		__cancel();
	return relocked ? relocked : r == ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	return pthread_cond_timedwait(c, m, NULL);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	__atomic_fetch_add(&c->seq, 1, __ATOMIC_RELEASE);
	__futex_wake(&c->seq, 1, FUTEX_PRIV(c->pshared));
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	__atomic_fetch_add(&c->seq, 1, __ATOMIC_RELEASE);
	__futex_wake(&c->seq, INT_MAX, FUTEX_PRIV(c->pshared));
	return 0;
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
	*attr = (pthread_condattr_t){ .clock = CLOCK_REALTIME };
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->clock = clock;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock)
{
	*clock = attr->clock;
	return 0;
}
