/*
 * POSIX threads, on the kernel's clone(CLONE_THREAD), futex and set_thread_area.
 *
 * What there is: threads (create, join, detach, exit, self, equal, kill), their attributes
 * (stack size, guard size, detach state), mutexes (normal, recursive, error-checking; lock,
 * trylock, timedlock; robust), condition variables (either clock), read-write locks (readers
 * first, as glibc's default), barriers, spinlocks, once, and thread-specific keys.
 * Mutexes, condition variables, read-write locks and barriers can be PTHREAD_PROCESS_SHARED,
 * in memory that processes share (mmap MAP_SHARED | MAP_ANONYMOUS, then fork).
 * Cancellation (pthread_cancel, deferred or asynchronous, cleanup handlers) acts at the
 * blocking calls POSIX names cancellation points, those libc has.
 * What there is not: scheduling policies.
 *
 * __thread and _Thread_local variables work, in the main thread from its first instruction
 * and in every thread made here. A program that has none and never calls pthread_create runs
 * exactly as before: no TLS segment is set up and %gs stays 0 until the first thread is made
 * (libc/thread/self.c says why).
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <stddef.h>
#include <signal.h>
#include <time.h>
#include <sys/types.h>

typedef struct pthread *pthread_t;

typedef struct {
	size_t stacksize;	/* 0: the default, PTHREAD_STACK_DEFAULT */
	size_t guardsize;
	int detachstate;
} pthread_attr_t;

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1

#define PTHREAD_STACK_MIN 16384
#define PTHREAD_STACK_DEFAULT (8u << 20)	/* as glibc under Debian's 8 MiB stack limit */

typedef struct {
	int lock;		/* 0 free, 1 locked, 2 locked with waiters; robust: the holder's tid */
	int type;
	int owner;		/* the holder's tid (recursive and error-checking) */
	int count;		/* recursive depth beyond the first */
	int pshared;		/* PTHREAD_PROCESS_SHARED: usable from every process that maps it */
	int robust;		/* PTHREAD_MUTEX_ROBUST: its holder's end hands it on (robust.c) */
	int state;		/* robust: consistent, or not since its holder died, or unrecoverable */
	void *robust_next, *robust_prev;	/* in the holder's list of robust mutexes it holds */
} pthread_mutex_t;

typedef struct {
	int type;
	int pshared;
	int robust;
} pthread_mutexattr_t;

#define PTHREAD_MUTEX_NORMAL 0
#define PTHREAD_MUTEX_RECURSIVE 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT PTHREAD_MUTEX_NORMAL

/* pthread_mutexattr_setrobust: a mutex whose holder ends holding it stays locked forever
 * (STALLED, the default), or goes to the next locker with EOWNERDEAD (ROBUST). */
#define PTHREAD_MUTEX_STALLED 0
#define PTHREAD_MUTEX_ROBUST 1

#define PTHREAD_MUTEX_INITIALIZER { 0, PTHREAD_MUTEX_NORMAL, 0, 0, 0, 0, 0, NULL, NULL }

typedef struct {
	int seq;		/* bumped by every signal and broadcast: the futex word */
	int clock;		/* what pthread_cond_timedwait's deadline is measured on */
	int pshared;
} pthread_cond_t;

typedef struct {
	int clock;
	int pshared;
} pthread_condattr_t;

#define PTHREAD_COND_INITIALIZER { 0, CLOCK_REALTIME, 0 }

typedef struct {
	int lock;		/* guards the rest (__lock) */
	int readers;		/* holding it to read */
	int writer;		/* the tid holding it to write, or 0 */
	int seq;		/* bumped when it becomes free: the futex word waiters sleep on */
	int pshared;
} pthread_rwlock_t;

typedef struct {
	int pshared;
} pthread_rwlockattr_t;

#define PTHREAD_RWLOCK_INITIALIZER { 0, 0, 0, 0, 0 }

typedef struct {
	int lock;
	unsigned count;		/* how many threads make a round */
	unsigned waiting;	/* arrived in this round */
	int seq;		/* bumped when a round completes */
	int pshared;
} pthread_barrier_t;

typedef struct {
	int pshared;
} pthread_barrierattr_t;

#define PTHREAD_BARRIER_SERIAL_THREAD (-1)

typedef volatile int pthread_spinlock_t;

#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED 1

typedef int pthread_once_t;
#define PTHREAD_ONCE_INIT 0

typedef unsigned pthread_key_t;
#define PTHREAD_KEYS_MAX 32
#define PTHREAD_DESTRUCTOR_ITERATIONS 4

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg);
int pthread_join(pthread_t thread, void **result);
int pthread_detach(pthread_t thread);
_Noreturn void pthread_exit(void *result);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_kill(pthread_t thread, int sig);
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old);

int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size);
int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);

#define PTHREAD_CANCEL_ENABLE 0
#define PTHREAD_CANCEL_DISABLE 1
#define PTHREAD_CANCEL_DEFERRED 0
#define PTHREAD_CANCEL_ASYNCHRONOUS 1
#define PTHREAD_CANCELED ((void *)-1)
int pthread_cancel(pthread_t t);
int pthread_setcancelstate(int state, int *old);
int pthread_setcanceltype(int type, int *old);
void pthread_testcancel(void);

/* Cleanup handlers: push and pop are a pair of macros in one block, as POSIX allows. */
struct __ptcb {
	void (*f)(void *);
	void *x;
	struct __ptcb *next;
};
void _pthread_cleanup_push(struct __ptcb *cb, void (*f)(void *), void *x);
void _pthread_cleanup_pop(struct __ptcb *cb, int run);
#define pthread_cleanup_push(f, x) do { struct __ptcb __cb; _pthread_cleanup_push(&__cb, f, x);
#define pthread_cleanup_pop(run) _pthread_cleanup_pop(&__cb, (run)); } while (0)

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *deadline);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type);
int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared);
int pthread_mutexattr_getpshared(const pthread_mutexattr_t *attr, int *pshared);
int pthread_mutexattr_setrobust(pthread_mutexattr_t *attr, int robust);
int pthread_mutexattr_getrobust(const pthread_mutexattr_t *attr, int *robust);
/* After EOWNERDEAD: the holder has repaired what the mutex guards; without this, unlocking
 * makes the mutex unusable (ENOTRECOVERABLE) for everyone. */
int pthread_mutex_consistent(pthread_mutex_t *m);

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
			   const struct timespec *deadline);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);
int pthread_condattr_init(pthread_condattr_t *attr);
int pthread_condattr_destroy(pthread_condattr_t *attr);
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock);
int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared);
int pthread_condattr_getpshared(const pthread_condattr_t *attr, int *pshared);

int pthread_rwlock_init(pthread_rwlock_t *rw, const pthread_rwlockattr_t *attr);
int pthread_rwlock_destroy(pthread_rwlock_t *rw);
int pthread_rwlock_rdlock(pthread_rwlock_t *rw);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *rw);
int pthread_rwlock_timedrdlock(pthread_rwlock_t *rw, const struct timespec *deadline);
int pthread_rwlock_wrlock(pthread_rwlock_t *rw);
int pthread_rwlock_trywrlock(pthread_rwlock_t *rw);
int pthread_rwlock_timedwrlock(pthread_rwlock_t *rw, const struct timespec *deadline);
int pthread_rwlock_unlock(pthread_rwlock_t *rw);
int pthread_rwlockattr_init(pthread_rwlockattr_t *attr);
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr);
int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attr, int pshared);
int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *attr, int *pshared);

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr, unsigned count);
int pthread_barrier_destroy(pthread_barrier_t *b);
int pthread_barrier_wait(pthread_barrier_t *b);
int pthread_barrierattr_init(pthread_barrierattr_t *attr);
int pthread_barrierattr_destroy(pthread_barrierattr_t *attr);
int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared);
int pthread_barrierattr_getpshared(const pthread_barrierattr_t *attr, int *pshared);

int pthread_spin_init(pthread_spinlock_t *s, int pshared);
int pthread_spin_destroy(pthread_spinlock_t *s);
int pthread_spin_lock(pthread_spinlock_t *s);
int pthread_spin_trylock(pthread_spinlock_t *s);
int pthread_spin_unlock(pthread_spinlock_t *s);

int pthread_once(pthread_once_t *once, void (*fn)(void));

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

#endif
