/*
 * glue_pagewise.c - the allocator's system glue on pagewise.
 *
 * pagewise's kernel runs threads, but its libc starts none (it has no
 * pthreads; tests/user/threads.c makes them with raw clone and keeps them
 * away from malloc). So the lock is a plain spinlock and the "thread" slots
 * are process globals; when libc gains pthread_create (and TLS through
 * set_thread_area), only this file changes.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "glue.h"

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

static int lock_word;

void glue_lock(void)
{
	while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&lock_word, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
}

void glue_unlock(void)
{
	__atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
}

static void *slots[2];

void **glue_thread_slots(void)
{
	return slots;
}

/* One thread, and exit() returns all memory to the kernel anyway. */
void glue_at_thread_exit(void (*fn)(void *), void *arg)
{
	(void)fn;
	(void)arg;
}
