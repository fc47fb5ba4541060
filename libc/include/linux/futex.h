#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

/* The operations and flags of futex(2); libc has no wrapper, as glibc has none: call it with
 * syscall(SYS_futex, ...). */
#include <abi/futex.h>

#endif
