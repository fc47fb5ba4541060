/*
 * glue_pagewise.c - the allocator's system glue on pagewise.
 *
 * The lock is libc's futex lock (thread/futex.c): free of system calls unless two threads
 * meet in the allocator. Each thread's two slots and its exit hook live in its struct
 * pthread; a program that never makes a thread uses the main thread's, a static.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "glue.h"
#include "pthread_impl.h"

#define PW_PAGE_SIZE 4096	/* i386 small pages */

/* On pagewise, heap pages fault in one by one when first touched, even though the kernel has
 * MADV_POPULATE_WRITE: that first touch is what the demos and the trace show. */
int glue_populate(void *addr, size_t len)
{
	(void)addr;
	(void)len;
	return -1;
}

size_t glue_page_size(void)
{
	return PW_PAGE_SIZE;
}

static volatile int lock_word;

void glue_lock(void)
{
	__lock(&lock_word);
}

void glue_unlock(void)
{
	__unlock(&lock_word);
}

void **glue_thread_slots(void)
{
	return __pthread_self()->malloc_slots;
}

/* pthread_exit calls it; the main thread's end is exit(), which gives everything back. */
void glue_at_thread_exit(void (*fn)(void *), void *arg)
{
	struct pthread *t = __pthread_self();
	t->malloc_exit = fn;
	t->malloc_exit_arg = arg;
}

/* fork() in a threaded program: the child must not start with the lock held by a thread
 * that does not exist there. */
void __malloc_fork_prepare(void)
{
	glue_lock();
}

void __malloc_fork_parent(void)
{
	glue_unlock();
}

void __malloc_fork_child(void)
{
	lock_word = 0;
}
