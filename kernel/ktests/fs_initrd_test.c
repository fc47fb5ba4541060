/*
 * The initrd's cpio newc parser and the path walk over the tree it builds. The archive below
 * was made by GNU cpio (`find . | sort | cpio -o -H newc --owner=0:0 --reproducible`) from:
 *   bin/hello (0755, "#!/bin/sh\necho hi\n")   bin/motd -> ../etc/motd
 *   etc/motd ("hello, initrd\n", mtime 2024-01-02 03:04:05 UTC)   etc/rel -> motd
 *   etc/empty/   etc_link -> /etc   loop1 -> loop2   loop2 -> loop1
 */
#include <errno.h>
#include <kheap.h>
#include <ktest.h>
#include "../fs/fs.h"

static const char test_cpio[] =
    "07070100000000000041ED00000000000000000000000465937D2500000000000000000000000000000000000000000"
    "000000200000000.\00007070100000001000041ED00000000000000000000000265937D25000000000000000000000"
    "00000000000000000000000000400000000bin\000\000\00007070100000002000081ED00000000000000000000000"
    "165937D2500000012000000000000000000000000000000000000000A00000000bin/hello\000#!/bin/sh\necho h"
    "i\n\000\000070701000000030000A1FF00000000000000000000000165937D250000000B0000000000000000000000"
    "00000000000000000900000000bin/motd\000\000../etc/motd\00007070100000004000041ED0000000000000000"
    "0000000365937D2500000000000000000000000000000000000000000000000400000000etc\000\000\00007070100"
    "000005000041ED00000000000000000000000265937D2500000000000000000000000000000000000000000000000A0"
    "0000000etc/empty\00007070100000006000081A400000000000000000000000165937D250000000E0000000000000"
    "00000000000000000000000000900000000etc/motd\000\000hello, initrd\n\000\000070701000000070000A1F"
    "F00000000000000000000000165937D2500000004000000000000000000000000000000000000000800000000etc/re"
    "l\000\000\000motd070701000000080000A1FF00000000000000000000000165937D25000000040000000000000000"
    "00000000000000000000000900000000etc_link\000\000/etc070701000000090000A1FF000000000000000000000"
    "00165937D2500000005000000000000000000000000000000000000000600000000loop1\000loop2\000\000\00007"
    "07010000000A0000A1FF00000000000000000000000165937D250000000500000000000000000000000000000000000"
    "0000600000000loop2\000loop1\000\000\00007070100000000000000000000000000000000000000010000000000"
    "000000000000000000000000000000000000000000000B00000000TRAILER!!!\000\000\000\000"
    ;

#define MOTD_MTIME 0x65937D25

static struct inode *test_tree(void)
{
    struct inode *root = NULL;
    long err = initrd_parse(test_cpio, sizeof test_cpio - 1, &root);
    KEXPECT(err == 0);
    return err ? NULL : root;
}

static long walk(struct inode *root, const char *cwd, const char *path, unsigned flags,
                 struct inode **out, char *canon)
{
    struct inode *ino;
    long err = path_walk(root, cwd, path, flags, &ino, canon);
    if (!err && out)
        *out = ino;
    if (!err)
        inode_put(ino);
    return err;
}

KTEST(fs_initrd_parse_gnu_cpio)
{
    struct kheap_stats before, after;
    kheap_stats(&before);
    struct inode *root = test_tree(), *motd = NULL, *hello = NULL, *link = NULL, *empty = NULL;
    if (!root)
        return;
    KEXPECT(S_ISDIR(root->mode));
    KEXPECT(walk(root, "/", "/etc/motd", 0, &motd, NULL) == 0);
    KEXPECT(motd && motd->mode == (S_IFREG | 0644) && motd->size == 14 && motd->mtime.sec == MOTD_MTIME);
    KEXPECT(walk(root, "/", "/bin/hello", 0, &hello, NULL) == 0);
    KEXPECT(hello && hello->mode == (S_IFREG | 0755) && hello->size == 18);
    KEXPECT(walk(root, "/", "/bin/motd", WALK_NOFOLLOW, &link, NULL) == 0);
    KEXPECT(link && S_ISLNK(link->mode) && link->size == 11);
    KEXPECT(walk(root, "/", "/etc/empty", 0, &empty, NULL) == 0);
    KEXPECT(empty && S_ISDIR(empty->mode));
    KEXPECT(root->flags & INODE_RDONLY_FS);

    char target[32];
    KEXPECT(link && link->ops->readlink(link, target, sizeof target) == 11 && memcmp(target, "../etc/motd", 11) == 0);

    /* File data is read in place, never copied out of the archive. */
    struct file *f = NULL;
    char buf[32];
    KEXPECT(motd && inode_open(motd, O_RDONLY, &f) == 0);
    if (f) {
        KEXPECT(f->ops->pread_kernel(f, buf, sizeof buf, 0) == 14 && memcmp(buf, "hello, initrd\n", 14) == 0);
        KEXPECT(f->ops->pread_kernel(f, buf, 5, 7) == 5 && memcmp(buf, "initr", 5) == 0);
        KEXPECT(f->ops->pread_kernel(f, buf, 5, 14) == 0);
        KEXPECT(f->ops->pread_kernel(f, buf, 5, 1000) == 0);
        struct kstat st;
        KEXPECT(f->ops->stat(f, &st) == 0 && st.size == 14 && st.dev == DEV_INITRD && st.ino == motd->ino);
        file_put(f);
    }
    initrd_free(root);
    kheap_stats(&after);
    KEXPECT(after.blocks_in_use == before.blocks_in_use);
}

KTEST(fs_initrd_rejects_malformed)
{
    struct kheap_stats before, after;
    kheap_stats(&before);
    struct inode *root;
    size_t n = sizeof test_cpio - 1;
    char *copy = kmalloc(n);
    KEXPECT(initrd_parse(test_cpio, 0, &root) == -EINVAL);
    KEXPECT(initrd_parse(test_cpio, 100, &root) == -EINVAL);            /* inside the first header */
    KEXPECT(initrd_parse(test_cpio, n - 12, &root) == -EINVAL);         /* trailer cut short */
    KEXPECT(initrd_parse(test_cpio, 700, &root) == -EINVAL);            /* cut in the middle */
    memcpy(copy, test_cpio, n);
    copy[5] = '7';                                                      /* "070707": old binary-ish */
    KEXPECT(initrd_parse(copy, n, &root) == -EINVAL);
    memcpy(copy, test_cpio, n);
    copy[6 + 8 * 11] = 'x';                                             /* namesize not hex */
    KEXPECT(initrd_parse(copy, n, &root) == -EINVAL);
    memcpy(copy, test_cpio, n);
    memcpy(copy + 6 + 8 * 11, "FFFFFFF0", 8);                           /* namesize past the end */
    KEXPECT(initrd_parse(copy, n, &root) == -EINVAL);
    memcpy(copy, test_cpio, n);
    memcpy(copy + 6 + 8 * 6, "FFFFFFFF", 8);                            /* filesize past the end */
    KEXPECT(initrd_parse(copy, n, &root) == -EINVAL);
    kfree(copy);
    kheap_stats(&after);
    KEXPECT(after.blocks_in_use == before.blocks_in_use);
}

/* Build a one-member newc archive by hand: "./a/b/file" with no entries for a or a/b. */
static size_t newc_member(char *out, const char *name, uint32_t mode, const char *data)
{
    size_t namesize = strlen(name) + 1, size = strlen(data);
    size_t n = (size_t)ksnprintf(out, 111, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
                                 1u, mode, 0u, 0u, 1u, 0u, (unsigned)size, 0u, 0u, 0u, 0u, (unsigned)namesize, 0u);
    memcpy(out + n, name, namesize);
    n = ALIGN_UP(n + namesize, 4);
    memcpy(out + n, data, size);
    return ALIGN_UP(n + size, 4);
}

KTEST(fs_initrd_makes_missing_parents)
{
    char *a = kzalloc(1024);
    size_t n = newc_member(a, "./a/b/file", S_IFREG | 0600, "xyz");
    n += newc_member(a + n, "/a//c", S_IFREG | 0644, "");
    n += newc_member(a + n, "TRAILER!!!", 0, "");
    struct inode *root, *ino;
    KEXPECT(initrd_parse(a, n, &root) == 0);
    KEXPECT(walk(root, "/", "/a/b/file", 0, &ino, NULL) == 0 && ino->size == 3);
    KEXPECT(walk(root, "/", "/a/b", 0, &ino, NULL) == 0 && S_ISDIR(ino->mode));
    KEXPECT(walk(root, "/", "/a/c", 0, &ino, NULL) == 0 && ino->size == 0);
    KEXPECT(initrd_ensure_dir(root, "proc") == initrd_ensure_dir(root, "proc"));
    KEXPECT(walk(root, "/", "/proc", 0, &ino, NULL) == 0 && S_ISDIR(ino->mode));
    KEXPECT(initrd_ensure_dir(root, "a") != NULL);
    initrd_free(root);
    /* A file where a directory must be: rejected, not merged. */
    n = newc_member(a, "f", S_IFREG | 0644, "1");
    n += newc_member(a + n, "f/g", S_IFREG | 0644, "2");
    n += newc_member(a + n, "TRAILER!!!", 0, "");
    KEXPECT(initrd_parse(a, n, &root) == -ENOTDIR);
    kfree(a);
}

KTEST(fs_lookup_dots_and_slashes)
{
    struct inode *root = test_tree(), *motd = NULL, *ino = NULL;
    char *canon = kmalloc(FS_PATH_MAX);
    if (!root)
        return;
    KEXPECT(walk(root, "/", "/etc/motd", 0, &motd, canon) == 0 && strcmp(canon, "/etc/motd") == 0);
    KEXPECT(walk(root, "/", "//etc///motd", 0, &ino, canon) == 0 && ino == motd);
    KEXPECT(walk(root, "/", "/../../etc/./motd", 0, &ino, NULL) == 0 && ino == motd);
    KEXPECT(walk(root, "/", "etc/../etc/motd", 0, &ino, NULL) == 0 && ino == motd);
    KEXPECT(walk(root, "/etc", "motd", 0, &ino, NULL) == 0 && ino == motd);
    KEXPECT(walk(root, "/etc", "./motd", 0, &ino, NULL) == 0 && ino == motd);
    KEXPECT(walk(root, "/etc/empty", "../../bin/../etc/motd", 0, &ino, NULL) == 0 && ino == motd);
    KEXPECT(walk(root, "/etc", "..", 0, &ino, canon) == 0 && ino == root && strcmp(canon, "/") == 0);
    KEXPECT(walk(root, "/", ".", 0, &ino, canon) == 0 && ino == root && strcmp(canon, "/") == 0);
    KEXPECT(walk(root, "/", "/", 0, &ino, NULL) == 0 && ino == root);
    KEXPECT(walk(root, "/", "/etc/", 0, &ino, canon) == 0 && strcmp(canon, "/etc") == 0);
    KEXPECT(walk(root, "/", "/etc/empty//", 0, &ino, NULL) == 0 && S_ISDIR(ino->mode));
    kfree(canon);
    initrd_free(root);
}

KTEST(fs_lookup_errors)
{
    struct inode *root = test_tree();
    char *longpath = kmalloc(FS_PATH_MAX + 8);
    if (!root || !longpath)
        return;
    KEXPECT(walk(root, "/", "", 0, NULL, NULL) == -ENOENT);
    KEXPECT(walk(root, "/", "/nope", 0, NULL, NULL) == -ENOENT);
    KEXPECT(walk(root, "/", "/nope/motd", 0, NULL, NULL) == -ENOENT);
    KEXPECT(walk(root, "/", "/etc/motd/", 0, NULL, NULL) == -ENOTDIR);
    KEXPECT(walk(root, "/", "/etc/motd/x", 0, NULL, NULL) == -ENOTDIR);
    KEXPECT(walk(root, "/", "/etc/motd/.", 0, NULL, NULL) == -ENOTDIR);
    KEXPECT(walk(root, "/", "/etc/motd/..", 0, NULL, NULL) == -ENOTDIR);
    KEXPECT(walk(root, "/", "/bin/motd/", 0, NULL, NULL) == -ENOTDIR);   /* a link to a file */
    KEXPECT(walk(root, "/gone", "motd", 0, NULL, NULL) == -ENOENT);      /* the cwd vanished */
    /* NAME_MAX: 255 bytes is a name that does not exist, 256 is too long. */
    memset(longpath, 'n', 256);
    longpath[256] = 0;
    KEXPECT(walk(root, "/", longpath, 0, NULL, NULL) == -ENAMETOOLONG);
    longpath[255] = 0;
    KEXPECT(walk(root, "/", longpath, 0, NULL, NULL) == -ENOENT);
    /* PATH_MAX: 4095 bytes and a NUL is allowed; 4096 without a NUL is not. */
    for (int i = 0; i < FS_PATH_MAX + 4; i += 2)
        longpath[i] = '.', longpath[i + 1] = '/';
    longpath[FS_PATH_MAX - 1] = 0;
    KEXPECT(walk(root, "/", longpath, 0, NULL, NULL) == 0);
    longpath[FS_PATH_MAX - 1] = '/';
    longpath[FS_PATH_MAX] = 0;
    KEXPECT(walk(root, "/", longpath, 0, NULL, NULL) == -ENAMETOOLONG);
    kfree(longpath);
    initrd_free(root);
}

KTEST(fs_lookup_symlinks)
{
    struct inode *root = test_tree(), *motd = NULL, *etc = NULL, *bin = NULL, *ino = NULL;
    char *canon = kmalloc(FS_PATH_MAX);
    if (!root)
        return;
    KEXPECT(walk(root, "/", "/etc/motd", 0, &motd, NULL) == 0);
    KEXPECT(walk(root, "/", "/etc", 0, &etc, NULL) == 0);
    KEXPECT(walk(root, "/", "/bin", 0, &bin, NULL) == 0);
    KEXPECT(walk(root, "/", "/bin/motd", 0, &ino, canon) == 0 && ino == motd && strcmp(canon, "/etc/motd") == 0);
    KEXPECT(walk(root, "/", "/etc/rel", 0, &ino, NULL) == 0 && ino == motd);
    KEXPECT(walk(root, "/", "/etc_link", 0, &ino, NULL) == 0 && ino == etc);
    KEXPECT(walk(root, "/", "/etc_link", WALK_NOFOLLOW, &ino, NULL) == 0 && S_ISLNK(ino->mode));
    KEXPECT(walk(root, "/", "/etc_link/", WALK_NOFOLLOW, &ino, NULL) == 0 && ino == etc);  /* slash follows */
    KEXPECT(walk(root, "/", "etc_link/motd", WALK_NOFOLLOW, &ino, canon) == 0 && ino == motd &&
            strcmp(canon, "/etc/motd") == 0);
    /* ".." after a link is the target's parent, not the link's (path_resolution(7)). */
    KEXPECT(walk(root, "/bin", "../etc_link/../bin", 0, &ino, canon) == 0 && ino == bin &&
            strcmp(canon, "/bin") == 0);
    KEXPECT(walk(root, "/", "/loop1", 0, NULL, NULL) == -ELOOP);
    KEXPECT(walk(root, "/", "/loop1/x", 0, NULL, NULL) == -ELOOP);
    KEXPECT(walk(root, "/", "/loop1", WALK_NOFOLLOW, &ino, NULL) == 0 && S_ISLNK(ino->mode));
    kfree(canon);
    initrd_free(root);
}

KTEST(fs_lookup_crosses_mounts)
{
    struct inode *root = test_tree(), *empty = NULL, *etc = NULL, *ino = NULL;
    char *canon = kmalloc(FS_PATH_MAX);
    if (!root)
        return;
    KEXPECT(walk(root, "/", "/etc/empty", 0, &empty, NULL) == 0);
    KEXPECT(walk(root, "/", "/etc", 0, &etc, NULL) == 0);
    KEXPECT(vfs_mount(empty, procfs_root()) == 0);
    KEXPECT(walk(root, "/", "/etc/empty", 0, &ino, NULL) == 0 && ino == procfs_root());
    KEXPECT(walk(root, "/", "/etc/empty/meminfo", 0, &ino, canon) == 0 && S_ISREG(ino->mode) &&
            ino->dev == DEV_PROC && strcmp(canon, "/etc/empty/meminfo") == 0);
    KEXPECT(walk(root, "/etc/empty", "..", 0, &ino, NULL) == 0 && ino == etc);
    KEXPECT(walk(root, "/", "/etc/empty/nope", 0, NULL, NULL) == -ENOENT);
    vfs_umount(empty);
    KEXPECT(walk(root, "/", "/etc/empty/meminfo", 0, NULL, NULL) == -ENOENT);
    kfree(canon);
    initrd_free(root);
}

KTEST(fs_open_checks_like_linux)
{
    struct kheap_stats before, after;
    kheap_stats(&before);
    struct inode *root = test_tree(), *motd = NULL, *etc = NULL;
    struct file *f;
    if (!root)
        return;
    KEXPECT(walk(root, "/", "/etc/motd", 0, &motd, NULL) == 0);
    KEXPECT(walk(root, "/", "/etc", 0, &etc, NULL) == 0);
    KEXPECT(inode_open(motd, O_WRONLY, &f) == -EROFS);
    KEXPECT(inode_open(motd, O_RDWR, &f) == -EROFS);
    KEXPECT(inode_open(motd, O_RDONLY | O_TRUNC, &f) == -EROFS);
    KEXPECT(inode_open(motd, O_RDONLY | O_DIRECTORY, &f) == -ENOTDIR);
    KEXPECT(inode_open(etc, O_WRONLY, &f) == -EISDIR);
    KEXPECT(inode_open(etc, O_RDWR, &f) == -EISDIR);
    KEXPECT(inode_open(etc, O_RDONLY | O_DIRECTORY, &f) == 0);
    if (f) {
        KEXPECT(f->ops->getdents64 && f->ops->read(f, 0, 10) == -EISDIR);
        KEXPECT(file_ifile(f) && file_ifile(f)->inode == etc);
        file_put(f);
    }
    KEXPECT(inode_open(motd, O_RDONLY | O_CLOEXEC | O_CREAT, &f) == 0);
    if (f) {
        KEXPECT(f->flags == O_RDONLY && f->ops->seek == FILE_SEEK_POSITION && !f->ops->getdents64);
        file_put(f);
    }
    initrd_free(root);
    kheap_stats(&after);
    KEXPECT(after.blocks_in_use == before.blocks_in_use);
}
