/*
 * struct stat is the kernel's struct stat64 for i386 (arch/x86/include/uapi/
 * asm/stat.h), so stat() is one stat64 call with no copying; the static
 * assertions pin the layout the kernel writes.
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <bits/alltypes.h>
#include <abi/statx.h>
#include <abi/fcntl.h>

struct stat {
	dev_t st_dev;
	int __pad0;
	unsigned long __st_ino_truncated;
	mode_t st_mode;
	nlink_t st_nlink;
	uid_t st_uid;
	gid_t st_gid;
	dev_t st_rdev;
	int __pad3;
	off_t st_size;
	blksize_t st_blksize;
	blkcnt_t st_blocks;
	struct timespec st_atim;
	struct timespec st_mtim;
	struct timespec st_ctim;
	ino_t st_ino;
};
_Static_assert(__builtin_offsetof(struct stat, st_mode) == 16, "stat64 layout");
_Static_assert(__builtin_offsetof(struct stat, st_size) == 44, "stat64 layout");
_Static_assert(__builtin_offsetof(struct stat, st_atim) == 64, "stat64 layout");
_Static_assert(__builtin_offsetof(struct stat, st_ino) == 88, "stat64 layout");
_Static_assert(sizeof(struct stat) == 96, "stat64 layout");

#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000

#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

#define S_IRWXU 0700
#define S_IRUSR 0400
#define S_IWUSR 0200
#define S_IXUSR 0100
#define S_IRWXG 070
#define S_IRGRP 040
#define S_IWGRP 020
#define S_IXGRP 010
#define S_IRWXO 07
#define S_IROTH 04
#define S_IWOTH 02
#define S_IXOTH 01

int stat(const char *restrict path, struct stat *restrict st);
int lstat(const char *restrict path, struct stat *restrict st);
int fstat(int fd, struct stat *st);
int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags);
int mkdir(const char *path, mode_t mode);
int mkdirat(int dirfd, const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);
/* times[0] the access time, times[1] the modification time; tv_nsec UTIME_NOW or UTIME_OMIT
 * (<abi/fcntl.h>) for now or unchanged; NULL: both now. */
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);
mode_t umask(mode_t mask);

/* statx(2): what stat says and more, in struct statx (<abi/statx.h>), the same layout on
 * every architecture. */
int statx(int dirfd, const char *restrict path, int flags, unsigned mask, struct statx *restrict buf);

#endif
