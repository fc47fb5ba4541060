/*
 * Mutexes. The lock word is __lock's (futex.c): 0 free, 1 held, 2 held and someone may be
 * asleep on it. Recursive and error-checking mutexes also record their holder, which is
 * what lets them answer "already mine" (count one more, or EDEADLK) and "not yours" (EPERM).
 */
#include <errno.h>
#include <stdint.h>
#include "pthread_impl.h"

static int me(void)
{
	return (int)(uintptr_t)__pthread_self();
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	*m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	if (attr)
		m->type = attr->type;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return m->lock ? EBUSY : 0;
}

/* The caller already holds m: what its type says to do then, or -1 if it does not hold it. */
static int relock(pthread_mutex_t *m, int busy_errno)
{
	if (m->type == PTHREAD_MUTEX_NORMAL || m->owner != me())
		return -1;
	if (m->type == PTHREAD_MUTEX_ERRORCHECK)
		return busy_errno;
	m->count++;
	return 0;
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *deadline)
{
	int r = relock(m, EDEADLK);
	if (r >= 0)
		return r;
	int c = __sync_val_compare_and_swap(&m->lock, 0, 1);
	if (c != 0) {
		if (deadline && (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1000000000))
			return EINVAL;
		if (c != 2)
			c = __atomic_exchange_n(&m->lock, 2, __ATOMIC_ACQUIRE);
		while (c != 0) {
			if (__futex_wait(&m->lock, 2, deadline, CLOCK_REALTIME) == ETIMEDOUT)
				return ETIMEDOUT;
			c = __atomic_exchange_n(&m->lock, 2, __ATOMIC_ACQUIRE);
		}
	}
	if (m->type != PTHREAD_MUTEX_NORMAL)
		m->owner = me();
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return pthread_mutex_timedlock(m, NULL);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	int r = relock(m, EBUSY);
	if (r >= 0)
		return r;
	if (__sync_val_compare_and_swap(&m->lock, 0, 1) != 0)
		return EBUSY;
	if (m->type != PTHREAD_MUTEX_NORMAL)
		m->owner = me();
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->type != PTHREAD_MUTEX_NORMAL) {
		if (m->owner != me() || !m->lock)
			return EPERM;
		if (m->count) {
			m->count--;
			return 0;
		}
		m->owner = 0;
	}
	__unlock(&m->lock);
	return 0;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->type = PTHREAD_MUTEX_DEFAULT;
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
