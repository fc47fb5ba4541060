/* poll(2) event bits, Linux's values (include/uapi/asm-generic/poll.h), shared by the kernel
 * and libc. */
#ifndef ABI_POLL_H
#define ABI_POLL_H

#define POLLIN   0x001
#define POLLPRI  0x002
#define POLLOUT  0x004
#define POLLERR  0x008
#define POLLHUP  0x010
#define POLLNVAL 0x020

#endif
