/*
 * The one place a kernel result becomes errno.  Linux returns -errno for
 * errors, and errno values never exceed 4095, so anything in
 * [-4095, -1] is an error and everything else (even a "negative" pointer
 * from mmap above 2 GiB) is a result.
 */
#include <errno.h>
#include "syscall.h"

long __syscall_ret(unsigned long r)
{
	if (r > -4096UL) {
		errno = -(long)r;
		return -1;
	}
	return (long)r;
}
