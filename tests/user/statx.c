/*
 * statx(2), which static glibc calls first for every stat, and umask(2):
 *   - statx and stat64 say the same of a directory, a device and a symbolic link
 *     (AT_SYMLINK_NOFOLLOW), and AT_EMPTY_PATH asks about an open descriptor;
 *   - flags and mask are checked as Linux does: unknown flags, both sync modes at once, or
 *     the reserved mask bit are EINVAL; a missing file is ENOENT;
 *   - umask returns the mask before it, and /proc/self/status shows the new one (on
 *     pagewise a process starts with 022, as Linux's init does).
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include "check.h"

#define AT_EMPTY_PATH 0x1000

static long statx_call(int dirfd, const char *path, int flags, unsigned mask, struct statx *x)
{
	memset(x, 0xa5, sizeof *x);
	return statx(dirfd, path, flags, mask, x);
}

/* statx of path (with flags) against stat or lstat of it. */
static void same_as_stat(const char *path, int flags)
{
	struct stat st;
	struct statx x;
	CHECK_EQ((flags & AT_SYMLINK_NOFOLLOW) ? lstat(path, &st) : stat(path, &st), 0);
	CHECK_EQ(statx_call(AT_FDCWD, path, flags, STATX_BASIC_STATS, &x), 0);
	CHECK_EQ(x.stx_mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	CHECK_EQ(x.stx_mode, st.st_mode);
	CHECK_EQ(x.stx_ino, st.st_ino);
	CHECK_EQ(x.stx_nlink, st.st_nlink);
	CHECK(x.stx_uid == st.st_uid && x.stx_gid == st.st_gid);
	CHECK_EQ(x.stx_size, (uint64_t)st.st_size);
	CHECK(x.stx_blocks == (uint64_t)st.st_blocks && x.stx_blksize == (uint32_t)st.st_blksize);
	CHECK_EQ(x.stx_mtime.tv_sec, st.st_mtime);
	CHECK_EQ((x.stx_rdev_major << 8) | x.stx_rdev_minor, (uint32_t)st.st_rdev);
	CHECK_EQ((x.stx_dev_major << 8) | x.stx_dev_minor, (uint32_t)st.st_dev);
}

/* The Umask line of /proc/self/status, or -1. */
static long status_umask(void)
{
	char buf[4096];
	if (read_text("/proc/self/status", buf, sizeof buf) < 0)
		return -1;
	const char *l = strstr(buf, "\nUmask:\t");
	return l ? strtol(l + 8, NULL, 8) : -1;
}

int main(int argc, char **argv)
{
	struct statx x;
	struct stat st;

	check_init(argc, argv);

	section("statx and stat agree: a directory, a device, a symbolic link");
	same_as_stat("/", 0);
	same_as_stat("/dev/null", 0);
	same_as_stat("/proc/self", AT_SYMLINK_NOFOLLOW);
	CHECK(lstat("/proc/self", &st) == 0 && S_ISLNK(st.st_mode));

	section("AT_EMPTY_PATH: statx of an open descriptor");
	int fd = open("/", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(statx_call(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &x), 0);
	CHECK_EQ(stat("/", &st), 0);
	CHECK(x.stx_ino == st.st_ino && S_ISDIR(x.stx_mode));
	close(fd);

	section("statx refuses unknown flags, both sync modes, the reserved mask bit; ENOENT");
	CHECK_ERR(statx_call(AT_FDCWD, "/", 0x1, STATX_BASIC_STATS, &x), EINVAL);
	CHECK_ERR(statx_call(AT_FDCWD, "/", AT_STATX_SYNC_TYPE, STATX_BASIC_STATS, &x), EINVAL);
	CHECK_ERR(statx_call(AT_FDCWD, "/", 0, STATX__RESERVED, &x), EINVAL);
	CHECK_ERR(statx_call(AT_FDCWD, "/no/such/file", 0, STATX_BASIC_STATS, &x), ENOENT);
	CHECK_EQ(statx_call(AT_FDCWD, "/", AT_STATX_FORCE_SYNC, 0, &x), 0);

	section("umask returns the old mask; /proc/self/status shows the new one");
	mode_t old = umask(027);
	if (on_pagewise())
		CHECK_EQ(old, 022);
	CHECK_EQ(status_umask(), 027);
	CHECK_EQ(umask(0777 | 01000), 027);	/* only the permission bits are kept */
	CHECK_EQ(umask(old), 0777);
	CHECK_EQ(status_umask(), (long)old);
	return check_done();
}
