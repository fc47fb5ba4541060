/*
 * tmpfs: names and attributes, with Linux's semantics, in a fresh directory of one
 * (tmpfs_test.h says where):
 *   - symlinks: symlink, readlink, readlinkat, lstat (size the target's length, blocks 0 for a
 *     short target, a page for a long one), the path walk through them, ELOOP, O_NOFOLLOW,
 *     O_CREAT through a dangling one making its target;
 *   - hard links: link and linkat (AT_SYMLINK_FOLLOW), one inode under two names, EPERM
 *     for a directory, EEXIST, EXDEV;
 *   - chmod, fchmod, fchmodat; chown, fchown, lchown, fchownat (stored as given: everyone
 *     is root), set-user-ID dropped by chown; utimensat and futimens (UTIME_NOW,
 *     UTIME_OMIT, NULL); each moves ctime;
 *   - access and faccessat, fchdir, statfs and fstatfs (TMPFS_MAGIC, blocks that go as pages
 *     are written on pagewise, /proc's and a pipe's magic numbers).
 */
#include <sys/statfs.h>
#include "tmpfs_test.h"

static void symlinks(void)
{
	char buf[512];
	section("symlink: lstat says S_IFLNK | 0777, size the target's length; stat follows");
	CHECK_EQ(put(P("file"), "data", 4), 0);
	CHECK_EQ(symlink("file", P("l")), 0);
	struct stat st = st_of(P("l"));
	CHECK_EQ(st.st_mode, S_IFLNK | 0777);
	CHECK_EQ(st.st_size, 4);
	CHECK_EQ(st.st_blocks, 0);
	CHECK_EQ(st.st_nlink, 1);
	struct stat target;
	CHECK_EQ(stat(P("l"), &target), 0);
	CHECK_EQ(target.st_ino, st_of(P("file")).st_ino);
	CHECK_EQ(get(P("l"), buf, sizeof buf), 4);

	section("readlink and readlinkat: the target's bytes, no NUL, cut to the buffer; EINVAL for no link");
	memset(buf, 'z', sizeof buf);
	CHECK_EQ(readlink(P("l"), buf, sizeof buf), 4);
	CHECK(memcmp(buf, "filez", 5) == 0);
	CHECK_EQ(readlink(P("l"), buf, 2), 2);
	int dfd = open(base, O_RDONLY | O_DIRECTORY);
	CHECK_EQ(readlinkat(dfd, "l", buf, sizeof buf), 4);
	CHECK_ERR(readlink(P("file"), buf, sizeof buf), EINVAL);
	CHECK_ERR(readlink(P("nosuch"), buf, sizeof buf), ENOENT);

	section("symlink's errors: EEXIST, ENOENT for an empty target or a missing directory");
	CHECK_ERR(symlink("x", P("l")), EEXIST);
	CHECK_ERR(symlink("x", P("file")), EEXIST);
	CHECK_ERR(symlink("", P("empty")), ENOENT);
	CHECK_ERR(symlink("x", P("nosuch/l")), ENOENT);
	CHECK_ERR(symlink("x", P("new/")), ENOENT);
	CHECK_EQ(symlinkat("file", dfd, "l2"), 0);
	CHECK_EQ(unlink(P("l2")), 0);

	section("the walk: through a link to a directory, ELOOP for a loop, O_NOFOLLOW");
	CHECK_EQ(mkdir(P("dir"), 0755), 0);
	CHECK_EQ(put(P("dir/in"), "inside", 6), 0);
	CHECK_EQ(symlink("dir", P("ld")), 0);
	CHECK_EQ(get(P("ld/in"), buf, sizeof buf), 6);
	CHECK(S_ISDIR(st_of(P("ld/")).st_mode));
	CHECK_EQ(symlink("loop2", P("loop1")), 0);
	CHECK_EQ(symlink("loop1", P("loop2")), 0);
	CHECK_ERR(open(P("loop1"), O_RDONLY), ELOOP);
	CHECK_ERR(open(P("l"), O_RDONLY | O_NOFOLLOW), ELOOP);
	int dots;
	CHECK(strcmp(listing(P("ld"), &dots), "in") == 0);

	section("O_CREAT through a dangling symlink makes its target; O_EXCL refuses");
	CHECK_EQ(symlink("made", P("dangle")), 0);
	CHECK_ERR(open(P("dangle"), O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	int fd = open(P("dangle"), O_WRONLY | O_CREAT, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "m", 1), 1);
	close(fd);
	CHECK_EQ(st_of(P("made")).st_mode, S_IFREG | 0600);
	CHECK(S_ISLNK(st_of(P("dangle")).st_mode));

	section("a long target takes a page: st_blocks 8");
	char longt[300];
	memset(longt, 'x', 200);
	longt[200] = 0;
	long shmem0 = meminfo_kb("Shmem");
	CHECK_EQ(symlink(longt, P("long")), 0);
	CHECK_EQ(st_of(P("long")).st_size, 200);
	CHECK_EQ(st_of(P("long")).st_blocks, 8);
	CHECK_EQ(readlink(P("long"), buf, sizeof buf), 200);
	CHECK(memcmp(buf, longt, 200) == 0);
	if (on_pagewise())
		CHECK_EQ(meminfo_kb("Shmem") - shmem0, 4);
	CHECK_EQ(unlink(P("long")), 0);
	if (on_pagewise())
		CHECK_EQ(meminfo_kb("Shmem"), shmem0);

	section("unlink of a symlink takes the link, not its target; rename moves the link");
	CHECK_EQ(rename(P("l"), P("l3")), 0);
	CHECK_EQ(readlink(P("l3"), buf, sizeof buf), 4);
	CHECK_EQ(unlink(P("l3")), 0);
	CHECK_EQ(st_of(P("file")).st_size, 4);
	close(dfd);
	for (const char *n = "ld\0loop1\0loop2\0dangle\0made\0dir/in\0"; *n; n += strlen(n) + 1)
		CHECK_EQ(unlink(P(n)), 0);
	CHECK_EQ(rmdir(P("dir")), 0);
}

static void hard_links(void)
{
	char buf[64];
	section("link: one inode, two names, nlink 2; ctime moves; a write shows through both");
	struct stat before = st_of(P("file"));
	pause_a_little();
	CHECK_EQ(link(P("file"), P("hard")), 0);
	struct stat a = st_of(P("file")), b = st_of(P("hard"));
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK_EQ(a.st_nlink, 2);
	CHECK(later(a.st_ctim, before.st_ctim));
	CHECK(same_time(a.st_mtim, before.st_mtim));
	int fd = open(P("hard"), O_WRONLY | O_APPEND);
	CHECK_EQ(write(fd, "+", 1), 1);
	close(fd);
	CHECK_EQ(get(P("file"), buf, sizeof buf), 5);

	section("link's errors: EEXIST, EPERM for a directory, ENOENT (in /proc too), EXDEV");
	CHECK_ERR(link(P("file"), P("hard")), EEXIST);
	CHECK_EQ(mkdir(P("d"), 0755), 0);
	CHECK_ERR(link(P("d"), P("d2")), EPERM);
	CHECK_ERR(link(P("nosuch"), P("x")), ENOENT);
	CHECK_ERR(link(P("file"), "/proc/tmpfs-link"), ENOENT);	/* /proc's lookup fails first */
	if (on_pagewise())
		CHECK_ERR(link(P("file"), "/dev/shm/tmpfs-link"), EXDEV);
	CHECK_ERR(linkat(AT_FDCWD, P("file"), AT_FDCWD, P("x"), 0x8000), EINVAL);

	section("linkat: a symlink itself, or with AT_SYMLINK_FOLLOW what it names");
	CHECK_EQ(symlink("file", P("sl")), 0);
	CHECK_EQ(linkat(AT_FDCWD, P("sl"), AT_FDCWD, P("sl2"), 0), 0);
	CHECK(S_ISLNK(st_of(P("sl2")).st_mode));
	CHECK_EQ(st_of(P("sl")).st_nlink, 2);
	CHECK_EQ(linkat(AT_FDCWD, P("sl"), AT_FDCWD, P("third"), AT_SYMLINK_FOLLOW), 0);
	CHECK_EQ(st_of(P("file")).st_nlink, 3);

	section("rename of one name onto another of the same file does nothing; unlink counts down");
	CHECK_EQ(rename(P("hard"), P("file")), 0);
	CHECK_EQ(st_of(P("hard")).st_nlink, 3);
	CHECK_EQ(unlink(P("hard")), 0);
	CHECK_EQ(unlink(P("third")), 0);
	CHECK_EQ(st_of(P("file")).st_nlink, 1);
	CHECK_EQ(unlink(P("sl")), 0);
	CHECK_EQ(unlink(P("sl2")), 0);
	CHECK_EQ(rmdir(P("d")), 0);
}

static void attributes(void)
{
	section("chmod, fchmod, fchmodat: the mode changes, ctime moves, mtime does not");
	struct stat before = st_of(P("file"));
	pause_a_little();
	CHECK_EQ(chmod(P("file"), 0600), 0);
	struct stat st = st_of(P("file"));
	CHECK_EQ(st.st_mode, S_IFREG | 0600);
	CHECK(later(st.st_ctim, before.st_ctim));
	CHECK(same_time(st.st_mtim, before.st_mtim));
	int fd = open(P("file"), O_RDONLY);
	CHECK_EQ(fchmod(fd, 04711), 0);
	CHECK_EQ(st_of(P("file")).st_mode, S_IFREG | 04711);
	CHECK_EQ(fchmodat(AT_FDCWD, P("file"), 0644, 0), 0);
	CHECK_EQ(st_of(P("file")).st_mode, S_IFREG | 0644);
	CHECK_EQ(symlink("file", P("sl")), 0);
	CHECK_EQ(chmod(P("sl"), 0640), 0);		/* follows the link */
	CHECK_EQ(st_of(P("file")).st_mode, S_IFREG | 0640);
	CHECK_EQ(st_of(P("sl")).st_mode, S_IFLNK | 0777);
	CHECK_ERR(chmod(P("nosuch"), 0644), ENOENT);

	section("chown, fchown, lchown, fchownat: ids stored, -1 keeps one; set-user-ID dropped");
	CHECK_EQ(chown(P("file"), 1000, 2000), 0);
	st = st_of(P("file"));
	CHECK(st.st_uid == 1000 && st.st_gid == 2000);
	CHECK_EQ(fchown(fd, (uid_t)-1, 3000), 0);
	st = st_of(P("file"));
	CHECK(st.st_uid == 1000 && st.st_gid == 3000);
	CHECK_EQ(lchown(P("sl"), 7, 8), 0);
	CHECK(st_of(P("sl")).st_uid == 7 && st_of(P("file")).st_uid == 1000);
	CHECK_EQ(fchownat(AT_FDCWD, P("sl"), 9, 9, AT_SYMLINK_NOFOLLOW), 0);
	CHECK(st_of(P("sl")).st_gid == 9 && st_of(P("file")).st_gid == 3000);
	CHECK_ERR(fchownat(AT_FDCWD, P("sl"), 9, 9, 0x4000), EINVAL);
	CHECK_EQ(chmod(P("file"), 06755), 0);
	CHECK_EQ(chown(P("file"), (uid_t)-1, (gid_t)-1), 0);
	CHECK_EQ(st_of(P("file")).st_mode, S_IFREG | 0755);	/* group x: the set-group-ID goes too */
	CHECK_EQ(chmod(P("file"), 02745), 0);
	CHECK_EQ(chown(P("file"), 0, 0), 0);
	CHECK_EQ(st_of(P("file")).st_mode, S_IFREG | 02745);	/* no group x: it stays */
	CHECK_EQ(chown(P("file"), 0, 0), 0);
	close(fd);

	section("utimensat: times as given, UTIME_OMIT keeps one, UTIME_NOW and NULL are now; ctime now");
	struct timespec t[2] = { { 1000, 5 }, { 2000, 7 } };
	struct timespec now0;
	clock_gettime(CLOCK_REALTIME, &now0);
	pause_a_little();
	CHECK_EQ(utimensat(AT_FDCWD, P("file"), t, 0), 0);
	st = st_of(P("file"));
	CHECK(st.st_atim.tv_sec == 1000 && st.st_atim.tv_nsec == 5);
	CHECK(st.st_mtim.tv_sec == 2000 && st.st_mtim.tv_nsec == 7);
	CHECK(later(st.st_ctim, now0));
	struct timespec omit_now[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
	CHECK_EQ(utimensat(AT_FDCWD, P("file"), omit_now, 0), 0);
	st = st_of(P("file"));
	CHECK(st.st_atim.tv_sec == 1000 && st.st_atim.tv_nsec == 5);
	CHECK(later(st.st_mtim, now0));
	CHECK_EQ(utimensat(AT_FDCWD, P("file"), NULL, 0), 0);
	CHECK(later(st_of(P("file")).st_atim, now0));
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	CHECK_EQ(utimensat(AT_FDCWD, P("nosuch"), omit, 0), 0);	/* nothing to do: not even a lookup */
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	CHECK_ERR(utimensat(AT_FDCWD, P("file"), bad, 0), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, P("file"), t, 0x8000), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, P("nosuch"), t, 0), ENOENT);
	fd = open(P("file"), O_RDONLY);
	CHECK_EQ(futimens(fd, t), 0);
	CHECK_EQ(fst_of(fd).st_mtim.tv_sec, 2000);
	close(fd);
	CHECK_EQ(utimensat(AT_FDCWD, P("sl"), t, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_EQ(st_of(P("sl")).st_mtim.tv_sec, 2000);
	CHECK_EQ(unlink(P("sl")), 0);

	section("access and faccessat: root reads and writes; execute needs an x bit");
	CHECK_EQ(chmod(P("file"), 0644), 0);
	CHECK_EQ(access(P("file"), R_OK | W_OK), 0);
	CHECK_ERR(access(P("file"), X_OK), EACCES);
	CHECK_EQ(chmod(P("file"), 0000), 0);
	CHECK_EQ(access(P("file"), R_OK | W_OK), 0);
	CHECK_EQ(chmod(P("file"), 0744), 0);
	CHECK_EQ(access(P("file"), X_OK), 0);
	CHECK_EQ(access(base, X_OK | W_OK), 0);
	int dfd = open(base, O_RDONLY | O_DIRECTORY);
	CHECK_EQ(faccessat(dfd, "file", W_OK, 0), 0);
	CHECK_EQ(faccessat(dfd, "file", W_OK, AT_EACCESS), 0);
	CHECK_ERR(faccessat(dfd, "nosuch", F_OK, 0), ENOENT);
	CHECK_ERR(access(P("file"), 8), EINVAL);

	section("fchdir: to a directory descriptor; ENOTDIR for a file, EBADF");
	char cwd[512];
	CHECK_EQ(fchdir(dfd), 0);
	CHECK(getcwd(cwd, sizeof cwd) && strcmp(cwd, base) == 0);
	fd = open("file", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERR(fchdir(fd), ENOTDIR);
	close(fd);
	CHECK_ERR(fchdir(99), EBADF);
	CHECK_EQ(chdir("/"), 0);
	close(dfd);
	CHECK_EQ(unlink(P("file")), 0);
}

static void statfs_calls(void)
{
	section("statfs: TMPFS_MAGIC, 4096-byte blocks, names of 255; fstatfs the same");
	struct statfs s, f;
	CHECK_EQ(statfs(base, &s), 0);
	CHECK_EQ(s.f_type, TMPFS_MAGIC);
	CHECK_EQ(s.f_bsize, 4096);
	CHECK_EQ(s.f_frsize, 4096);
	CHECK_EQ(s.f_namelen, 255);
	CHECK(s.f_blocks > 0 && s.f_bfree <= s.f_blocks && s.f_bavail == s.f_bfree);
	CHECK(s.f_files > 0 && s.f_ffree <= s.f_files);
	CHECK(s.f_flags & ST_VALID);
	int fd = open(P("sf"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ(fstatfs(fd, &f), 0);
	CHECK_EQ(f.f_type, TMPFS_MAGIC);
	CHECK_EQ(f.f_blocks, s.f_blocks);
	if (on_pagewise()) {
		static char page[4096];
		CHECK_EQ(s.f_ffree - f.f_ffree, 1);	/* the new file's inode */
		for (int i = 0; i < 10; i++)
			CHECK_EQ(write(fd, page, sizeof page), 4096);
		CHECK_EQ(fstatfs(fd, &f), 0);
		CHECK_EQ(s.f_bfree - f.f_bfree, 10);
	}
	close(fd);
	CHECK_EQ(unlink(P("sf")), 0);
	CHECK_ERR(statfs(P("nosuch"), &s), ENOENT);

	section("other file systems: /proc, a pipe; on pagewise the root (ramfs, read-only)");
	CHECK_EQ(statfs("/proc", &s), 0);
	CHECK_EQ(s.f_type, PROC_SUPER_MAGIC);
	int p[2];
	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(fstatfs(p[0], &s), 0);
	CHECK_EQ(s.f_type, PIPEFS_MAGIC);
	close(p[0]);
	close(p[1]);
	if (on_pagewise()) {
		CHECK_EQ(statfs("/", &s), 0);
		CHECK_EQ(s.f_type, RAMFS_MAGIC);
		CHECK(s.f_flags & ST_RDONLY);
		CHECK_ERR(chmod("/bin/sh", 0755), EROFS);
		CHECK_ERR(utimensat(AT_FDCWD, "/bin/sh", NULL, 0), EROFS);
		CHECK_ERR(link("/bin/sh", "/bin/sh2"), EROFS);
		CHECK_ERR(symlink("x", "/bin/sh2"), EROFS);
	}
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	if (tmpfs_test_begin(argc, argv, "tmpfs-names"))
		return 1;
	symlinks();
	hard_links();
	attributes();
	statfs_calls();
	tmpfs_test_end();
	return check_done();
}
