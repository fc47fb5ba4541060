/* pthread_once: the first caller runs fn; the others wait until it has returned. */
#include <limits.h>
#include "pthread_impl.h"

enum { ONCE_NEW, ONCE_RUNNING, ONCE_DONE };

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	if (__atomic_load_n(once, __ATOMIC_ACQUIRE) == ONCE_DONE)
		return 0;
	if (__sync_val_compare_and_swap(once, ONCE_NEW, ONCE_RUNNING) == ONCE_NEW) {
		fn();
		__atomic_store_n(once, ONCE_DONE, __ATOMIC_RELEASE);
		__futex_wake(once, INT_MAX, FUTEX_PRIV(0));
		return 0;
	}
	while (__atomic_load_n(once, __ATOMIC_ACQUIRE) == ONCE_RUNNING)
		__futex_wait(once, ONCE_RUNNING, NULL, CLOCK_MONOTONIC, FUTEX_PRIV(0));
	return 0;
}
