/*
 * Futex waits and wakes, and __lock: the one lock libc's own parts (malloc, stdio, once)
 * take. The lock is the three-state mutex of Drepper's "Futexes Are Tricky": an uncontended
 * lock and unlock are one atomic instruction each and no system call; only a thread that
 * finds it held sleeps in the kernel, and only an unlock that saw a sleeper wakes one.
 */
#include <errno.h>
#include <linux/futex.h>
#include <time.h>
#include "pthread_impl.h"
#include "syscall.h"

static int wait_op(volatile int *addr, int op, int val, const struct timespec *deadline)
{
	long r = __syscall(__NR_futex, addr, op, val, deadline, 0, FUTEX_BITSET_MATCH_ANY);
	if (r == -ETIMEDOUT || r == -EINTR)
		return (int)-r;
	return 0;		/* woken, or EAGAIN: *addr was no longer val */
}

/* Sleep while *addr == val, until deadline (absolute, on clock; NULL: no deadline).
 * Returns 0 when woken (or the word had already changed: the caller looks again), ETIMEDOUT
 * or EINTR. */
int __futex_wait(volatile int *addr, int val, const struct timespec *deadline, int clock)
{
	int op = FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG;
	if (clock == CLOCK_REALTIME)
		op |= FUTEX_CLOCK_REALTIME;
	return wait_op(addr, op, val, deadline);
}

/* The same without a deadline, for a word the kernel itself wakes: a thread's tid, which
 * CLONE_CHILD_CLEARTID zeroes at its end. That wake is a shared one, and Linux keeps private
 * and shared waiters apart (pagewise does not), so this wait must be shared too. */
int __futex_wait_shared(volatile int *addr, int val)
{
	return wait_op(addr, FUTEX_WAIT_BITSET, val, NULL);
}
void __futex_wake(volatile int *addr, int n)
{
	__syscall(__NR_futex, addr, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, n);
}

void __lock(volatile int *l)
{
	int c = __sync_val_compare_and_swap(l, 0, 1);
	if (c == 0)
		return;
	/* Held: say there is a waiter (2) and sleep until the holder's unlock wakes us. */
	if (c != 2)
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		__futex_wait(l, 2, NULL, CLOCK_MONOTONIC);
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	}
}

void __unlock(volatile int *l)
{
	if (__atomic_exchange_n(l, 0, __ATOMIC_RELEASE) == 2)
		__futex_wake(l, 1);
}
