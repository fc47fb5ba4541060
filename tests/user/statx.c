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
#include <sys/syscall.h>
#include "check.h"

/* include/uapi/linux/stat.h: the part of struct statx this test reads; 256 bytes in all. */
struct statx_time { int64_t sec; uint32_t nsec; int32_t reserved; };
struct statx_buf {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct statx_time atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t rest[14];
};
_Static_assert(sizeof(struct statx_buf) == 256, "struct statx is 256 bytes");

#define STATX_BASIC_STATS 0x7ff
#define AT_EMPTY_PATH 0x1000

static long statx_call(int dirfd, const char *path, int flags, unsigned mask, struct statx_buf *x)
{
	memset(x, 0xa5, sizeof *x);
	return syscall(__NR_statx, dirfd, path, flags, mask, x);
}

/* statx of path (with flags) against stat or lstat of it. */
static void same_as_stat(const char *path, int flags)
{
	struct stat st;
	struct statx_buf x;
	CHECK_EQ((flags & AT_SYMLINK_NOFOLLOW) ? lstat(path, &st) : stat(path, &st), 0);
	CHECK_EQ(statx_call(AT_FDCWD, path, flags, STATX_BASIC_STATS, &x), 0);
	CHECK_EQ(x.mask & STATX_BASIC_STATS, STATX_BASIC_STATS);
	CHECK_EQ(x.mode, st.st_mode);
	CHECK_EQ(x.ino, st.st_ino);
	CHECK_EQ(x.nlink, st.st_nlink);
	CHECK(x.uid == st.st_uid && x.gid == st.st_gid);
	CHECK_EQ(x.size, (uint64_t)st.st_size);
	CHECK(x.blocks == (uint64_t)st.st_blocks && x.blksize == (uint32_t)st.st_blksize);
	CHECK_EQ(x.mtime.sec, st.st_mtime);
	CHECK_EQ((x.rdev_major << 8) | x.rdev_minor, (uint32_t)st.st_rdev);
	CHECK_EQ((x.dev_major << 8) | x.dev_minor, (uint32_t)st.st_dev);
}

/* The Umask line of /proc/self/status, or -1. */
static long status_umask(void)
{
	char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	const char *l = strstr(buf, "\nUmask:\t");
	return l ? strtol(l + 8, NULL, 8) : -1;
}

int main(int argc, char **argv)
{
	struct statx_buf x;
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
	CHECK(x.ino == st.st_ino && S_ISDIR(x.mode));
	close(fd);

	section("statx refuses unknown flags, both sync modes, the reserved mask bit; ENOENT");
	CHECK_ERR(statx_call(AT_FDCWD, "/", 0x1, STATX_BASIC_STATS, &x), EINVAL);
	CHECK_ERR(statx_call(AT_FDCWD, "/", 0x6000, STATX_BASIC_STATS, &x), EINVAL);
	CHECK_ERR(statx_call(AT_FDCWD, "/", 0, 0x80000000u, &x), EINVAL);
	CHECK_ERR(statx_call(AT_FDCWD, "/no/such/file", 0, STATX_BASIC_STATS, &x), ENOENT);
	CHECK_EQ(statx_call(AT_FDCWD, "/", 0x2000 /* AT_STATX_FORCE_SYNC */, 0, &x), 0);

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
