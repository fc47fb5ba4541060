#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

/* select(2) and pselect(2): descriptor sets of FD_SETSIZE bits, in longs as Linux reads them. */
#include <bits/alltypes.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>

#define FD_SETSIZE 1024
#define __NFDBITS (8 * (int)sizeof(unsigned long))

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define FD_ZERO(s) do { for (int __i = 0; __i < FD_SETSIZE / __NFDBITS; __i++) (s)->fds_bits[__i] = 0; } while (0)
#define FD_SET(fd, s) ((s)->fds_bits[(fd) / __NFDBITS] |= 1UL << ((fd) % __NFDBITS))
#define FD_CLR(fd, s) ((s)->fds_bits[(fd) / __NFDBITS] &= ~(1UL << ((fd) % __NFDBITS)))
#define FD_ISSET(fd, s) (((s)->fds_bits[(fd) / __NFDBITS] >> ((fd) % __NFDBITS)) & 1)

/* The kernel writes the time that was left to *timeout (Linux does; POSIX allows it). */
int select(int n, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout);
/* timeout is left alone; mask, when not NULL, is the blocked set while waiting. */
int pselect(int n, fd_set *rd, fd_set *wr, fd_set *ex, const struct timespec *timeout,
	    const sigset_t *mask);

#endif
