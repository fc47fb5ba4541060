/*
 * errno and the Linux errno numbers, which is what the kernel's negative return values mean
 * (the numbers are shared with the kernel: kernel/include/uapi/abi/errno.h).
 * errno is a plain global: this libc starts no threads (the kernel has them; a program that
 * makes its own with raw clone keeps errno to one of them).
 */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <abi/errno.h>

extern int errno;

#endif
