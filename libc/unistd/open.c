/* Opening files: open(2), openat(2), creat(2), fcntl(2). */
#include <fcntl.h>
#include <stdarg.h>
#include "syscall.h"

/*
 * O_LARGEFILE on every open: our off_t is 64 bits, so we can handle any
 * file size, and Linux refuses to open files over 2 GiB without the flag.
 * The mode argument is only there with O_CREAT; reading it otherwise would
 * read garbage, which the kernel ignores, but we do not rely on that.
 */
int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return __sys_cp(__NR_openat, dirfd, path, flags | O_LARGEFILE, mode);
}

/* open(2) keeps its own number: a first kernel may have open but not openat. */
int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return __sys_cp(__NR_open, path, flags | O_LARGEFILE, mode);
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int fcntl(int fd, int cmd, ...)
{
	long arg;
	va_list ap;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return __sys(__NR_fcntl64, fd, cmd, arg);
}
