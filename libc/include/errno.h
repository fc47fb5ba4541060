/*
 * errno and the Linux errno numbers, which is what the kernel's negative return values mean
 * (the numbers are shared with the kernel: kernel/include/uapi/abi/errno.h).
 * Each thread has its own errno (libc/thread/self.c); before a program makes a thread, that
 * is the main thread's, a plain static word.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <abi/errno.h>

int *__errno_location(void);
#define errno (*__errno_location())

#endif
