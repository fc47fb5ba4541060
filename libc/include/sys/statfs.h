/* statfs(2): struct statfs is the kernel's struct statfs64 (<abi/statfs.h>), so statfs() is one
 * statfs64 call with no copying. */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

#include <abi/statfs.h>

#define statfs statfs64
#define fstatfs fstatfs64
int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
