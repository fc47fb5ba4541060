/*
 * Directories over getdents64(2): readdir hands out the kernel's
 * linux_dirent64 records one by one from a buffer, refilling it as needed.
 * struct dirent has the same layout, so no copying.
 *
 * DIR streams come from a small static pool rather than malloc, like
 * stdio's FILEs, so listing a directory never disturbs the heap under study.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "syscall.h"

#define DIR_MAX 8
#define DIR_BUF 2048

struct __dirstream {
	int fd;			/* -1: slot free */
	size_t pos, end;	/* the unread records are buf[pos..end) */
	_Alignas(8) char buf[DIR_BUF];
};

static struct __dirstream pool[DIR_MAX];
static int pool_ready;

ssize_t getdents64(int fd, void *buf, size_t len)
{
	return __sys(__NR_getdents64, fd, buf, len);
}

DIR *fdopendir(int fd)
{
	int i;

	if (!pool_ready) {
		for (i = 0; i < DIR_MAX; i++)
			pool[i].fd = -1;
		pool_ready = 1;
	}
	for (i = 0; i < DIR_MAX; i++) {
		if (pool[i].fd < 0) {
			pool[i].fd = fd;
			pool[i].pos = pool[i].end = 0;
			return &pool[i];
		}
	}
	errno = EMFILE;
	return NULL;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

/* NULL at the end (errno unchanged) or on error (errno set by the call). */
struct dirent *readdir(DIR *d)
{
	struct dirent *e;
	ssize_t n;

	if (d->pos >= d->end) {
		n = getdents64(d->fd, d->buf, sizeof d->buf);
		if (n <= 0)
			return NULL;
		d->pos = 0;
		d->end = n;
	}
	e = (struct dirent *)(d->buf + d->pos);
	d->pos += e->d_reclen;
	return e;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	d->fd = -1;
	return r;
}

int dirfd(DIR *d)
{
	return d->fd;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->end = 0;
}
