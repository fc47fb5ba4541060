/* Names relative to a directory descriptor, and the calls that add or change a name: the *at
 * family (openat(2)'s rationale), link(2), symlink(2), readlinkat(2), rename(2)'s renameat
 * and renameat2, fchdir(2), faccessat(2). */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "syscall.h"

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return __sys(__NR_mkdirat, dirfd, path, mode);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return __sys(__NR_unlinkat, dirfd, path, flags);
}

int renameat(int olddirfd, const char *old, int newdirfd, const char *new)
{
	return __sys(__NR_renameat, olddirfd, old, newdirfd, new);
}

int renameat2(int olddirfd, const char *old, int newdirfd, const char *new, unsigned flags)
{
	return __sys(__NR_renameat2, olddirfd, old, newdirfd, new, flags);
}

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
	return __sys(__NR_fstatat64, dirfd, path, st, flags);
}

int link(const char *old, const char *new)
{
	return __sys(__NR_link, old, new);
}

int linkat(int olddirfd, const char *old, int newdirfd, const char *new, int flags)
{
	return __sys(__NR_linkat, olddirfd, old, newdirfd, new, flags);
}

int symlink(const char *target, const char *path)
{
	return __sys(__NR_symlink, target, path);
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	return __sys(__NR_symlinkat, target, dirfd, path);
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t size)
{
	return __sys(__NR_readlinkat, dirfd, path, buf, size);
}

int fchdir(int fd)
{
	return __sys(__NR_fchdir, fd);
}

/* faccessat(2) has no flags argument; faccessat2 does (AT_EACCESS, AT_SYMLINK_NOFOLLOW). */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (flags)
		return __sys(__NR_faccessat2, dirfd, path, mode, flags);
	return __sys(__NR_faccessat, dirfd, path, mode);
}
