/*
 * A thread's life: pthread_create maps its stack and starts it with clone; pthread_exit ends
 * it; pthread_join or pthread_detach decide who gives its memory back.
 *
 * The stack and the struct pthread are one mapping (pthread_impl.h), reserved, not filled:
 * like any mmap on pagewise, a page of it costs a frame only when first touched, so an 8 MiB
 * default stack costs one or two pages for a thread that does little.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "pthread_impl.h"
#include "syscall.h"

#define PAGE 4096u

int __thread_clone(unsigned flags, void *stack, volatile int *parent_tid,
		   struct user_desc *tls, volatile int *child_tid);

/* What glibc's pthread_create asks of clone: one address space, descriptor table,
 * directory, signal handlers; a TLS segment; its tid written for the parent, and zeroed
 * (with a futex wake) for pthread_join when it ends. */
#define THREAD_CLONE_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
			    CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |           \
			    CLONE_CHILD_CLEARTID)

/* Threads not yet in pthread_exit, main included: the last one out ends the process. */
static int live_threads = 1;

static size_t page_up(size_t n)
{
	return (n + PAGE - 1) & ~(size_t)(PAGE - 1);
}

static _Noreturn void thread_start(struct pthread *t)
{
	pthread_exit(t->start(t->arg));
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg)
{
	pthread_attr_t def;
	if (!attr) {
		pthread_attr_init(&def);
		attr = &def;
	}
	int r = __pthread_tls_init();
	if (r < 0)
		return EAGAIN;
	__cancel_points_on();

	size_t guard = page_up(attr->guardsize);
	size_t stack = page_up(attr->stacksize ? attr->stacksize : PTHREAD_STACK_DEFAULT);
	size_t top = page_up(__pthread_tls_area_size());
	size_t size = guard + stack + top;
	if (size < stack)
		return EINVAL;
	char *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
			 -1, 0);
	if (map == MAP_FAILED)
		return EAGAIN;
	if (guard && mprotect(map, guard, PROT_NONE) < 0) {
		munmap(map, size);
		return EAGAIN;
	}

	/* The struct and the TLS block below it sit at the very top; the stack starts below
	 * them. The fresh mapping is already zero. */
	char *stack_top;
	struct pthread *t = __pthread_tls_place(map + size - top, top, &stack_top);
	t->start = start;
	t->arg = arg;
	t->map = map;
	t->map_size = size;
	t->detach_state = attr->detachstate == PTHREAD_CREATE_DETACHED ? DT_DETACHED : DT_JOINABLE;

	/* __thread_clone's child pops fn, then finds its argument 16-byte aligned, as the
	 * i386 ABI wants at a call. */
	uintptr_t *sp = (uintptr_t *)(((uintptr_t)stack_top & ~(uintptr_t)15) - 16) - 1;
	sp[0] = (uintptr_t)thread_start;
	sp[1] = (uintptr_t)t;

	struct user_desc tls;
	__pthread_tls_for(t, &tls);
	__atomic_fetch_add(&live_threads, 1, __ATOMIC_RELAXED);
	long tid = __thread_clone(THREAD_CLONE_FLAGS, sp, &t->tid, &tls, &t->tid);
	if (tid < 0) {
		__atomic_fetch_sub(&live_threads, 1, __ATOMIC_RELAXED);
		munmap(map, size);
		return tid == -ENOMEM ? EAGAIN : (int)-tid;
	}
	*thread = t;
	return 0;
}

/* A detached thread gives back its own stack, so the last steps cannot use one: munmap,
 * then exit, with nothing in between that touches memory. */
static _Noreturn void unmap_self_and_exit(void *map, size_t size)
{
	__asm__ volatile("int $0x80\n\t"		/* munmap(map, size) */
			 "movl %[exit], %%eax\n\t"
			 "xorl %%ebx, %%ebx\n\t"
			 "int $0x80"			/* exit(0) */
			 :
			 : "a"(__NR_munmap), "b"(map), "c"(size), [exit] "i"(__NR_exit)
			 : "memory");
	__builtin_unreachable();
}

void pthread_exit(void *result)
{
	struct pthread *t = __pthread_self();
	t->result = result;
	t->cancel_disabled = 1;
	__pthread_run_cleanup(t);
	if (t->has_specific)
		__pthread_run_destructors(t);
	if (t->malloc_exit) {
		void (*fn)(void *) = t->malloc_exit;
		t->malloc_exit = NULL;
		fn(t->malloc_exit_arg);
	}
	__robust_release(t);
	/* The main thread's end leaves the process running while other threads do. When the
	 * last thread ends this way, the process ends as if by exit(0) (POSIX): atexit handlers
	 * run and streams are flushed. */
	if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL) == 0)
		exit(0);
	if (__sync_val_compare_and_swap(&t->detach_state, DT_JOINABLE, DT_EXITING) == DT_DETACHED &&
	    t->map) {
		/* No signal handler may run on the stack about to go, and the kernel must not
		 * zero a tid in memory that is no longer there. */
		sigset_t all;
		sigfillset(&all);
		__syscall(__NR_rt_sigprocmask, SIG_BLOCK, &all, NULL, sizeof(sigset_t));
		__syscall(__NR_set_tid_address, NULL);
		unmap_self_and_exit(t->map, t->map_size);
	}
	for (;;)
		__syscall(__NR_exit, 0);
}

int pthread_join(pthread_t t, void **result)
{
	if (t == __pthread_self())
		return EDEADLK;
	if (t->detach_state == DT_DETACHED)
		return EINVAL;
	int tid;
	while ((tid = t->tid) != 0)	/* a cancellation point; the kernel's wake is shared */
		__futex_wait_cp(&t->tid, tid, NULL, CLOCK_MONOTONIC, 0);
	if (result)
		*result = t->result;
	if (t->map)
		munmap(t->map, t->map_size);
	return 0;
}

int pthread_detach(pthread_t t)
{
	int old = __sync_val_compare_and_swap(&t->detach_state, DT_JOINABLE, DT_DETACHED);
	if (old == DT_DETACHED)
		return EINVAL;
	if (old == DT_EXITING)		/* too late to free itself: reap it here */
		return pthread_join(t, NULL);
	return 0;
}

int pthread_kill(pthread_t t, int sig)
{
	int tid = t == __pthread_self() ? __pthread_tid() : t->tid;
	if (!tid)
		return ESRCH;
	long r = __syscall(__NR_tgkill, __syscall(__NR_getpid), tid, sig);
	return r < 0 ? (int)-r : 0;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	return sigprocmask(how, set, old) < 0 ? errno : 0;
}
