/*
 * Read-write locks: any number of readers, or one writer. The state sits behind a __lock;
 * a thread that cannot have the lock reads the sequence number under that lock and sleeps
 * on it, and whoever makes the lock free bumps it and wakes every sleeper to try again.
 * Readers go first (glibc's default, PTHREAD_RWLOCK_PREFER_READER_NP): a reader gets the lock
 * whenever no writer holds it, even with writers waiting, so a steady stream of readers can
 * keep a writer out.
 */
#include <errno.h>
#include <limits.h>
#include "pthread_impl.h"

enum want { READ, WRITE };

/* Take rw for w if it is free for that: 0, or EBUSY, or EDEADLK (we write-hold it). Lock
 * held; *seq is what to sleep on otherwise. */
static int try_take(pthread_rwlock_t *rw, enum want w, int *seq)
{
	int me = __pthread_tid();
	if (rw->writer == me)
		return EDEADLK;
	if (!rw->writer && (w == READ || !rw->readers)) {
		if (w == READ)
			rw->readers++;
		else
			rw->writer = me;
		return 0;
	}
	*seq = rw->seq;
	return EBUSY;
}

static int take(pthread_rwlock_t *rw, enum want w, const struct timespec *deadline, int wait)
{
	int priv = FUTEX_PRIV(rw->pshared);
	if (__bad_deadline(deadline))
		return EINVAL;
	for (;;) {
		int seq;
		__lock_timed(&rw->lock, priv, NULL);
		int r = try_take(rw, w, &seq);
		__unlock_in(&rw->lock, priv);
		if (r != EBUSY || !wait)
			return r;
		if (__futex_wait(&rw->seq, seq, deadline, CLOCK_REALTIME, priv) == ETIMEDOUT)
			return ETIMEDOUT;
	}
}

int pthread_rwlock_rdlock(pthread_rwlock_t *rw) { return take(rw, READ, NULL, 1); }
int pthread_rwlock_tryrdlock(pthread_rwlock_t *rw) { return take(rw, READ, NULL, 0); }
int pthread_rwlock_wrlock(pthread_rwlock_t *rw) { return take(rw, WRITE, NULL, 1); }
int pthread_rwlock_trywrlock(pthread_rwlock_t *rw) { return take(rw, WRITE, NULL, 0); }

int pthread_rwlock_timedrdlock(pthread_rwlock_t *rw, const struct timespec *deadline)
{
	return take(rw, READ, deadline, 1);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *rw, const struct timespec *deadline)
{
	return take(rw, WRITE, deadline, 1);
}

int pthread_rwlock_unlock(pthread_rwlock_t *rw)
{
	int r = 0, priv = FUTEX_PRIV(rw->pshared);
	__lock_timed(&rw->lock, priv, NULL);
	if (rw->writer == __pthread_tid())
		rw->writer = 0;
	else if (rw->readers && !rw->writer)
		rw->readers--;
	else
		r = EPERM;
	int now_free = !r && !rw->readers && !rw->writer;
	if (now_free)
		rw->seq++;
	__unlock_in(&rw->lock, priv);
	if (now_free)
		__futex_wake(&rw->seq, INT_MAX, priv);
	return r;
}

int pthread_rwlock_init(pthread_rwlock_t *rw, const pthread_rwlockattr_t *attr)
{
	*rw = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
	if (attr)
		rw->pshared = attr->pshared;
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *rw)
{
	return rw->readers || rw->writer ? EBUSY : 0;
}

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
	attr->pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
	(void)attr;
	return 0;
}
