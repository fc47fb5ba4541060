/*
 * glue_posix.c - the allocator's glue that both targets share: Linux's brk, mmap, munmap,
 * mremap and madvise, stderr, abort, the environment and errno look the same from glibc on
 * the host and from pagewise's libc. What differs (locks, thread exit, populating, the page
 * size) is in glue_host.c and glue_pagewise.c.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE		/* mremap, on the host */
#endif
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "glue.h"

void *glue_sbrk(ptrdiff_t delta)
{
	void *p = sbrk(delta);
	return p == (void *)-1 ? GLUE_FAIL : p;
}

void *glue_brk_now(void)
{
	return sbrk(0);
}

void *glue_map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? GLUE_FAIL : p;
}

int glue_unmap(void *addr, size_t len)
{
	return munmap(addr, len);
}

void *glue_remap(void *addr, size_t old_len, size_t new_len)
{
	void *p = mremap(addr, old_len, new_len, MREMAP_MAYMOVE);
	return p == MAP_FAILED ? GLUE_FAIL : p;
}

int glue_discard(void *addr, size_t len)
{
	return madvise(addr, len, MADV_DONTNEED);
}

/* Raw write(2): nothing here may allocate (stdio could call back into malloc). */
void glue_write_err(const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(2, s, len);
		if (n <= 0 && errno != EINTR)
			return;
		if (n > 0) {
			s += n;
			len -= (size_t)n;
		}
	}
}

_Noreturn void glue_abort(void)
{
	abort();
}

const char *glue_getenv(const char *name)
{
	return getenv(name);
}

void glue_set_enomem(void) { errno = ENOMEM; }
void glue_set_einval(void) { errno = EINVAL; }
