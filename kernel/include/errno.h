/* Linux's errno numbers: the kernel returns -E... exactly as Linux i386 does. */
#ifndef ERRNO_H
#define ERRNO_H

#include <abi/errno.h>

/* Kernel-internal, never seen by user code (as Linux's): a sleep was interrupted by a signal,
 * and the system call is restarted unless a handler without SA_RESTART runs (then EINTR). */
#define ERESTARTSYS 512
/* The same, but a handler always makes it EINTR, SA_RESTART or not (Linux's ERESTARTNOHAND:
 * pause, sigsuspend, poll and select go on after a stop, end when a handler ran). */
#define ERESTARTNOHAND 514
/* The same, but a handler always makes it EINTR, and the call goes on by restart_syscall
 * (current->restart_fn) rather than from the start: a sleep keeps its deadline (Linux's
 * ERESTART_RESTARTBLOCK, for nanosleep stopped and continued). */
#define ERESTART_RESTARTBLOCK 516

#endif
