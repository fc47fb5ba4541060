/*
 * tmpfs: a file system in memory, with Linux's semantics, checked in a fresh directory of one
 * (tmpfs_test.h says where), removed at the end (links, symlinks and attributes: tmpfs_names.c):
 *   - files: O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW; read, write,
 *     pread, pwrite, readv, writev, lseek; a write past the end leaves a hole of zeros that
 *     holds no page; ftruncate and truncate cut and grow; the mode is mode & ~umask;
 *   - stat: the type and mode, st_nlink (a directory: 2 + subdirectories), st_size (a
 *     directory: 20 bytes a name with "." and ".."), st_blocks (8 for each page held), st_ino
 *     and st_dev; the times a write, a read, a new name and a truncate move;
 *   - directories: mkdir, rmdir, unlink, getdents64 with "." and "..", and the errors
 *     EEXIST, ENOENT, ENOTDIR, EISDIR, ENOTEMPTY, ENAMETOOLONG;
 *   - rename and renameat2: replacing a file or an empty directory, RENAME_NOREPLACE,
 *     RENAME_EXCHANGE, RENAME_WHITEOUT, a directory into itself (EINVAL), EXDEV to another
 *     file system;
 *   - an unlinked file lives on through its descriptor;
 *   - on pagewise only, the memory: 10 pages written are exactly 40 kB more Shmem (and
 *     Cached), all of it back when the file goes; MemFree comes back exactly too; a
 *     MAP_SHARED mapping of a tmpfs file is its own pages (stores reach the file and every
 *     mapping, write() is seen in them, a page past the end is SIGBUS, also one that was
 *     mapped before the file shrank), a file past 4 GiB EFBIG;
 *     a write past the mount's size (half of memory) ENOSPC; a program runs from tmpfs.
 */
#include <sys/mman.h>
#include <sys/uio.h>
#include "tmpfs_test.h"

static void files(void)
{
	char buf[PAGE * 2];
	section("a new file: O_CREAT | O_EXCL, mode & ~umask, empty, no blocks");
	umask(022);
	int fd = open(P("f"), O_RDWR | O_CREAT | O_EXCL, 0666);
	CHECK(fd >= 0);
	struct stat st = fst_of(fd);
	CHECK_EQ(st.st_mode, S_IFREG | 0644);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(st.st_blocks, 0);
	CHECK_EQ(st.st_dev, st_of(base).st_dev);
	CHECK(st.st_ino != st_of(base).st_ino);
	CHECK_ERR(open(P("f"), O_RDWR | O_CREAT | O_EXCL, 0666), EEXIST);

	section("write, read, pread, pwrite, lseek; st_size, st_blocks 8 per page");
	CHECK_EQ(write(fd, "hello, tmpfs", 12), 12);
	st = fst_of(fd);
	CHECK_EQ(st.st_size, 12);
	CHECK_EQ(st.st_blocks, 8);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 12);
	CHECK_EQ(read(fd, buf, 10), 0);
	CHECK_EQ(pread(fd, buf, 5, 7), 5);
	CHECK(memcmp(buf, "tmpfs", 5) == 0);
	CHECK_EQ(pwrite(fd, "HELLO", 5, 0), 5);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 12);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 0, sizeof buf);
	CHECK_EQ(read(fd, buf, sizeof buf), 12);
	CHECK(strcmp(buf, "HELLO, tmpfs") == 0);
	CHECK_EQ(lseek(fd, -5, SEEK_END), 7);
	struct statx x;
	CHECK_EQ(statx(AT_FDCWD, P("f"), 0, STATX_BASIC_STATS, &x), 0);
	st = fst_of(fd);
	CHECK_EQ(x.stx_size, 12);
	CHECK_EQ(x.stx_blocks, 8);
	CHECK_EQ(x.stx_mode, S_IFREG | 0644);
	CHECK_EQ(x.stx_ino, st.st_ino);
	CHECK(x.stx_mtime.tv_sec == st.st_mtim.tv_sec && x.stx_mtime.tv_nsec == (uint32_t)st.st_mtim.tv_nsec);
	close(fd);

	section("O_CREAT of an existing file opens it; O_TRUNC empties it; O_APPEND writes at the end");
	fd = open(P("f"), O_RDWR | O_CREAT, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(fst_of(fd).st_mode, S_IFREG | 0644);
	close(fd);
	fd = open(P("f"), O_WRONLY | O_APPEND);
	CHECK_EQ(write(fd, "!", 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "?", 1), 1);
	CHECK_EQ(pwrite(fd, "#", 1, 0), 1);	/* Linux: pwrite on O_APPEND appends too */
	close(fd);
	CHECK_EQ(get(P("f"), buf, sizeof buf), 15);
	CHECK(strcmp(buf, "HELLO, tmpfs!?#") == 0);
	fd = open(P("f"), O_RDONLY | O_TRUNC);	/* Linux truncates even read-only */
	CHECK(fd >= 0);
	CHECK_EQ(fst_of(fd).st_size, 0);
	CHECK_EQ(fst_of(fd).st_blocks, 0);

	section("EBADF: writing a read-only descriptor, reading a write-only one; EFAULT, ESPIPE, EINVAL");
	CHECK_ERR(write(fd, "x", 1), EBADF);
	CHECK_ERR(pwrite(fd, "x", 1, 0), EBADF);
	CHECK_ERR(read(fd, (void *)0xc0001000, 10), EFAULT);	/* at the end, but checked first */
	CHECK_ERR(pread(fd, buf, 1, -1), EINVAL);
	int pp[2];
	CHECK_EQ(pipe(pp), 0);
	CHECK_ERR(pread(pp[0], buf, 1, 0), ESPIPE);
	CHECK_ERR(pread(pp[0], buf, 1, -1), EINVAL);		/* the offset before the pipe */
	close(pp[0]);
	close(pp[1]);
	close(fd);
	fd = open(P("f"), O_WRONLY);
	CHECK_ERR(read(fd, buf, 1), EBADF);
	close(fd);

	section("umask 027: a new file of 0666 is 0640; mkdir 0777 is 0750");
	umask(027);
	fd = open(P("g"), O_WRONLY | O_CREAT, 0666);
	CHECK_EQ(fst_of(fd).st_mode, S_IFREG | 0640);
	close(fd);
	CHECK_EQ(mkdir(P("gd"), 0777), 0);
	CHECK_EQ(st_of(P("gd")).st_mode, S_IFDIR | 0750);
	umask(022);
	CHECK_EQ(unlink(P("g")), 0);
	CHECK_EQ(rmdir(P("gd")), 0);

	section("open's errors: ENOENT, ENOTDIR, EISDIR, O_DIRECTORY, ENAMETOOLONG");
	CHECK_ERR(open(P("nosuch"), O_RDONLY), ENOENT);
	CHECK_ERR(open(P("nosuch/x"), O_RDWR | O_CREAT, 0644), ENOENT);
	CHECK_ERR(open(P("f/x"), O_RDWR | O_CREAT, 0644), ENOTDIR);
	CHECK_ERR(open(P("f"), O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR(open(P("newdir/"), O_RDWR | O_CREAT, 0644), EISDIR);
	CHECK_ERR(open(P("f/"), O_RDWR | O_CREAT, 0644), EISDIR);	/* before it is looked up */
	CHECK_ERR(open(P("newdir"), O_RDONLY | O_CREAT | O_DIRECTORY, 0755), EINVAL);
	CHECK_ERR(open(base, O_RDONLY | O_CREAT | O_DIRECTORY, 0755), EINVAL);
	CHECK_ERR(open(base, O_RDONLY | O_TRUNC), EISDIR);
	CHECK_ERR(open(base, O_RDWR), EISDIR);
	CHECK_ERR(open(base, O_WRONLY | O_CREAT, 0644), EISDIR);
	char longname[300];
	memset(longname, 'n', 256);
	longname[256] = 0;
	CHECK_ERR(open(P(longname), O_RDWR | O_CREAT, 0644), ENAMETOOLONG);
	CHECK_ERR(mkdir(P(longname), 0755), ENAMETOOLONG);
	longname[255] = 0;
	fd = open(P(longname), O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ(unlink(P(longname)), 0);
	CHECK_EQ(unlink(P("f")), 0);
}

static void holes_and_truncate(void)
{
	char buf[PAGE];
	section("a write past the end leaves a hole: zeros, no page");
	int fd = open(P("h"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ(pwrite(fd, "x", 1, 3 * PAGE + 10), 1);
	struct stat st = fst_of(fd);
	CHECK_EQ(st.st_size, 3 * PAGE + 11);
	CHECK_EQ(st.st_blocks, 8);
	memset(buf, 1, sizeof buf);
	CHECK_EQ(pread(fd, buf, PAGE, PAGE), PAGE);
	int zeros = 1;
	for (int i = 0; i < PAGE; i++)
		zeros &= buf[i] == 0;
	CHECK(zeros);
	CHECK_EQ(pread(fd, buf, 100, 3 * PAGE), 11);
	CHECK(buf[10] == 'x' && buf[0] == 0);
	CHECK_EQ(lseek(fd, 10 * PAGE, SEEK_SET), 10 * PAGE);
	CHECK_EQ(read(fd, buf, 1), 0);
	CHECK_EQ(write(fd, "y", 1), 1);
	CHECK_EQ(fst_of(fd).st_size, 10 * PAGE + 1);
	CHECK_EQ(fst_of(fd).st_blocks, 16);

	section("ftruncate: shrinking drops the pages past the end and zeroes the tail");
	CHECK_EQ(ftruncate(fd, 3 * PAGE + 5), 0);
	st = fst_of(fd);
	CHECK_EQ(st.st_size, 3 * PAGE + 5);
	CHECK_EQ(st.st_blocks, 8);
	CHECK_EQ(ftruncate(fd, 3 * PAGE + 20), 0);
	CHECK_EQ(pread(fd, buf, 100, 3 * PAGE), 20);
	CHECK(buf[10] == 0);			/* the 'x' was cut off: zeros now */
	CHECK_EQ(ftruncate(fd, 100 * PAGE), 0);	/* growing makes a hole */
	CHECK_EQ(fst_of(fd).st_size, 100 * PAGE);
	CHECK_EQ(fst_of(fd).st_blocks, 8);
	CHECK_EQ(ftruncate(fd, 0), 0);
	CHECK_EQ(fst_of(fd).st_blocks, 0);
	CHECK_ERR(ftruncate(fd, -1), EINVAL);
	close(fd);
	fd = open(P("h"), O_RDONLY);
	CHECK_ERR(ftruncate(fd, 0), EINVAL);	/* not open for writing */
	close(fd);
	CHECK_ERR(ftruncate(99, 0), EBADF);

	section("truncate by path: EISDIR, ENOENT, EINVAL for a negative length");
	CHECK_EQ(truncate(P("h"), 7), 0);
	CHECK_EQ(st_of(P("h")).st_size, 7);
	CHECK_EQ(get(P("h"), buf, sizeof buf), 7);
	CHECK_ERR(truncate(base, 0), EISDIR);
	CHECK_ERR(truncate(P("nosuch"), 0), ENOENT);
	CHECK_ERR(truncate(P("h"), -1), EINVAL);
	CHECK_EQ(unlink(P("h")), 0);

	section("readv and writev");
	fd = open(P("v"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct iovec w[3] = { { "abc", 3 }, { "", 0 }, { "defgh", 5 } };
	CHECK_EQ(writev(fd, w, 3), 8);
	char a[2], b[10];
	struct iovec r[2] = { { a, 2 }, { b, 10 } };
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(readv(fd, r, 2), 8);
	CHECK(memcmp(a, "ab", 2) == 0 && memcmp(b, "cdefgh", 6) == 0);
	close(fd);
	CHECK_EQ(unlink(P("v")), 0);
}

static void directories(void)
{
	int dots;
	section("mkdir: nlink 2, size 40; the parent's nlink counts it");
	nlink_t parent = st_of(base).st_nlink;
	CHECK_EQ(mkdir(P("d"), 0755), 0);
	struct stat st = st_of(P("d"));
	CHECK_EQ(st.st_mode, S_IFDIR | 0755);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(st.st_size, 40);
	CHECK_EQ(st.st_blocks, 0);
	CHECK_EQ(st_of(base).st_nlink, parent + 1);
	CHECK_ERR(mkdir(P("d"), 0755), EEXIST);
	CHECK_ERR(mkdir(P("d/"), 0755), EEXIST);
	CHECK_ERR(mkdir(P("nosuch/d"), 0755), ENOENT);

	section("names in it: size 20 more each, a subdirectory one more link; getdents lists them");
	CHECK_EQ(put(P("d/a"), "A", 1), 0);
	CHECK_EQ(put(P("d/b"), "BB", 2), 0);
	CHECK_EQ(mkdir(P("d/sub"), 0700), 0);
	st = st_of(P("d"));
	CHECK_EQ(st.st_size, 100);
	CHECK_EQ(st.st_nlink, 3);
	CHECK(strcmp(listing(P("d"), &dots), "a b sub") == 0);
	CHECK_EQ(dots, 2);
	CHECK_ERR(mkdir(P("d/a/x"), 0755), ENOTDIR);

	section("getdents64: \".\" is the directory, \"..\" its parent");
	int fd = open(P("d"), O_RDONLY | O_DIRECTORY);
	char dbuf[1024];
	long n = getdents64(fd, dbuf, sizeof dbuf);
	CHECK(n > 0);
	int seen = 0;
	for (long off = 0; off < n;) {
		struct dirent *e = (struct dirent *)(dbuf + off);
		if (!strcmp(e->d_name, "."))
			seen += e->d_ino == st_of(P("d")).st_ino && e->d_type == DT_DIR;
		if (!strcmp(e->d_name, ".."))
			seen += e->d_ino == st_of(base).st_ino;
		if (!strcmp(e->d_name, "a"))
			seen += e->d_ino == st_of(P("d/a")).st_ino && e->d_type == DT_REG;
		off += e->d_reclen;
	}
	CHECK_EQ(seen, 3);
	CHECK_EQ(getdents64(fd, dbuf, sizeof dbuf), 0);
	CHECK_ERR(lseek(fd, 0, SEEK_END), EINVAL);	/* a listing has no end to seek from */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(getdents64(fd, dbuf, sizeof dbuf), n);
	CHECK_ERR(write(fd, "x", 1), EBADF);
	close(fd);

	section("rmdir and unlink: ENOTEMPTY, ENOTDIR, EISDIR, ENOENT; AT_REMOVEDIR");
	CHECK_ERR(rmdir(P("d")), ENOTEMPTY);
	CHECK_ERR(rmdir(P("d/a")), ENOTDIR);
	CHECK_ERR(unlink(P("d/sub")), EISDIR);
	CHECK_ERR(unlink(P("d/a/")), ENOTDIR);
	CHECK_ERR(unlink(P("d/sub/")), EISDIR);
	CHECK_ERR(unlink(P("d/nosuch")), ENOENT);
	CHECK_ERR(rmdir(P("d/nosuch")), ENOENT);
	CHECK_ERR(rmdir(P("d/.")), EINVAL);
	CHECK_ERR(rmdir(P("d/sub/..")), ENOTEMPTY);
	CHECK_ERR(unlinkat(AT_FDCWD, P("d/a"), AT_REMOVEDIR), ENOTDIR);
	CHECK_EQ(unlinkat(AT_FDCWD, P("d/sub"), AT_REMOVEDIR), 0);
	CHECK_EQ(st_of(P("d")).st_nlink, 2);
	CHECK_EQ(unlink(P("d/a")), 0);
	CHECK_EQ(unlinkat(AT_FDCWD, P("d/b"), 0), 0);
	CHECK_EQ(st_of(P("d")).st_size, 40);
	CHECK(strcmp(listing(P("d"), &dots), "") == 0);

	section("a removed directory: nlink 0, lists nothing (ENOENT), takes no new name");
	fd = open(P("d"), O_RDONLY | O_DIRECTORY);
	CHECK_EQ(rmdir(P("d")), 0);
	CHECK_EQ(st_of(base).st_nlink, parent);
	CHECK_EQ(fst_of(fd).st_nlink, 0);
	CHECK_ERR(getdents64(fd, dbuf, sizeof dbuf), ENOENT);
	close(fd);
	CHECK_ERR(rmdir(P("d")), ENOENT);

	section("a tree 200 levels deep: every level reached by its path, then removed");
	static char deep[1024];
	snprintf(deep, sizeof deep, "%s", P("z"));
	int made = 0;
	for (int i = 0; i < 200 && mkdir(deep, 0755) == 0; i++, made++)
		strcat(deep, "/z");
	CHECK_EQ(made, 200);
	deep[strlen(deep) - 2] = 0;
	CHECK(S_ISDIR(st_of(deep).st_mode));
	int removed = 0;
	for (int i = 0; i < made; i++) {
		removed += rmdir(deep) == 0;
		deep[strlen(deep) - 2] = 0;
	}
	CHECK_EQ(removed, made);
	CHECK_ERR(lstat(P("z"), &st), ENOENT);

	section("mkdirat and openat relative to a directory descriptor");
	CHECK_EQ(mkdir(P("at"), 0755), 0);
	int dfd = open(P("at"), O_RDONLY | O_DIRECTORY);
	CHECK_EQ(mkdirat(dfd, "in", 0755), 0);
	fd = openat(dfd, "in/f", O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ(st_of(P("at/in/f")).st_mode, S_IFREG | 0644);
	CHECK_EQ(unlinkat(dfd, "in/f", 0), 0);

	section("a directory descriptor follows its directory when it moves; once removed, ENOENT");
	int in = openat(dfd, "in", O_RDONLY | O_DIRECTORY);
	CHECK_EQ(rename(P("at"), P("moved")), 0);
	fd = openat(in, "f", O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK(S_ISREG(st_of(P("moved/in/f")).st_mode));
	char cwd[512], want[512];
	CHECK_EQ(fchdir(in), 0);
	snprintf(want, sizeof want, "%s", P("moved/in"));
	CHECK(getcwd(cwd, sizeof cwd) && strcmp(cwd, want) == 0);
	CHECK_EQ(chdir("/"), 0);
	CHECK_EQ(unlinkat(in, "f", 0), 0);
	CHECK_EQ(unlinkat(dfd, "in", AT_REMOVEDIR), 0);
	CHECK_ERR(openat(in, "g", O_WRONLY | O_CREAT, 0644), ENOENT);
	CHECK_EQ(fst_of(in).st_nlink, 0);
	close(in);
	close(dfd);
	CHECK_EQ(rmdir(P("moved")), 0);
}

static void renames(void)
{
	char buf[64];
	int dots;
	section("rename: the name moves, the file stays (same inode), ctime moves");
	CHECK_EQ(put(P("r1"), "one", 3), 0);
	struct stat before = st_of(P("r1"));
	pause_a_little();
	CHECK_EQ(rename(P("r1"), P("r2")), 0);
	struct stat after = st_of(P("r2"));
	CHECK_EQ(after.st_ino, before.st_ino);
	CHECK(later(after.st_ctim, before.st_ctim));
	CHECK_ERR(lstat(P("r1"), &after), ENOENT);
	CHECK_EQ(get(P("r2"), buf, sizeof buf), 3);

	section("rename over a file replaces it; RENAME_NOREPLACE refuses; RENAME_EXCHANGE swaps");
	CHECK_EQ(put(P("r3"), "three", 5), 0);
	CHECK_EQ(rename(P("r3"), P("r2")), 0);
	CHECK_EQ(get(P("r2"), buf, sizeof buf), 5);
	CHECK_EQ(put(P("r1"), "one", 3), 0);
	CHECK_ERR(renameat2(AT_FDCWD, P("r1"), AT_FDCWD, P("r2"), RENAME_NOREPLACE), EEXIST);
	CHECK_EQ(renameat2(AT_FDCWD, P("r1"), AT_FDCWD, P("r9"), RENAME_NOREPLACE), 0);
	CHECK_EQ(renameat2(AT_FDCWD, P("r9"), AT_FDCWD, P("r2"), RENAME_EXCHANGE), 0);
	CHECK_EQ(get(P("r2"), buf, sizeof buf), 3);
	CHECK_EQ(get(P("r9"), buf, sizeof buf), 5);
	CHECK_ERR(renameat2(AT_FDCWD, P("r9"), AT_FDCWD, P("nosuch"), RENAME_EXCHANGE), ENOENT);
	CHECK_ERR(renameat2(AT_FDCWD, P("r9"), AT_FDCWD, P("r2"), RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
	CHECK_EQ(rename(P("r9"), P("r9")), 0);
	CHECK_ERR(rename(P("nosuch"), P("r9")), ENOENT);
	CHECK_ERR(rename(P("r9/"), P("r8")), ENOTDIR);
	CHECK_ERR(rename(P("r9"), P("r8/")), ENOTDIR);

	section("directories: over a file ENOTDIR, a file over one EISDIR, into itself EINVAL");
	CHECK_EQ(mkdir(P("da"), 0755), 0);
	CHECK_EQ(mkdir(P("da/in"), 0755), 0);
	CHECK_EQ(mkdir(P("db"), 0755), 0);
	CHECK_ERR(rename(P("da"), P("r9")), ENOTDIR);
	CHECK_ERR(rename(P("r9"), P("da")), EISDIR);
	CHECK_ERR(rename(P("da"), P("da/in/x")), EINVAL);
	CHECK_ERR(rename(P("da"), P("da/x")), EINVAL);
	CHECK_ERR(rename(P("da/in"), P("da")), ENOTEMPTY);
	CHECK_ERR(rename(P("db"), P("da")), ENOTEMPTY);

	section("a directory moved between parents: their nlinks, its \"..\"; over an empty one");
	nlink_t top = st_of(base).st_nlink;
	CHECK_EQ(rename(P("da/in"), P("db/in")), 0);
	CHECK_EQ(st_of(P("da")).st_nlink, 2);
	CHECK_EQ(st_of(P("db")).st_nlink, 3);
	CHECK_EQ(st_of(P("db/in/..")).st_ino, st_of(P("db")).st_ino);
	CHECK_EQ(rename(P("da"), P("db/in")), 0);		/* replaces the empty "in" */
	CHECK_EQ(st_of(base).st_nlink, top - 1);
	CHECK_EQ(st_of(P("db")).st_nlink, 3);
	CHECK(strcmp(listing(P("db"), &dots), "in") == 0);
	CHECK_EQ(renameat2(AT_FDCWD, P("db/in"), AT_FDCWD, P("r2"), RENAME_EXCHANGE), 0);
	CHECK_EQ(st_of(P("db")).st_nlink, 2);
	CHECK(S_ISDIR(st_of(P("r2")).st_mode));
	CHECK(S_ISREG(st_of(P("db/in")).st_mode));
	CHECK_EQ(st_of(base).st_nlink, top);

	section("RENAME_WHITEOUT leaves a character device 0:0 of mode 0 at the old name");
	CHECK_EQ(put(P("w1"), "w", 1), 0);
	CHECK_EQ(renameat2(AT_FDCWD, P("w1"), AT_FDCWD, P("w2"), RENAME_WHITEOUT), 0);
	CHECK_EQ(st_of(P("w1")).st_mode, S_IFCHR);
	CHECK_EQ(st_of(P("w1")).st_rdev, 0);
	CHECK_ERR(open(P("w1"), O_RDONLY), ENXIO);
	CHECK_ERR(renameat2(AT_FDCWD, P("w2"), AT_FDCWD, P("w1"), RENAME_WHITEOUT | RENAME_EXCHANGE), EINVAL);
	CHECK_EQ(unlink(P("w1")), 0);
	CHECK_EQ(unlink(P("w2")), 0);

	section("EXDEV: to another file system");
	CHECK_ERR(rename(P("r9"), "/proc/tmpfs-test"), EXDEV);
	CHECK_ERR(rename(P("."), "/proc/tmpfs-test"), EXDEV);		/* before "." is refused */
	CHECK_ERR(rename(P("r9"), "/proc/."), EXDEV);
	CHECK_ERR(rename(P("."), P("x")), EBUSY);
	if (on_pagewise())
		CHECK_ERR(rename("/tmp/nosuch", "/dev/shm/nosuch"), EXDEV);

	CHECK_EQ(unlink(P("db/in")), 0);
	CHECK_EQ(rmdir(P("db")), 0);
	CHECK_EQ(rmdir(P("r2")), 0);
	CHECK_EQ(unlink(P("r9")), 0);
	CHECK(strcmp(listing(base, &dots), "") == 0);
}

static void unlinked_but_open(void)
{
	char buf[16];
	section("an unlinked file lives on through its descriptor: nlink 0, readable, writable");
	int fd = open(P("u"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ(write(fd, "abc", 3), 3);
	int fd2 = open(P("u"), O_RDONLY);
	CHECK_EQ(unlink(P("u")), 0);
	CHECK_ERR(open(P("u"), O_RDONLY), ENOENT);
	CHECK_EQ(fst_of(fd).st_nlink, 0);
	CHECK_EQ(write(fd, "def", 3), 3);
	CHECK_EQ(pread(fd2, buf, sizeof buf, 0), 6);
	CHECK(memcmp(buf, "abcdef", 6) == 0);
	CHECK_EQ(fst_of(fd2).st_size, 6);
	close(fd);
	CHECK_EQ(pread(fd2, buf, 3, 3), 3);
	close(fd2);
}

static void times(void)
{
	section("times: a new file's are now; a write moves mtime and ctime, not atime");
	struct timespec t0;
	clock_gettime(CLOCK_REALTIME, &t0);
	pause_a_little();
	struct stat dir0 = st_of(base);
	int fd = open(P("t"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct stat s0 = fst_of(fd);
	CHECK(later(s0.st_mtim, t0));
	CHECK(same_time(s0.st_mtim, s0.st_ctim) && same_time(s0.st_atim, s0.st_mtim));
	struct stat dir1 = st_of(base);
	CHECK(later(dir1.st_mtim, dir0.st_mtim) && later(dir1.st_ctim, dir0.st_ctim));
	pause_a_little();
	CHECK_EQ(write(fd, "x", 1), 1);
	struct stat s1 = fst_of(fd);
	CHECK(later(s1.st_mtim, s0.st_mtim));
	CHECK(same_time(s1.st_mtim, s1.st_ctim));
	CHECK(same_time(s1.st_atim, s0.st_atim));

	section("a read moves atime (relatime: it was older than mtime); a second one does not");
	pause_a_little();
	char c;
	CHECK_EQ(pread(fd, &c, 1, 0), 1);
	struct stat s2 = fst_of(fd);
	CHECK(later(s2.st_atim, s1.st_mtim));
	CHECK(same_time(s2.st_mtim, s1.st_mtim));
	pause_a_little();
	CHECK_EQ(pread(fd, &c, 1, 0), 1);
	CHECK(same_time(fst_of(fd).st_atim, s2.st_atim));

	section("ftruncate and truncate move mtime and ctime, even to the same size");
	pause_a_little();
	CHECK_EQ(ftruncate(fd, 1), 0);
	struct stat s3 = fst_of(fd);
	CHECK(later(s3.st_mtim, s2.st_mtim));
	pause_a_little();
	CHECK_EQ(truncate(P("t"), 1), 0);
	CHECK(later(fst_of(fd).st_mtim, s3.st_mtim));
	CHECK(later(fst_of(fd).st_ctim, s3.st_ctim));
	close(fd);

	section("unlink moves the directory's mtime and ctime");
	struct stat d2 = st_of(base);
	pause_a_little();
	CHECK_EQ(unlink(P("t")), 0);
	struct stat d3 = st_of(base);
	CHECK(later(d3.st_mtim, d2.st_mtim) && later(d3.st_ctim, d2.st_ctim));
}

/* Map the (2-page) file 3 pages long and touch the third: SIGBUS, as on Linux. */
static int shared_past_end_fd;
static void touch_past_end(void)
{
	volatile char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, shared_past_end_fd, 0);
	if (p == MAP_FAILED)
		_exit(2);
	p[PAGE] = 1;		/* inside the file: fine */
	p[2 * PAGE] = 1;	/* past it */
	_exit(0);
}

/* A mapping of three pages of a file cut to one and a bit: the third is gone. */
static volatile char *shrunk;
static void touch_shrunk(void)
{
	shrunk[2 * PAGE] = 1;
	_exit(0);
}

static void mappings(void)
{
	section("mmap of a tmpfs file: MAP_PRIVATE reads its data; MAP_SHARED read-only too");
	int fd = open(P("m"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ(pwrite(fd, "mapped", 6, PAGE + 1), 6);
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		CHECK(p[0] == 0 && memcmp(p + PAGE + 1, "mapped", 6) == 0);
		p[0] = 'z';				/* a private copy: the file keeps its zero */
		char c = 1;
		CHECK_EQ(pread(fd, &c, 1, 0), 1);
		CHECK_EQ(c, 0);
		munmap(p, 2 * PAGE);
	}
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	if (p != MAP_FAILED) {
		CHECK(memcmp(p + PAGE + 1, "mapped", 6) == 0);
		munmap(p, 2 * PAGE);
	}

	section("MAP_SHARED writable: the mapping is the file's own pages");
	long shmem_before = on_pagewise() ? meminfo_kb("Shmem") : 0;
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *q = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED && q != MAP_FAILED && p != q);
	if (p != MAP_FAILED && q != MAP_FAILED) {
		p[0] = 'A';				/* a store through one mapping ... */
		char c = 0;
		CHECK_EQ(pread(fd, &c, 1, 0), 1);	/* ... is the file's byte */
		CHECK_EQ(c, 'A');
		CHECK_EQ(q[0], 'A');			/* and every mapping's */
		CHECK_EQ(pwrite(fd, "W", 1, PAGE + 1), 1);
		CHECK_EQ(p[PAGE + 1], 'W');		/* write() is seen in the mapping */
		pid_t pid = xfork();
		if (pid == 0) {
			q[2] = 'C';			/* a child's store, through its copy */
			_exit(0);
		}
		int st;
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		CHECK_EQ(p[2], 'C');
		CHECK_EQ(mprotect(p, PAGE, PROT_READ), 0);	/* O_RDWR: back and forth */
		CHECK_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);
		CHECK_EQ(msync(p, 2 * PAGE, MS_SYNC), 0);
		/* page 0 was a hole: its frame is new, and the file's; no mapping made a copy */
		if (on_pagewise())
			CHECK_EQ(meminfo_kb("Shmem"), shmem_before + 4);
		munmap(p, 2 * PAGE);
		munmap(q, 2 * PAGE);
	}
	char back[3] = { 0 };
	CHECK_EQ(pread(fd, back, 3, 0), 3);
	CHECK(memcmp(back, "A\0C", 3) == 0);

	section("a write fault in a shared mapping moves mtime and ctime; a store after a read does not");
	{
		CHECK_EQ(ftruncate(fd, 2 * PAGE), 0);
		volatile char *w = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		CHECK(w != MAP_FAILED);
		if (w != MAP_FAILED) {
			struct stat before = fst_of(fd);
			pause_a_little();
			(void)w[0];			/* read first: mapped writable, no later fault */
			w[0] = 'r';
			struct stat after_read = fst_of(fd);
			CHECK(same_time(after_read.st_mtim, before.st_mtim));
			pause_a_little();
			w[PAGE] = 'w';			/* a write fault */
			struct stat after_write = fst_of(fd);
			/* What a native program gets from Linux's tmpfs (checked on this
			 * machine); under qemu-user 7.2 the times do not move. */
			if (on_pagewise()) {
				CHECK(later(after_write.st_mtim, after_read.st_mtim));
				CHECK(later(after_write.st_ctim, after_read.st_ctim));
			}
			munmap((void *)w, 2 * PAGE);
		}
	}

	section("a mapping's page wholly past the end of the file: SIGBUS");
	shared_past_end_fd = fd;
	quiet_stderr();
	CHECK_STATUS(status_of(touch_past_end), KILLED(SIGBUS));

	section("a mapped file shrinks: its pages past the new end leave the mapping (SIGBUS)");
	CHECK_EQ(ftruncate(fd, 3 * PAGE), 0);
	shrunk = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(shrunk != MAP_FAILED);
	if (shrunk != MAP_FAILED) {
		shrunk[0] = shrunk[PAGE] = shrunk[2 * PAGE] = 'x';	/* all three mapped */
		CHECK_EQ(ftruncate(fd, PAGE + 100), 0);		/* a page and a bit stay */
		CHECK_EQ(shrunk[PAGE], 'x');
		CHECK_EQ(shrunk[PAGE + 100], 0);			/* the cut page's tail: zeros */
		CHECK_STATUS(status_of(touch_shrunk), KILLED(SIGBUS));
		CHECK_EQ(ftruncate(fd, 3 * PAGE), 0);		/* grown again: a new, zero page */
		CHECK_EQ(shrunk[2 * PAGE], 0);
		munmap((void *)shrunk, 3 * PAGE);
	}
	close(fd);
	CHECK_EQ(unlink(P("m")), 0);
}

static void memory(void)
{
	if (!on_pagewise()) {
		printf("note: not pagewise: Shmem and MemFree are the host's, not checked\n");
		return;
	}
	static char page[PAGE];
	memset(page, 'p', sizeof page);
	section("memory: 10 pages written are 40 kB of Shmem and Cached; unlink gives them back");
	long shmem0 = meminfo_kb("Shmem"), cached0 = meminfo_kb("Cached"), free0 = meminfo_kb("MemFree");
	int fd = open(P("mem"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	for (int i = 0; i < 10; i++)
		CHECK_EQ(write(fd, page, PAGE), PAGE);
	CHECK_EQ(meminfo_kb("Shmem") - shmem0, 40);
	CHECK_EQ(meminfo_kb("Cached") - cached0, 40);
	CHECK_EQ(fst_of(fd).st_blocks, 80);
	CHECK_EQ(ftruncate(fd, 4 * PAGE + 1), 0);	/* 5 pages left */
	CHECK_EQ(meminfo_kb("Shmem") - shmem0, 20);
	CHECK_EQ(unlink(P("mem")), 0);
	CHECK_EQ(meminfo_kb("Shmem") - shmem0, 20);	/* still open */
	close(fd);
	CHECK_EQ(meminfo_kb("Shmem"), shmem0);
	CHECK_EQ(meminfo_kb("Cached"), cached0);
	CHECK_EQ(meminfo_kb("MemFree"), free0);

	section("a hole holds no frame; a file past 4 GiB is EFBIG (pagewise's limit)");
	fd = open(P("big"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ(ftruncate(fd, 1024 * 1024 * 1024), 0);
	CHECK_EQ(meminfo_kb("Shmem"), shmem0);
	CHECK_EQ(pwrite(fd, "x", 1, 512 * 1024 * 1024), 1);
	CHECK_EQ(meminfo_kb("Shmem") - shmem0, 4);
	CHECK_ERR(pwrite(fd, "x", 1, 4096LL * 1024 * 1024), EFBIG);
	CHECK_ERR(ftruncate(fd, 4096LL * 1024 * 1024), EFBIG);
	close(fd);
	CHECK_EQ(unlink(P("big")), 0);
	CHECK_EQ(meminfo_kb("Shmem"), shmem0);
	CHECK_EQ(meminfo_kb("MemFree"), free0);
}

/* Copy a file (a program of the test data) into the test's directory. */
static int copy(const char *from, const char *to, mode_t mode)
{
	static char buf[8192];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ssize_t n = 0;
	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return in >= 0 && out >= 0 && n == 0 ? 0 : -1;
}

static void exec_and_limits(void)
{
	if (!on_pagewise())
		return;		/* qemu-user hands an exec by path to this host's kernel */
	section("a program copied into tmpfs runs from there, and after its name is gone");
	CHECK_EQ(copy("/bin/true", P("prog"), 0755), 0);
	pid_t pid = xfork();
	if (pid == 0) {
		char *av[] = { "prog", NULL };
		execve(P("prog"), av, NULL);
		_exit(99);
	}
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_STATUS(st, EXITED(0));
	CHECK_EQ(unlink(P("prog")), 0);

	section("the mount's size: half of memory; past it a short write, then ENOSPC");
	static char chunk[64 * PAGE];
	memset(chunk, 's', sizeof chunk);	/* its pages are the test's before the count starts */
	long shmem0 = meminfo_kb("Shmem"), free0 = meminfo_kb("MemFree");
	int fd = open(P("full"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long long total = 0;
	ssize_t w;
	while ((w = write(fd, chunk, sizeof chunk - 100)) > 0)
		total += w;
	CHECK_ERR(write(fd, chunk, 1), ENOSPC);
	CHECK(total > 0 && total % PAGE == 0);		/* the last write stopped at a page's end */
	CHECK_EQ(meminfo_kb("Shmem") - shmem0, total / 1024);
	close(fd);
	CHECK_EQ(unlink(P("full")), 0);
	CHECK_EQ(meminfo_kb("Shmem"), shmem0);
	CHECK_EQ(meminfo_kb("MemFree"), free0);
}

static void mounts(void)
{
	section("/tmp and /dev/shm are directories anyone may write (mode 1777)");
	if (on_pagewise()) {
		CHECK_EQ(st_of("/tmp").st_mode, S_IFDIR | 01777);
		CHECK_EQ(st_of("/dev/shm").st_mode, S_IFDIR | 01777);
		CHECK(st_of("/tmp").st_dev != st_of("/dev/shm").st_dev);
		CHECK(st_of("/tmp").st_dev != st_of("/").st_dev);
	}
	CHECK_EQ(st_of("/dev/shm").st_mode, S_IFDIR | 01777);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	if (tmpfs_test_begin(argc, argv, "tmpfs-test"))
		return 1;
	mounts();
	files();
	holes_and_truncate();
	directories();
	renames();
	unlinked_but_open();
	times();
	mappings();
	memory();
	exec_and_limits();
	tmpfs_test_end();
	return check_done();
}
