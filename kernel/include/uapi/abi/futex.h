/* futex(2) operations and flags (include/uapi/linux/futex.h). Shared by the kernel
 * (kernel/futex.c) and libc (<linux/futex.h>). */
#ifndef ABI_FUTEX_H
#define ABI_FUTEX_H

#define FUTEX_WAIT             0
#define FUTEX_WAKE             1
#define FUTEX_REQUEUE          3
#define FUTEX_CMP_REQUEUE      4
#define FUTEX_WAIT_BITSET      9
#define FUTEX_WAKE_BITSET      10
#define FUTEX_PRIVATE_FLAG     128      /* the word is not shared with another process */
#define FUTEX_CLOCK_REALTIME   256      /* a bitset wait's deadline is on the wall clock */
#define FUTEX_BITSET_MATCH_ANY 0xffffffff

/* The word of a robust futex (pthread mutexes with PTHREAD_MUTEX_ROBUST): the owner's tid,
 * and two flags. */
#define FUTEX_WAITERS          0x80000000  /* someone sleeps on it */
#define FUTEX_OWNER_DIED       0x40000000  /* its owner ended while holding it */
#define FUTEX_TID_MASK         0x3fffffff

#endif
