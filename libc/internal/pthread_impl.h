/*
 * The inside of a thread, and the futex lock libc's own parts use.
 *
 * Each thread made by pthread_create lives in one anonymous mapping:
 *
 *	[ guard (PROT_NONE) | stack, growing down ... | __thread block | struct pthread ]
 *	map                                            ^ the stack starts here
 *
 * so joining or detaching frees all of it with one munmap. The main thread's struct is a
 * static, or in a mapping of its own when the program has __thread variables (self.c). %gs
 * names a TLS segment whose base is the running thread's struct, whose first word points to
 * itself: pthread_self() is one load, %gs:0.
 */
#ifndef _INTERNAL_PTHREAD_IMPL_H
#define _INTERNAL_PTHREAD_IMPL_H

#include <abi/futex.h>
#include <abi/ldt.h>
#include <pthread.h>

enum detach_state {
	DT_JOINABLE,	/* someone will join it: the joiner unmaps it */
	DT_DETACHED,	/* it unmaps itself as it ends */
	DT_EXITING,	/* it has ended or is ending, still joinable */
};

/* Linux's struct robust_list_head: the robust mutexes a thread holds, for the kernel to hand
 * on if the thread dies (set_robust_list(2); robust.c). */
struct robust_head {
	void *next;		/* the first held mutex's robust_next, or this head: a circle */
	long futex_offset;	/* from a robust_next to its mutex's lock word */
	void *pending;		/* a mutex being locked or unlocked at this moment */
};

struct pthread {
	struct pthread *self;	/* %gs:0 */
	volatile int tid;	/* the kernel zeroes it and wakes a futex when the thread ends */
	int err;		/* this thread's errno */
	int detach_state;
	void *(*start)(void *);
	void *arg;
	void *result;
	void *map;		/* the whole mapping (guard, stack, this struct); NULL for main */
	size_t map_size;
	void *malloc_slots[2];	/* the allocator's per-thread cache (malloc/glue_pagewise.c) */
	void (*malloc_exit)(void *);
	void *malloc_exit_arg;
	struct {
		unsigned seq;	/* the key's seq when set: a deleted key's old values read NULL */
		const void *value;
	} specific[PTHREAD_KEYS_MAX];
	int has_specific;	/* some key was set: run destructors at exit */
	struct robust_head robust;	/* next is NULL until the first robust lock */
	volatile int cancel;		/* pthread_cancel asked (cancel.c) */
	int cancel_disabled, cancel_async, cancel_masked;
	struct __ptcb *cleanup;		/* pthread_cleanup_push's handlers, the last first */
};

/* The signal pthread_cancel sends: glibc's too; sigprocmask will not block it. */
#define SIGCANCEL 32

/* self.c: the main thread's TLS segment, made by the first pthread_create (0 or -errno);
 * then the descriptor for a new thread whose struct is t, in the same slot. */
int __pthread_tls_init(void);
void __pthread_tls_for(struct pthread *t, struct user_desc *desc);
/* The room a thread's struct and its copy of the __thread variables take, and putting them
 * at the top of a zeroed area of at least that size (*below: the lowest byte they use). */
size_t __pthread_tls_area_size(void);
struct pthread *__pthread_tls_place(void *area, size_t size, char **below);

/* Nonzero once pthread_create has made a thread: from then on %gs holds the TLS segment. */
extern int __libc_threaded;
extern struct pthread __main_thread;

static inline struct pthread *__pthread_self(void)
{
	struct pthread *t;
	if (!__libc_threaded)
		return &__main_thread;
	__asm__("movl %%gs:0, %0" : "=r"(t));
	return t;
}

/* The futex word operations (futex.c). priv: FUTEX_PRIVATE_FLAG for a word of this process
 * alone, 0 for one in memory shared with other processes. */
int __futex_wait(volatile int *addr, int val, const struct timespec *deadline, int clock, int priv);
void __futex_wake(volatile int *addr, int n, int priv);
int __futex_wait_cp(volatile int *addr, int val, const struct timespec *deadline, int clock, int priv);
long __cancel(void);

/* A deadline that is not a time (nanoseconds outside a second): EINVAL. NULL is none. */
static inline int __bad_deadline(const struct timespec *ts)
{
	return ts && (ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000);
}

/* What priv a pthread object's pshared attribute asks for. */
#define FUTEX_PRIV(pshared) ((pshared) ? 0 : FUTEX_PRIVATE_FLAG)

/* A lock word: 0 free, 1 held, 2 held with waiters. __lock_timed gives up at deadline
 * (CLOCK_REALTIME; NULL: never) with ETIMEDOUT. __lock and __unlock: libc's own state. */
int __lock_timed(volatile int *l, int priv, const struct timespec *deadline);
void __unlock_in(volatile int *l, int priv);
void __lock(volatile int *l);
void __unlock(volatile int *l);

/* The calling thread's tid (the main thread's is learnt on first use until it has TLS). */
int __pthread_tid(void);

/* robust.c: the mutex calls for a robust mutex; at pthread_exit, hand on the ones t holds. */
int __robust_lock(pthread_mutex_t *m, const struct timespec *deadline, int try);
int __robust_unlock(pthread_mutex_t *m);
void __robust_release(struct pthread *t);

/* cancel.c: the cleanup handlers at exit; blocking calls become cancellation points. */
void __pthread_run_cleanup(struct pthread *t);
void __cancel_points_on(void);

/* key.c: at pthread_exit, each key's destructor on t's value for it. */
void __pthread_run_destructors(struct pthread *t);

/* fork(): take libc's locks so the child does not start with one held by a thread it lacks. */
void __fork_prepare(void);
void __fork_parent(void);
void __fork_child(void);

#endif
