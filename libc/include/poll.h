#ifndef _POLL_H
#define _POLL_H

/* poll(2) */
struct pollfd {
	int fd;
	short events;
	short revents;
};
typedef unsigned long nfds_t;

#include <abi/poll.h>

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);

struct timespec;
/* poll with a timespec (NULL: no time-out, left alone) and, when mask is not NULL, that
 * blocked set while waiting. */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const void *mask);

#endif
