/* File system calls: names, directories, and stat (as stat64, see sys/stat.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "syscall.h"

int stat(const char *restrict path, struct stat *restrict st)
{
	return __sys(__NR_stat64, path, st);
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return __sys(__NR_lstat64, path, st);
}

int fstat(int fd, struct stat *st)
{
	return __sys(__NR_fstat64, fd, st);
}

int statx(int dirfd, const char *restrict path, int flags, unsigned mask, struct statx *restrict buf)
{
	return __sys(__NR_statx, dirfd, path, flags, mask, buf);
}

int unlink(const char *path)
{
	return __sys(__NR_unlink, path);
}

int mkdir(const char *path, mode_t mode)
{
	return __sys(__NR_mkdir, path, mode);
}

int rmdir(const char *path)
{
	return __sys(__NR_rmdir, path);
}

int rename(const char *old, const char *new)
{
	return __sys(__NR_rename, old, new);
}

int access(const char *path, int mode)
{
	return __sys(__NR_access, path, mode);
}

mode_t umask(mode_t mask)
{
	return __syscall(__NR_umask, mask);	/* cannot fail */
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	return __sys(__NR_readlink, path, buf, size);
}

int chdir(const char *path)
{
	return __sys(__NR_chdir, path);
}

/*
 * Linux's getcwd(2) returns the length including the NUL; the C function
 * returns the buffer.  With buf == NULL it allocates, as glibc and musl do.
 */
char *getcwd(char *buf, size_t size)
{
	char tmp[4096];
	long r;

	if (!buf) {
		r = __sys(__NR_getcwd, tmp, sizeof tmp);
		if (r < 0)
			return NULL;
		if (size && (size_t)r > size) {
			errno = ERANGE;
			return NULL;
		}
		buf = malloc(r);
		if (!buf)
			return NULL;
		for (long i = 0; i < r; i++)
			buf[i] = tmp[i];
		return buf;
	}
	if (size == 0) {
		errno = EINVAL;
		return NULL;
	}
	return __sys(__NR_getcwd, buf, size) < 0 ? NULL : buf;
}
