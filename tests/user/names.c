/*
 * mkdir, rmdir, unlink, unlinkat, rename and renameat2 on a system where no name can be
 * added or removed: each gives the error Linux gives, in Linux's order (fs/namei.c).
 *   - in /proc (on Linux too): a missing name is ENOENT, also for mkdir and for rename's
 *     target; an existing one is EEXIST for mkdir, EPERM for unlink and rmdir, except that
 *     rmdir of a file is ENOTDIR, and unlink of a name with a trailing slash EISDIR for a
 *     directory, ENOTDIR for the rest (a symlink too: the name is not followed);
 *   - ".", ".." and "/" as the last component: EEXIST (mkdir), EISDIR (unlink), EINVAL,
 *     ENOTEMPTY, EBUSY (rmdir), EBUSY (rename); a missing parent ENOENT, a file as parent
 *     ENOTDIR; rename from /proc to the root file system EXDEV; bad flags EINVAL;
 *   - on pagewise's initrd, a read-only mount: EROFS, even for a name that is not there
 *     (Linux asks the mount before it looks), except mkdir of an existing name (EEXIST).
 *     These run on pagewise only: on the Linux that stands in, / can be written.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "check.h"

#define AT_REMOVEDIR 0x200

int main(int argc, char **argv)
{
	check_init(argc, argv);

	section("/proc: a missing name is ENOENT, an existing one EEXIST or EPERM");
	CHECK_ERR(unlink("/proc/meminfo"), EPERM);
	CHECK_ERR(unlink("/proc/nosuch"), ENOENT);
	CHECK_ERR(mkdir("/proc/nosuch", 0755), ENOENT);
	CHECK_ERR(mkdir("/proc/self", 0755), EEXIST);
	CHECK_ERR(rmdir("/proc/1"), EPERM);
	CHECK_ERR(rmdir("/proc/nosuch"), ENOENT);
	CHECK_ERR(syscall(__NR_unlinkat, AT_FDCWD, "/proc/1", AT_REMOVEDIR), EPERM);

	section("/proc: a directory, a file and a symlink each in the wrong call; trailing slashes");
	CHECK_ERR(unlink("/proc/1"), EPERM);	/* a process's directory: EPERM, as a file */
	CHECK_ERR(unlink("/proc/1/"), EISDIR);
	CHECK_ERR(rmdir("/proc/meminfo"), ENOTDIR);
	CHECK_ERR(unlink("/proc/meminfo/"), ENOTDIR);
	CHECK_ERR(unlink("/proc/self"), EPERM);
	CHECK_ERR(unlink("/proc/self/"), ENOTDIR);	/* the link itself, not where it leads */
	CHECK_ERR(mkdir("/proc/self/", 0755), EEXIST);

	section("\".\", \"..\" and \"/\" as the last component; a missing or non-directory parent");
	CHECK_ERR(mkdir("/", 0755), EEXIST);
	CHECK_ERR(mkdir("/proc/.", 0755), EEXIST);
	CHECK_ERR(unlink("/proc/."), EISDIR);
	CHECK_ERR(rmdir("/proc/."), EINVAL);
	CHECK_ERR(rmdir("/proc/.."), ENOTEMPTY);
	CHECK_ERR(rmdir("/"), EBUSY);
	CHECK_ERR(unlink("/no/such/file"), ENOENT);
	CHECK_ERR(unlink("/proc/meminfo/x"), ENOTDIR);
	CHECK_ERR(unlink(""), ENOENT);

	section("rename: EBUSY for \".\", ENOENT for a missing name either side, EXDEV across");
	CHECK_ERR(rename("/proc/.", "/proc/m2"), EBUSY);
	CHECK_ERR(rename("/proc/nosuch", "/proc/m2"), ENOENT);
	CHECK_ERR(rename("/proc/meminfo", "/proc/m2"), ENOENT);
	CHECK_ERR(rename("/proc/meminfo", "/proc/uptime"), EPERM);
	CHECK_ERR(rename("/proc/meminfo", "/m2"), EXDEV);

	section("bad flags: EINVAL");
	CHECK_ERR(syscall(__NR_unlinkat, AT_FDCWD, "/proc/meminfo", 1), EINVAL);
	CHECK_ERR(syscall(__NR_renameat2, AT_FDCWD, "/proc/meminfo", AT_FDCWD, "/proc/uptime", 3),
		  EINVAL);

	if (on_pagewise()) {
		section("the initrd is a read-only mount: EROFS, whether the name is there or not");
		CHECK_ERR(unlink("/bin/sh"), EROFS);
		CHECK_ERR(unlink("/bin/nosuch"), EROFS);
		CHECK_ERR(mkdir("/newdir", 0755), EROFS);
		CHECK_ERR(mkdir("/bin", 0755), EEXIST);
		CHECK_ERR(rmdir("/bin"), EROFS);
		CHECK_ERR(rename("/bin/sh", "/bin/sh2"), EROFS);
		CHECK_ERR(syscall(__NR_mkdirat, AT_FDCWD, "/bin/sh/x", 0755), ENOTDIR);
		struct stat st;
		CHECK_EQ(stat("/bin/sh", &st), 0);	/* and nothing happened to it */
	}
	return check_done();
}
