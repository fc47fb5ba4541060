/* Directory reading over getdents64; struct dirent is linux_dirent64's layout. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <bits/alltypes.h>

typedef struct __dirstream DIR;

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
int dirfd(DIR *d);
void rewinddir(DIR *d);
/* The raw call: fills buf with struct dirent records, returns bytes or -1. */
ssize_t getdents64(int fd, void *buf, size_t len);

#endif
