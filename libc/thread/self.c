/*
 * Which thread is running, and where its errno is.
 *
 * Until a program makes its first thread, nothing changes from a libc without threads: there
 * is one thread, its struct is the static __main_thread, and %gs is 0. Setting up TLS only
 * then keeps single-threaded programs' behaviour exact (their page faults, their
 * set_thread_area slots), which the demos and tests count on. pthread_create calls
 * __pthread_tls_init first; from then on every thread's %gs segment starts at its own
 * struct pthread.
 */
#include <errno.h>
#include "pthread_impl.h"
#include "syscall.h"

int __libc_threaded;
struct pthread __main_thread = { .self = &__main_thread, .detach_state = DT_JOINABLE };

static struct user_desc tls_desc;	/* the slot every thread's %gs names */

/* A flat 4 GiB data segment starting at t; *desc names the slot. */
static void describe(struct user_desc *desc, unsigned slot, struct pthread *t)
{
	*desc = (struct user_desc){ .entry_number = slot, .base_addr = (unsigned)t,
				    .limit = 0xfffff, .seg_32bit = 1, .limit_in_pages = 1,
				    .useable = 1 };
}

/* Give the main thread its TLS segment. Returns 0, or -errno (no free slot). */
int __pthread_tls_init(void)
{
	if (__libc_threaded)
		return 0;
	/* The kernel zeroes the tid and wakes a futex when the main thread ends too, so even
	 * it can be joined; set_tid_address answers with the tid. */
	__main_thread.tid = (int)__syscall(__NR_set_tid_address, &__main_thread.tid);
	describe(&tls_desc, (unsigned)-1, &__main_thread);
	long r = __syscall(__NR_set_thread_area, &tls_desc);
	if (r < 0)
		return (int)r;
	unsigned sel = tls_desc.entry_number * 8 + 3;	/* GDT, ring 3 */
	__asm__ volatile("movw %w0, %%gs" : : "q"(sel) : "memory");
	__libc_threaded = 1;
	return 0;
}

/* The descriptor clone(CLONE_SETTLS) gives a new thread whose struct is t. */
void __pthread_tls_for(struct pthread *t, struct user_desc *desc)
{
	describe(desc, tls_desc.entry_number, t);
}

int *__errno_location(void)
{
	return &__pthread_self()->err;
}

pthread_t pthread_self(void)
{
	return __pthread_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}
