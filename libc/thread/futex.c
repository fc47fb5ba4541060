/*
 * Futex waits and wakes, and the lock libc's own parts (malloc, stdio, keys) and the mutexes
 * are built on. The lock is the three-state mutex of Drepper's "Futexes Are Tricky": 0 free,
 * 1 held, 2 held with someone maybe asleep. An uncontended lock and unlock are one atomic
 * instruction each and no system call; only a thread that finds it held sleeps in the
 * kernel, and only an unlock that saw a sleeper wakes one.
 *
 * priv is FUTEX_PRIVATE_FLAG for a word of this process alone, 0 for one in memory shared
 * with other processes (a PTHREAD_PROCESS_SHARED object): the kernel then finds waiters by
 * the memory itself, not by this address space.
 */
#include <errno.h>
#include <linux/futex.h>
#include <time.h>
#include "pthread_impl.h"
#include "syscall.h"

/* Sleep while *addr == val, until deadline (absolute, on clock; NULL: no deadline).
 * Returns 0 when woken (or the word had already changed: the caller looks again), ETIMEDOUT
 * or EINTR. */
int __futex_wait(volatile int *addr, int val, const struct timespec *deadline, int clock, int priv)
{
	int op = FUTEX_WAIT_BITSET | priv;
	if (clock == CLOCK_REALTIME)
		op |= FUTEX_CLOCK_REALTIME;
	long r = __syscall(__NR_futex, addr, op, val, deadline, 0, FUTEX_BITSET_MATCH_ANY);
	if (r == -ETIMEDOUT || r == -EINTR)
		return (int)-r;
	return 0;		/* woken, or EAGAIN: *addr was no longer val */
}

/* The same, as a cancellation point (pthread_join, pthread_cond_wait); also ECANCELED, when
 * the caller masked the cancellation to act on it itself. libc's own locks never use it. */
int __futex_wait_cp(volatile int *addr, int val, const struct timespec *deadline, int clock, int priv)
{
	int op = FUTEX_WAIT_BITSET | priv;
	if (clock == CLOCK_REALTIME)
		op |= FUTEX_CLOCK_REALTIME;
	long r = __syscall_cp(__NR_futex, addr, op, val, deadline, 0, FUTEX_BITSET_MATCH_ANY);
	if (r == -ETIMEDOUT || r == -EINTR || r == -ECANCELED)
		return (int)-r;
	return 0;
}

void __futex_wake(volatile int *addr, int n, int priv)
{
	__syscall(__NR_futex, addr, FUTEX_WAKE | priv, n);
}

int __lock_timed(volatile int *l, int priv, const struct timespec *deadline)
{
	int c = __sync_val_compare_and_swap(l, 0, 1);
	if (c == 0)
		return 0;
	/* Held: say there is a waiter (2) and sleep until the holder's unlock wakes us. */
	if (c != 2)
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		if (__futex_wait(l, 2, deadline, CLOCK_REALTIME, priv) == ETIMEDOUT)
			return ETIMEDOUT;
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	}
	return 0;
}

void __unlock_in(volatile int *l, int priv)
{
	if (__atomic_exchange_n(l, 0, __ATOMIC_RELEASE) == 2)
		__futex_wake(l, 1, priv);
}

void __lock(volatile int *l)
{
	__lock_timed(l, FUTEX_PRIVATE_FLAG, NULL);
}

void __unlock(volatile int *l)
{
	__unlock_in(l, FUTEX_PRIVATE_FLAG);
}
