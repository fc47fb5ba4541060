/*
 * The process-shared attribute of mutexes, condition variables, read-write locks and
 * barriers. A shared object lives in memory that processes share (MAP_SHARED), and its futex
 * calls go without FUTEX_PRIVATE_FLAG, so the kernel finds waiters by that memory whichever
 * process they are in.
 */
#include <errno.h>
#include <pthread.h>

static int set(int *field, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	*field = pshared;
	return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *a, int pshared) { return set(&a->pshared, pshared); }
int pthread_condattr_setpshared(pthread_condattr_t *a, int pshared) { return set(&a->pshared, pshared); }
int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *a, int pshared) { return set(&a->pshared, pshared); }
int pthread_barrierattr_setpshared(pthread_barrierattr_t *a, int pshared) { return set(&a->pshared, pshared); }

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *a, int *pshared)
{
	*pshared = a->pshared;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *a, int *pshared)
{
	*pshared = a->pshared;
	return 0;
}

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *a, int *pshared)
{
	*pshared = a->pshared;
	return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *a, int *pshared)
{
	*pshared = a->pshared;
	return 0;
}
