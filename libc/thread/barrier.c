/*
 * Barriers: count threads wait until the last of them arrives. Each round has a sequence
 * number; the last arrival bumps it and wakes the others, which sleep until it differs from
 * the one they arrived in, so a thread that races ahead into the next round does not confuse
 * those still leaving this one. The last arrival gets PTHREAD_BARRIER_SERIAL_THREAD.
 */
#include <errno.h>
#include <limits.h>
#include "pthread_impl.h"

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr, unsigned count)
{
	if (count == 0)
		return EINVAL;
	*b = (pthread_barrier_t){ .count = count, .pshared = attr ? attr->pshared : 0 };
	return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b)
{
	return b->waiting ? EBUSY : 0;
}

int pthread_barrier_wait(pthread_barrier_t *b)
{
	int priv = FUTEX_PRIV(b->pshared);
	__lock_timed(&b->lock, priv, NULL);
	int seq = b->seq;
	if (++b->waiting == b->count) {
		b->waiting = 0;
		__atomic_store_n(&b->seq, seq + 1, __ATOMIC_RELEASE);
		__unlock_in(&b->lock, priv);
		__futex_wake(&b->seq, INT_MAX, priv);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	__unlock_in(&b->lock, priv);
	while (__atomic_load_n(&b->seq, __ATOMIC_ACQUIRE) == seq)
		__futex_wait(&b->seq, seq, NULL, CLOCK_MONOTONIC, priv);
	return 0;
}

int pthread_barrierattr_init(pthread_barrierattr_t *attr)
{
	attr->pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr)
{
	(void)attr;
	return 0;
}
