/*
 * glue.h - everything the allocator needs from the system, and nothing more.
 *
 * The policy files (bins.c, heap.c, malloc.c, ...) never include a system
 * header other than <stddef.h>/<stdint.h>/<string.h>; they call only these.
 * One small file per target implements them:
 *   glue_host.c      Linux host (glibc wrappers, pthread mutex, TLS)
 *   glue_pagewise.c  pagewise (its libc's brk/mmap, a spinlock)
 * Same idea as musl's src/malloc/mallocng/glue.h.
 */
#ifndef PW_MALLOC_GLUE_H
#define PW_MALLOC_GLUE_H

#include <stddef.h>

#define GLUE_FAIL ((void *)-1)   /* what the mapping calls return on failure */

/* Move the program break by delta bytes (may be negative); returns the old
 * break, or GLUE_FAIL when the kernel refuses (limit reached, mapping in the
 * way). glue_brk_now() returns the current break without moving it. */
void *glue_sbrk(ptrdiff_t delta);
void *glue_brk_now(void);

/* Anonymous private read-write pages; GLUE_FAIL on failure. */
void *glue_map(size_t len);
int glue_unmap(void *addr, size_t len);
/* Grow or shrink a mapping, possibly moving it; GLUE_FAIL when the kernel
 * cannot (or has no mremap at all: the caller then copies). */
void *glue_remap(void *addr, size_t old_len, size_t new_len);
/* Tell the kernel the pages hold nothing worth keeping (MADV_DONTNEED);
 * returns 0 on success. */
int glue_discard(void *addr, size_t len);
/* Make the pages resident now, as if written (MADV_POPULATE_WRITE): one
 * system call instead of a page fault per page. Nonzero when the kernel
 * cannot; the pages then fault in one by one as usual. */
int glue_populate(void *addr, size_t len);

size_t glue_page_size(void);

/* The one allocator lock. */
void glue_lock(void);
void glue_unlock(void);

/* Two pointer-sized slots private to the calling thread (the thread cache
 * and its state), and a way to have fn(arg) run when the thread exits. */
void **glue_thread_slots(void);
void glue_at_thread_exit(void (*fn)(void *), void *arg);

/* Diagnostics: write bytes to stderr (no buffering, no allocation), stop the
 * program with SIGABRT, read an environment variable (NULL if unset). */
void glue_write_err(const char *s, size_t len);
_Noreturn void glue_abort(void);
const char *glue_getenv(const char *name);

/* Set errno to ENOMEM / EINVAL. */
void glue_set_enomem(void);
void glue_set_einval(void);

#endif
