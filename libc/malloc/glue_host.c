/*
 * glue_host.c - the allocator's system glue on a Linux host (glibc).
 *
 * Used for the shared library that tests LD_PRELOAD into real programs and
 * for the static archive the unit tests link. Nothing here may call malloc:
 * when preloaded, every glibc function that allocates lands back in us.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/single_threaded.h>
#include <sys/mman.h>
#include <unistd.h>

#include "glue.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23	/* Linux 5.14; the headers may be older */
#endif

int glue_populate(void *addr, size_t len)
{
	static int unsupported;
	if (unsupported)
		return -1;
	int r = madvise(addr, len, MADV_POPULATE_WRITE);
	if (r && errno == EINVAL)
		unsupported = 1;	/* an older kernel: stop asking */
	return r;
}

size_t glue_page_size(void)
{
	static size_t page;
	if (!page)
		page = (size_t)getpagesize();	/* sysconf's code is far bigger */
	return page;
}

/*
 * The lock. While the process has one thread (glibc's
 * __libc_single_threaded, which glibc's own malloc consults the same way)
 * nobody can race us, so the mutex is skipped: no atomic instructions, and
 * the pages of libpthread code stay untouched. The flag only goes from true
 * to false while the one thread is outside malloc (creating a thread), so a
 * section entered without the mutex ends without it; mutex_held, written
 * under the mutex, says which unlock to do.
 */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int mutex_held;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

/* fork() from a threaded program: hold the lock across the fork so the
 * child never inherits it locked by a thread that does not exist there.
 * Registered once the program has a second thread: before that, nobody can
 * fork while the allocator is busy. */
static void fork_prepare(void) { pthread_mutex_lock(&lock); }
static void fork_parent(void) { pthread_mutex_unlock(&lock); }
static void fork_child(void)
{
	pthread_mutex_init(&lock, NULL);
	mutex_held = 0;
}

/* pthread_atfork may malloc (glibc keeps the handlers in a growing array):
 * that nested call must not wait for the pthread_once it is inside of. */
static __thread int registering __attribute__((tls_model("initial-exec")));

static void register_atfork(void)
{
	registering = 1;
	pthread_atfork(fork_prepare, fork_parent, fork_child);
	registering = 0;
}

static void register_exit(void *arg);
static __thread void *pending __attribute__((tls_model("initial-exec")));

void glue_lock(void)
{
	if (__libc_single_threaded)
		return;
	if (pending) {
		void *arg = pending;
		pending = NULL;
		register_exit(arg);
	}
	if (!registering)
		pthread_once(&atfork_once, register_atfork);
	pthread_mutex_lock(&lock);
	mutex_held = 1;
}

void glue_unlock(void)
{
	if (!mutex_held)
		return;
	mutex_held = 0;
	pthread_mutex_unlock(&lock);
}

/* initial-exec: the fast path reads this on every call, and a preloaded
 * library is part of the static TLS block anyway. */
static __thread void *slots[2] __attribute__((tls_model("initial-exec")));

void **glue_thread_slots(void)
{
	return slots;
}

/*
 * The thread-exit hook is a pthread key. Registering it runs libpthread code
 * that a single-threaded program never otherwise needs (its pages would
 * count in the program's RSS), and only matters once there are threads: so
 * while there is one thread the hook waits in pending, and the first lock
 * taken with two threads about registers it (the main thread's only; every
 * other thread starts with two).
 */
static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;
static void (*exit_fn)(void *);
static __thread void *pending __attribute__((tls_model("initial-exec")));

static void exit_trampoline(void *arg)
{
	exit_fn(arg);
}

static void make_key(void)
{
	pthread_key_create(&exit_key, exit_trampoline);
}

/* pthread_setspecific may calloc: never with the lock held. */
static void register_exit(void *arg)
{
	pthread_once(&exit_once, make_key);
	pthread_setspecific(exit_key, arg);
}

void glue_at_thread_exit(void (*fn)(void *), void *arg)
{
	exit_fn = fn;
	if (__libc_single_threaded)
		pending = arg;
	else
		register_exit(arg);
}
