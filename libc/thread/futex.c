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

/* FUTEX_WAIT_BITSET's op for a deadline on clock. */
static int wait_op(int clock, int priv)
{
	return FUTEX_WAIT_BITSET | priv | (clock == CLOCK_REALTIME ? FUTEX_CLOCK_REALTIME : 0);
}

/* What a wait answers: ETIMEDOUT, EINTR, ECANCELED (a masked cancellation, _cp only), or 0
 * when woken (or the word had already changed, EAGAIN: the caller looks again). */
static int wait_result(long r)
{
	return r == -ETIMEDOUT || r == -EINTR || r == -ECANCELED ? (int)-r : 0;
}

/* Sleep while *addr == val, until deadline (absolute, on clock; NULL: no deadline). */
int __futex_wait(volatile int *addr, int val, const struct timespec *deadline, int clock, int priv)
{
	return wait_result(__syscall(__NR_futex, addr, wait_op(clock, priv), val, deadline, 0,
				     FUTEX_BITSET_MATCH_ANY));
}

/* The same, as a cancellation point (pthread_join, pthread_cond_wait); ECANCELED when the
 * caller masked the cancellation to act on it itself. libc's own locks never use it. */
int __futex_wait_cp(volatile int *addr, int val, const struct timespec *deadline, int clock, int priv)
{
	return wait_result(__syscall_cp(__NR_futex, addr, wait_op(clock, priv), val, deadline, 0,
					FUTEX_BITSET_MATCH_ANY));
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
