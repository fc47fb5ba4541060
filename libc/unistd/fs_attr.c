/* A file's attributes and length: chmod(2), chown(2) (the 32-bit-id calls), utimensat(2),
 * truncate(2), fsync(2), and statfs(2) as statfs64. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include "syscall.h"

int chmod(const char *path, mode_t mode)
{
	return __sys(__NR_chmod, path, mode);
}

int fchmod(int fd, mode_t mode)
{
	return __sys(__NR_fchmod, fd, mode);
}

/* The kernel's fchmodat has no flags argument: AT_SYMLINK_NOFOLLOW is refused, as musl does
 * for a symlink (a mode of a symlink means nothing on Linux). */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW) {
		errno = EINVAL;
		return -1;
	}
	if (flags) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return __sys(__NR_fchmodat, dirfd, path, mode);
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return __sys(__NR_chown32, path, uid, gid);
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return __sys(__NR_fchown32, fd, uid, gid);
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return __sys(__NR_lchown32, path, uid, gid);
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	return __sys(__NR_fchownat, dirfd, path, uid, gid, flags);
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	return __sys(__NR_utimensat, dirfd, path, times, flags);
}

int futimens(int fd, const struct timespec times[2])
{
	return __sys(__NR_utimensat, fd, 0, times, 0);
}

/* truncate64 and ftruncate64: the length in two registers, low word first. */
int truncate(const char *path, off_t len)
{
	return __sys(__NR_truncate64, path, (unsigned long)len, (unsigned long)((unsigned long long)len >> 32));
}

int ftruncate(int fd, off_t len)
{
	return __sys(__NR_ftruncate64, fd, (unsigned long)len, (unsigned long)((unsigned long long)len >> 32));
}

int fsync(int fd)
{
	return __sys(__NR_fsync, fd);
}

int statfs(const char *path, struct statfs *buf)
{
	return __sys(__NR_statfs64, path, sizeof *buf, buf);
}

int fstatfs(int fd, struct statfs *buf)
{
	return __sys(__NR_fstatfs64, fd, sizeof *buf, buf);
}
