/*
 * Cancellation (pthread_cancel(3)): one thread asks another to end; the other ends at its
 * next cancellation point (a blocking call: read, write, sleep, wait, poll, pthread_join,
 * pthread_cond_wait, ...) or, if it chose PTHREAD_CANCEL_ASYNCHRONOUS, at once; its cleanup
 * handlers run, then it exits with PTHREAD_CANCELED.
 *
 * The request is a flag in the target's struct and a signal, SIGCANCEL (32, which glibc uses
 * too and sigprocmask will not block), that interrupts it if it is asleep in the kernel. The
 * cancellation points make their call through __syscall_cp_asm (syscall_cp.asm), which looks
 * at the flag just before entering the kernel; the handler of SIGCANCEL sees where the thread
 * was: between that look and the kernel's return (a call being restarted points back at
 * its int 0x80), it sends the thread to __cp_cancel; after it, the call's result stands
 * and the next point acts. So no request is lost between the look and the call, and no call
 * that did its work is cancelled (musl's design). A call the handler interrupted without
 * restart (nanosleep, whatever SA_RESTART says) returns EINTR, and that is acted on too.
 *
 * pthread_cond_wait must hold the mutex again before the cleanup handlers run: while it
 * waits its point is "masked", so acting on a request returns ECANCELED to it instead; it
 * relocks, then ends the thread.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include "pthread_impl.h"
#include "syscall.h"

long __syscall_cp_asm(volatile int *cancel, long n, long a, long b, long c, long d, long e, long f);
extern const char __cp_begin[], __cp_end[], __cp_cancel[];

/* Where a signal handler's context keeps the interrupted eip: ucontext (5 words) then
 * sigcontext, whose 15th word it is (Linux i386). */
#define UC_EIP(uc) (((unsigned long *)(uc))[5 + 14])

/* The thread acts on its cancellation: from __cp_cancel, a point that saw it, or the handler. */
long __cancel(void)
{
	struct pthread *self = __pthread_self();
	if (self->cancel_masked)
		return -ECANCELED;
	self->cancel_disabled = 1;	/* the cleanup handlers' own calls must not cancel again */
	pthread_exit(PTHREAD_CANCELED);
}

static void on_cancel(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	struct pthread *self = __pthread_self();
	if (!self->cancel || self->cancel_disabled || si->si_code != SI_TKILL ||
	    si->si_pid != __syscall(__NR_getpid))
		return;
	if (self->cancel_async && !self->cancel_masked) {
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, SIGCANCEL);
		__syscall(__NR_rt_sigprocmask, SIG_UNBLOCK, &s, NULL, sizeof s);
		__cancel();
	}
	unsigned long ip = UC_EIP(uc);
	if (ip >= (unsigned long)__cp_begin && ip < (unsigned long)__cp_end)
		UC_EIP(uc) = (unsigned long)__cp_cancel;
}

/* What a cancellation point calls (__syscall_cp_hook) once the program has a second thread,
 * which could cancel the others at any time, or has cancelled itself. */
static long syscall_cp(long n, long a, long b, long c, long d, long e, long f)
{
	struct pthread *self = __pthread_self();
	if (self->cancel_disabled)
		return __syscall6(n, a, b, c, d, e, f);
	long r = __syscall_cp_asm(&self->cancel, n, a, b, c, d, e, f);
	if (r == -EINTR && n != __NR_close && self->cancel && !self->cancel_disabled)
		r = __cancel();
	return r;
}

/* pthread_create: from now on the blocking calls are cancellation points. */
void __cancel_points_on(void)
{
	__syscall_cp_hook = syscall_cp;
}

int pthread_cancel(pthread_t t)
{
	static volatile int installed;
	if (!installed) {
		struct sigaction sa = { .sa_sigaction = on_cancel, .sa_flags = SA_SIGINFO | SA_RESTART };
		sigfillset(&sa.sa_mask);
		__sync_lock_test_and_set(&installed, 1);
		sigaction(SIGCANCEL, &sa, NULL);
		__cancel_points_on();	/* a single-threaded program may cancel itself */
	}
	t->cancel = 1;
	if (t == __pthread_self()) {
		if (!t->cancel_disabled && t->cancel_async)
			__cancel();
		return 0;
	}
	int r = pthread_kill(t, SIGCANCEL);
	return r == ESRCH ? 0 : r;	/* it has ended already: nothing to do, as glibc says */
}

void pthread_testcancel(void)
{
	struct pthread *self = __pthread_self();
	if (self->cancel && !self->cancel_disabled)
		__cancel();
}

int pthread_setcancelstate(int state, int *old)
{
	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	struct pthread *self = __pthread_self();
	if (old)
		*old = self->cancel_disabled ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE;
	self->cancel_disabled = state == PTHREAD_CANCEL_DISABLE;
	return 0;
}

int pthread_setcanceltype(int type, int *old)
{
	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	struct pthread *self = __pthread_self();
	if (old)
		*old = self->cancel_async ? PTHREAD_CANCEL_ASYNCHRONOUS : PTHREAD_CANCEL_DEFERRED;
	self->cancel_async = type == PTHREAD_CANCEL_ASYNCHRONOUS;
	if (self->cancel_async)
		pthread_testcancel();
	return 0;
}

void _pthread_cleanup_push(struct __ptcb *cb, void (*f)(void *), void *x)
{
	struct pthread *self = __pthread_self();
	cb->f = f;
	cb->x = x;
	cb->next = self->cleanup;
	self->cleanup = cb;
}

void _pthread_cleanup_pop(struct __ptcb *cb, int run)
{
	__pthread_self()->cleanup = cb->next;
	if (run)
		cb->f(cb->x);
}

/* pthread_exit: the handlers still pushed, the last pushed first. */
void __pthread_run_cleanup(struct pthread *t)
{
	while (t->cleanup) {
		struct __ptcb *cb = t->cleanup;
		t->cleanup = cb->next;
		cb->f(cb->x);
	}
}
