/*
 * File status and directory listing: stat64, lstat64, fstat64, fstatat64 (stat(2)) in
 * i386's struct stat64, statx (statx(2), which glibc tries first for every stat), and
 * getdents64 (getdents64(2)) in linux_dirent64 records.
 */
#include <errno.h>
#include <kheap.h>
#include <uaccess.h>
#include <abi/statx.h>
#include "fs.h"

/* arch/x86/include/uapi/asm/stat.h, struct stat64: 96 bytes, 64-bit fields 4-byte aligned. */
struct linux_stat64 {
    uint64_t st_dev;
    uint32_t pad0;
    uint32_t st_ino32;                 /* the low bits, for old programs */
    uint32_t st_mode, st_nlink, st_uid, st_gid;
    uint64_t st_rdev;
    uint32_t pad3;
    int64_t st_size;
    uint32_t st_blksize;
    uint64_t st_blocks;
    uint32_t st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
    uint64_t st_ino;
};
_Static_assert(offsetof(struct linux_stat64, st_mode) == 16, "stat64 layout");
_Static_assert(offsetof(struct linux_stat64, st_size) == 44, "stat64 layout");
_Static_assert(offsetof(struct linux_stat64, st_atime) == 64, "stat64 layout");
_Static_assert(offsetof(struct linux_stat64, st_ino) == 88, "stat64 layout");
_Static_assert(sizeof(struct linux_stat64) == 96, "stat64 layout");

static long put_stat(uintptr_t ubuf, const struct kstat *k)
{
    struct linux_stat64 s;
    memset(&s, 0, sizeof s);
    s.st_dev = k->dev;
    s.st_ino32 = (uint32_t)k->ino;
    s.st_ino = k->ino;
    s.st_mode = k->mode;
    s.st_nlink = k->nlink;
    s.st_uid = k->uid;
    s.st_gid = k->gid;
    s.st_rdev = k->rdev;
    s.st_size = (int64_t)k->size;
    s.st_blksize = k->blksize;
    s.st_blocks = k->blocks;
    s.st_atime = (uint32_t)k->atime, s.st_atime_nsec = k->atime_nsec;
    s.st_mtime = (uint32_t)k->mtime, s.st_mtime_nsec = k->mtime_nsec;
    s.st_ctime = (uint32_t)k->ctime, s.st_ctime_nsec = k->ctime_nsec;
    return copy_to_user(ubuf, &s, sizeof s) ? -EFAULT : 0;
}

long sys_fstat64(int fd, uintptr_t ubuf)
{
    struct file *f = fd_file(fd);
    struct kstat k;
    if (!f)
        return -EBADF;
    if (!f->ops->stat)
        return -EINVAL;
    int err = f->ops->stat(f, &k);
    return err ? err : put_stat(ubuf, &k);
}

/* The file a *at call names: dirfd and path, or with AT_EMPTY_PATH and "" dirfd itself. */
static long stat_at(int dirfd, uintptr_t upath, unsigned flags, struct kstat *k)
{
    char *path;
    long err = user_path(upath, &path);
    if (err)
        return err;
    if (!path[0] && (flags & AT_EMPTY_PATH) && dirfd != AT_FDCWD) {
        kfree(path);
        struct file *f = fd_file(dirfd);
        if (!f)
            return -EBADF;
        return f->ops->stat ? f->ops->stat(f, k) : -EINVAL;
    }
    if (!path[0] && (flags & AT_EMPTY_PATH))
        strlcpy(path, ".", FS_PATH_MAX);
    struct inode *ino;
    err = lookup_at(dirfd, path, flags & AT_SYMLINK_NOFOLLOW ? WALK_NOFOLLOW : 0, &ino);
    kfree(path);
    if (err)
        return err;
    inode_stat(ino, k);
    inode_put(ino);
    return 0;
}

long sys_fstatat64(int dirfd, uintptr_t upath, uintptr_t ubuf, unsigned flags)
{
    if (flags & ~(unsigned)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct kstat k;
    long err = stat_at(dirfd, upath, flags, &k);
    return err ? err : put_stat(ubuf, &k);
}

#define AT_NO_AUTOMOUNT 0x800

/* statx: the basic fields, whatever mask asks (Linux may give more or fewer than asked,
 * and says which in stx_mask); no birth time. Flags and mask are checked as Linux does. */
long sys_statx(int dirfd, uintptr_t upath, unsigned flags, unsigned mask, uintptr_t ubuf)
{
    if (flags & ~(unsigned)(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE) ||
        (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
        return -EINVAL;
    struct kstat k;
    long err = stat_at(dirfd, upath, flags, &k);
    if (err)
        return err;
    struct statx x;
    memset(&x, 0, sizeof x);
    x.stx_mask = STATX_BASIC_STATS;
    x.stx_blksize = k.blksize;
    x.stx_nlink = k.nlink;
    x.stx_uid = k.uid;
    x.stx_gid = k.gid;
    x.stx_mode = (uint16_t)k.mode;
    x.stx_ino = k.ino;
    x.stx_size = k.size;
    x.stx_blocks = k.blocks;
    x.stx_atime.tv_sec = k.atime, x.stx_atime.tv_nsec = k.atime_nsec;
    x.stx_ctime.tv_sec = k.ctime, x.stx_ctime.tv_nsec = k.ctime_nsec;
    x.stx_mtime.tv_sec = k.mtime, x.stx_mtime.tv_nsec = k.mtime_nsec;
    x.stx_rdev_major = (uint32_t)(k.rdev >> 8), x.stx_rdev_minor = (uint32_t)(k.rdev & 0xff);
    x.stx_dev_major = (uint32_t)(k.dev >> 8), x.stx_dev_minor = (uint32_t)(k.dev & 0xff);
    return copy_to_user(ubuf, &x, sizeof x) ? -EFAULT : 0;
}

long sys_stat64(uintptr_t upath, uintptr_t ubuf)
{
    return sys_fstatat64(AT_FDCWD, upath, ubuf, 0);
}

long sys_lstat64(uintptr_t upath, uintptr_t ubuf)
{
    return sys_fstatat64(AT_FDCWD, upath, ubuf, AT_SYMLINK_NOFOLLOW);
}

long sys_getdents64(int fd, uintptr_t ubuf, size_t n)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    if (!f->ops->getdents64)
        return -ENOTDIR;
    if (!user_range_ok(ubuf, n))
        return -EFAULT;
    return f->ops->getdents64(f, ubuf, MIN(n, 0x7ffff000u));
}
