/*
 * A file's attributes: chmod, fchmod, fchmodat (chmod(2)), chown32, fchown32, lchown32,
 * fchownat (chown(2)), utimensat and utimensat_time64 (utimensat(2)).
 *
 * Every process runs as root, so no permission check applies: the attributes are stored. Each
 * change moves ctime, as Linux's notify_change does. Only a tmpfs keeps them: on the initrd the
 * answer is EROFS, on /proc, /dev and pipes EPERM (see docs/design.md: Linux's would change
 * them in memory).
 */
#include <errno.h>
#include <kheap.h>
#include <uaccess.h>
#include "fs.h"

/* The inode behind what a call names: a path (relative to dirfd; a final symlink followed
 * unless nofollow), or with AT_EMPTY_PATH and "" (or a NULL path: utimensat) dirfd itself.
 * 0 and a reference in *out, or -errno. */
static long target_inode(int dirfd, uintptr_t upath, bool nofollow, bool empty_ok, struct inode **out)
{
    char *path = NULL;
    long err = upath ? user_path(upath, &path) : 0;
    if (err)
        return err;
    if (!upath || (!path[0] && empty_ok)) {
        kfree(path);
        struct ifile *fi = file_ifile(fd_file(dirfd));
        if (!fi)
            return fd_file(dirfd) ? -EPERM : -EBADF;     /* a pipe, the console: not ours */
        *out = fi->inode;
        inode_get(*out);
        return 0;
    }
    err = lookup_at(dirfd, path, nofollow ? WALK_NOFOLLOW : 0, out);
    kfree(path);
    return err;
}

/* May this inode's attributes change? 0, EROFS (the initrd) or EPERM (no file system to keep
 * them). */
static long attributes_writable(const struct inode *ino)
{
    if (ino->flags & INODE_RDONLY_FS)
        return -EROFS;
    return inode_writable_fs(ino) ? 0 : -EPERM;
}

static long set_mode(struct inode *ino, unsigned mode)
{
    long err = attributes_writable(ino);
    if (!err) {
        ino->mode = (ino->mode & S_IFMT) | (mode & 07777);
        ino->ctime = fs_now();
    }
    inode_put(ino);
    return err;
}

long sys_fchmodat(int dirfd, uintptr_t upath, unsigned mode)
{
    struct inode *ino;
    long err = target_inode(dirfd, upath, false, false, &ino);
    return err ? err : set_mode(ino, mode);
}

long sys_chmod(uintptr_t upath, unsigned mode) { return sys_fchmodat(AT_FDCWD, upath, mode); }

long sys_fchmod(int fd, unsigned mode)
{
    struct inode *ino;
    long err = target_inode(fd, 0, false, true, &ino);
    return err ? err : set_mode(ino, mode);
}

/* Linux's chown_common: -1 leaves an id as it is; a file that is no directory loses its
 * set-user-ID bit, and its set-group-ID bit when group execute is set (a mandatory-locking
 * mark otherwise), whatever the ids. */
static long set_owner(struct inode *ino, uint32_t uid, uint32_t gid)
{
    long err = attributes_writable(ino);
    if (!err) {
        if (uid != (uint32_t)-1)
            ino->uid = uid;
        if (gid != (uint32_t)-1)
            ino->gid = gid;
        if (!S_ISDIR(ino->mode)) {
            ino->mode &= ~(uint32_t)S_ISUID;
            if (ino->mode & 0010)
                ino->mode &= ~(uint32_t)S_ISGID;
        }
        ino->ctime = fs_now();
    }
    inode_put(ino);
    return err;
}

long sys_fchownat(int dirfd, uintptr_t upath, uint32_t uid, uint32_t gid, unsigned flags)
{
    if (flags & ~(unsigned)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct inode *ino;
    long err = target_inode(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW, flags & AT_EMPTY_PATH, &ino);
    return err ? err : set_owner(ino, uid, gid);
}

long sys_chown32(uintptr_t upath, uint32_t uid, uint32_t gid) { return sys_fchownat(AT_FDCWD, upath, uid, gid, 0); }

long sys_lchown32(uintptr_t upath, uint32_t uid, uint32_t gid)
{
    return sys_fchownat(AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown32(int fd, uint32_t uid, uint32_t gid)
{
    struct inode *ino;
    long err = target_inode(fd, 0, false, true, &ino);
    return err ? err : set_owner(ino, uid, gid);
}

/* ---- utimensat ---- */

#define NSEC_PER_SEC 1000000000L

/* times[2] from user memory, as struct timespec with 32-bit (utimensat) or 64-bit
 * (utimensat_time64) seconds; tv_nsec a count, UTIME_NOW or UTIME_OMIT, else EINVAL. */
static long read_times(uintptr_t utimes, bool wide, struct fs_time t[2], long nsec[2])
{
    for (int i = 0; i < 2; i++) {
        int64_t sec;
        if (wide) {
            struct { int64_t sec; int32_t nsec, pad; } w;
            if (copy_from_user(&w, utimes + (uintptr_t)i * sizeof w, sizeof w))
                return -EFAULT;
            sec = w.sec, nsec[i] = w.nsec;
        } else {
            struct { int32_t sec, nsec; } n;
            if (copy_from_user(&n, utimes + (uintptr_t)i * sizeof n, sizeof n))
                return -EFAULT;
            sec = n.sec, nsec[i] = n.nsec;
        }
        if (nsec[i] != UTIME_NOW && nsec[i] != UTIME_OMIT && (nsec[i] < 0 || nsec[i] >= NSEC_PER_SEC))
            return -EINVAL;
        t[i] = (struct fs_time){ sec, (uint32_t)(nsec[i] >= 0 && nsec[i] < NSEC_PER_SEC ? nsec[i] : 0) };
    }
    return 0;
}

/* Linux's do_utimes: the flags, times[] both UTIME_OMIT is done before the path is even
 * looked at; a NULL path means dirfd itself; a NULL times both now. */
static long utimens(int dirfd, uintptr_t upath, uintptr_t utimes, unsigned flags, bool wide)
{
    struct fs_time t[2];
    long nsec[2] = { UTIME_NOW, UTIME_NOW };
    if (utimes) {
        long err = read_times(utimes, wide, t, nsec);
        if (err)
            return err;
    }
    if (flags & ~(unsigned)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    if (nsec[0] == UTIME_OMIT && nsec[1] == UTIME_OMIT)
        return 0;
    if (!upath && dirfd == AT_FDCWD)
        return -EFAULT;
    struct inode *ino;
    long err = target_inode(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW, flags & AT_EMPTY_PATH, &ino);
    if (err)
        return err;
    err = attributes_writable(ino);
    if (!err) {
        struct fs_time now = fs_now();
        if (nsec[0] != UTIME_OMIT)
            ino->atime = nsec[0] == UTIME_NOW ? now : t[0];
        if (nsec[1] != UTIME_OMIT)
            ino->mtime = nsec[1] == UTIME_NOW ? now : t[1];
        ino->ctime = now;
    }
    inode_put(ino);
    return err;
}

long sys_utimensat(int dirfd, uintptr_t upath, uintptr_t utimes, unsigned flags)
{
    return utimens(dirfd, upath, utimes, flags, false);
}

long sys_utimensat_time64(int dirfd, uintptr_t upath, uintptr_t utimes, unsigned flags)
{
    return utimens(dirfd, upath, utimes, flags, true);
}
