/*
 * The only way the kernel touches user memory. A user address is a uintptr_t, never a C
 * pointer, so it cannot be dereferenced by accident. Each helper checks the range lies below
 * USER_TOP and copies; a page fault inside the copy first tries the ordinary fault handler
 * (demand paging), and when that refuses, the copy stops and returns -EFAULT.
 */
#ifndef UACCESS_H
#define UACCESS_H

#include <kernel.h>

/* 0, or -EFAULT when any byte of the range is not accessible as asked. */
int copy_from_user(void *dst, uintptr_t usrc, size_t n);
int copy_to_user(uintptr_t udst, const void *src, size_t n);
int clear_user(uintptr_t udst, size_t n);

/* Copy a NUL-terminated string of at most max-1 characters: its length, -EFAULT, or
 * -ENAMETOOLONG when no NUL comes within max bytes. */
long strncpy_from_user(char *dst, uintptr_t usrc, size_t max);

/* Is [u, u+n) inside user space at all (no wrap, below USER_TOP)? */
bool user_range_ok(uintptr_t u, size_t n);

/* An i386 struct iovec, and a user's array of n of them copied in (kmalloc'd, for kfree):
 * NULL with *err -ENOMEM, -EFAULT, or -EINVAL when the lengths add up past max_total. */
struct iovec32 { uint32_t base, len; };
struct iovec32 *iovecs_from_user(uintptr_t uiov, size_t n, uint32_t max_total, long *err);

#endif
