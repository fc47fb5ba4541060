/*
 * Mutexes. The lock word is futex.c's: 0 free, 1 held, 2 held and someone may be asleep on
 * it. Recursive and error-checking mutexes also record their holder's tid, which is what lets
 * them answer "already mine" (count one more, or EDEADLK) and "not yours" (EPERM); a tid
 * names a thread in every process, so that works for a process-shared mutex too. Robust
 * mutexes keep the holder's tid in the lock word itself, as the kernel wants it: robust.c.
 */
#include <errno.h>
#include "pthread_impl.h"

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	*m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	if (attr) {
		m->type = attr->type;
		m->pshared = attr->pshared;
		m->robust = attr->robust;
	}
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return m->lock ? EBUSY : 0;
}

/* The caller already holds m: what its type says to do then, or -1 if it does not hold it. */
static int relock(pthread_mutex_t *m, int busy_errno)
{
	if (m->type == PTHREAD_MUTEX_NORMAL || m->owner != __pthread_tid())
		return -1;
	if (m->type == PTHREAD_MUTEX_ERRORCHECK)
		return busy_errno;
	m->count++;
	return 0;
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *deadline)
{
	if (m->robust)
		return __robust_lock(m, deadline, 0);
	int r = relock(m, EDEADLK);
	if (r >= 0)
		return r;
	if (__sync_val_compare_and_swap(&m->lock, 0, 1) != 0) {
		/* A bad deadline is EINVAL only when it would have to wait, as POSIX says. */
		if (__bad_deadline(deadline))
			return EINVAL;
		if ((r = __lock_timed(&m->lock, FUTEX_PRIV(m->pshared), deadline)))
			return r;
	}
	if (m->type != PTHREAD_MUTEX_NORMAL)
		m->owner = __pthread_tid();
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return pthread_mutex_timedlock(m, NULL);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	if (m->robust)
		return __robust_lock(m, NULL, 1);
	int r = relock(m, EBUSY);
	if (r >= 0)
		return r;
	if (__sync_val_compare_and_swap(&m->lock, 0, 1) != 0)
		return EBUSY;
	if (m->type != PTHREAD_MUTEX_NORMAL)
		m->owner = __pthread_tid();
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->robust)
		return __robust_unlock(m);
	if (m->type != PTHREAD_MUTEX_NORMAL) {
		if (m->owner != __pthread_tid() || !m->lock)
			return EPERM;
		if (m->count) {
			m->count--;
			return 0;
		}
		m->owner = 0;
	}
	__unlock_in(&m->lock, FUTEX_PRIV(m->pshared));
	return 0;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	*attr = (pthread_mutexattr_t){ .type = PTHREAD_MUTEX_DEFAULT };
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE &&
	    type != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
	*type = attr->type;
	return 0;
}

int pthread_mutexattr_setrobust(pthread_mutexattr_t *attr, int robust)
{
	if (robust != PTHREAD_MUTEX_STALLED && robust != PTHREAD_MUTEX_ROBUST)
		return EINVAL;
	attr->robust = robust;
	return 0;
}

int pthread_mutexattr_getrobust(const pthread_mutexattr_t *attr, int *robust)
{
	*robust = attr->robust;
	return 0;
}
