/*
 * Robust mutexes (pthread_mutexattr_setrobust). When the thread holding one ends without
 * unlocking it (pthread_exit, or its process killed), the next locker gets it with
 * EOWNERDEAD instead of waiting forever, and chooses: repair what it guards and call
 * pthread_mutex_consistent, or unlock it as it is, after which it is ENOTRECOVERABLE for
 * everyone. For a process-shared mutex that is the difference between a crashed worker and
 * a hung system.
 *
 * The lock word is Linux's robust futex: the holder's tid, with FUTEX_WAITERS when someone
 * may be asleep on it, and FUTEX_OWNER_DIED once its holder has ended. Each thread keeps the
 * robust mutexes it holds in a circular list whose head it gives the kernel
 * (set_robust_list): when the thread dies, the kernel walks it, marks each word it still
 * holds FUTEX_OWNER_DIED and wakes a waiter (kernel/futex.c). The head's pending slot names
 * a mutex between its lock word and the list, so that dying in between loses nothing. A
 * thread ending through pthread_exit does the kernel's part itself, as glibc does: a
 * detached thread's list goes away with its stack before the kernel would look.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stddef.h>
#include <time.h>
#include "pthread_impl.h"
#include "syscall.h"

enum { CONSISTENT, INCONSISTENT, NOT_RECOVERABLE };	/* pthread_mutex_t.state */

/* A list node is two pointers, next then prev (the head has only next): a held mutex's
 * robust_next and robust_prev, which the kernel finds the lock word from. */
#define LOCK_FROM_NODE ((long)offsetof(pthread_mutex_t, lock) - (long)offsetof(pthread_mutex_t, robust_next))

static struct robust_head *list_of(struct pthread *t)
{
	struct robust_head *h = &t->robust;
	if (!h->next) {
		h->next = h;
		h->futex_offset = LOCK_FROM_NODE;
		h->pending = NULL;
		/* A kernel without robust lists (qemu-user) says ENOSYS: then only pthread_exit
		 * hands mutexes on. */
		__syscall(__NR_set_robust_list, h, sizeof *h);
	}
	return h;
}

static void link_held(struct robust_head *h, pthread_mutex_t *m)
{
	void **first = h->next;
	m->robust_next = first;
	m->robust_prev = h;
	if ((void *)first != (void *)h)
		first[1] = &m->robust_next;
	h->next = &m->robust_next;
}

static void unlink_held(pthread_mutex_t *m)
{
	void **prev = m->robust_prev, **next = m->robust_next;
	prev[0] = next;
	if ((void *)next != (void *)&__pthread_self()->robust)
		next[1] = prev;
}

int __robust_lock(pthread_mutex_t *m, const struct timespec *deadline, int try)
{
	int tid = __pthread_tid();
	if (__atomic_load_n(&m->state, __ATOMIC_ACQUIRE) == NOT_RECOVERABLE)
		return ENOTRECOVERABLE;
	if ((__atomic_load_n(&m->lock, __ATOMIC_RELAXED) & FUTEX_TID_MASK) == tid) {
		if (m->type != PTHREAD_MUTEX_RECURSIVE)
			return try ? EBUSY : EDEADLK;	/* a normal one too: better than hanging */
		if (m->count == INT_MAX)
			return EAGAIN;
		m->count++;
		return 0;
	}
	struct robust_head *h = list_of(__pthread_self());
	int want = tid, died = 0;
	for (;;) {
		h->pending = &m->robust_next;
		int old = __sync_val_compare_and_swap(&m->lock, 0, want);
		if (old == 0)
			break;
		if (old & FUTEX_OWNER_DIED) {
			/* Its holder ended: take it as it is, FUTEX_WAITERS kept for the others. */
			if (__sync_bool_compare_and_swap(&m->lock, old, want | (old & FUTEX_WAITERS))) {
				died = 1;
				break;
			}
			continue;
		}
		h->pending = NULL;
		if (try)
			return EBUSY;
		/* A bad deadline is EINVAL only when it would have to wait, as POSIX says. */
		if (__bad_deadline(deadline))
			return EINVAL;
		if (!(old & FUTEX_WAITERS) &&
		    !__sync_bool_compare_and_swap(&m->lock, old, old | FUTEX_WAITERS))
			continue;
		if (__futex_wait(&m->lock, old | FUTEX_WAITERS, deadline, CLOCK_REALTIME,
				 FUTEX_PRIV(m->pshared)) == ETIMEDOUT)
			return ETIMEDOUT;
		want = tid | FUTEX_WAITERS;	/* others may still sleep: the unlock must look */
	}
	link_held(h, m);
	h->pending = NULL;
	m->owner = tid;
	if (died) {
		__atomic_store_n(&m->state, INCONSISTENT, __ATOMIC_RELEASE);
		return EOWNERDEAD;
	}
	if (__atomic_load_n(&m->state, __ATOMIC_ACQUIRE) == NOT_RECOVERABLE) {
		__robust_unlock(m);	/* made unrecoverable while we waited */
		return ENOTRECOVERABLE;
	}
	return 0;
}

int __robust_unlock(pthread_mutex_t *m)
{
	if ((__atomic_load_n(&m->lock, __ATOMIC_RELAXED) & FUTEX_TID_MASK) != __pthread_tid())
		return EPERM;
	if (m->count) {
		m->count--;
		return 0;
	}
	struct robust_head *h = &__pthread_self()->robust;
	h->pending = &m->robust_next;
	unlink_held(m);
	m->owner = 0;
	/* Unlocked without pthread_mutex_consistent: nobody may trust it again. */
	int dead_end = __atomic_load_n(&m->state, __ATOMIC_RELAXED) == INCONSISTENT;
	if (dead_end)
		__atomic_store_n(&m->state, NOT_RECOVERABLE, __ATOMIC_RELEASE);
	int old = __atomic_exchange_n(&m->lock, 0, __ATOMIC_RELEASE);
	if (old & FUTEX_WAITERS)
		__futex_wake(&m->lock, dead_end ? INT_MAX : 1, FUTEX_PRIV(m->pshared));
	h->pending = NULL;
	return 0;
}

int pthread_mutex_consistent(pthread_mutex_t *m)
{
	if (!m->robust || __atomic_load_n(&m->state, __ATOMIC_RELAXED) != INCONSISTENT ||
	    (m->lock & FUTEX_TID_MASK) != __pthread_tid())
		return EINVAL;
	__atomic_store_n(&m->state, CONSISTENT, __ATOMIC_RELEASE);
	return 0;
}

/* pthread_exit: what the kernel does for a thread that dies holding robust mutexes. Then the
 * kernel is told there is no list: the thread's memory may be gone before it exits. */
void __robust_release(struct pthread *t)
{
	struct robust_head *h = &t->robust;
	if (!h->next)
		return;
	while (h->next != (void *)h) {
		pthread_mutex_t *m = (pthread_mutex_t *)((char *)h->next - offsetof(pthread_mutex_t, robust_next));
		unlink_held(m);
		m->count = 0;
		m->owner = 0;
		int old = __atomic_load_n(&m->lock, __ATOMIC_RELAXED);
		while (!__sync_bool_compare_and_swap(&m->lock, old, (old & FUTEX_WAITERS) | FUTEX_OWNER_DIED))
			old = __atomic_load_n(&m->lock, __ATOMIC_RELAXED);
		if (old & FUTEX_WAITERS)
			__futex_wake(&m->lock, 1, FUTEX_PRIV(m->pshared));
	}
	__syscall(__NR_set_robust_list, NULL, sizeof *h);
	h->next = NULL;
}
