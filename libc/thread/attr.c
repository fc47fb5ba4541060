/* Thread attributes: how big a stack, how big a guard below it, joinable or detached. */
#include <errno.h>
#include <pthread.h>

int pthread_attr_init(pthread_attr_t *attr)
{
	*attr = (pthread_attr_t){ .stacksize = PTHREAD_STACK_DEFAULT, .guardsize = 4096,
				  .detachstate = PTHREAD_CREATE_JOINABLE };
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN || size > (1u << 30))
		return EINVAL;
	attr->stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->stacksize;
	return 0;
}

/* Rounded up to whole pages when the thread is made; 0 means no guard at all. */
int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
	if (size > (1u << 30))
		return EINVAL;
	attr->guardsize = size;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->guardsize;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->detachstate;
	return 0;
}
