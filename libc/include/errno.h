/*
 * errno and the Linux errno numbers, which is what the kernel's negative return values mean
 * (the numbers are shared with the kernel: kernel/include/uapi/abi/errno.h).
 * errno is a plain global: pagewise processes are single-threaded.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <abi/errno.h>

extern int errno;

#endif
