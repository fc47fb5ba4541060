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
#define POLLRDNORM 0x040       /* normal data to read: with POLLIN, in Linux's answers */
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100       /* room to write: with POLLOUT */
#define POLLWRBAND 0x200

#endif
