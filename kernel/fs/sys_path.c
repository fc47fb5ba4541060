/*
 * The system calls that take a path: open, openat, access, faccessat, faccessat2, chdir,
 * fchdir, getcwd, readlink, readlinkat.
 * Behaviour and errors follow the Linux man pages of each (open(2), access(2), chdir(2),
 * getcwd(2), readlink(2)). Every process runs as root, so permission bits matter only where
 * root is refused too: writing on a read-only file system, executing what has no x bit.
 */
#include <errno.h>
#include <kheap.h>
#include <proc.h>
#include <uaccess.h>
#include "fs.h"

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

long user_path(uintptr_t upath, char **out)
{
    char *p = kmalloc(FS_PATH_MAX);
    if (!p)
        return -ENOMEM;
    long n = strncpy_from_user(p, upath, FS_PATH_MAX);
    if (n < 0) {
        kfree(p);
        return n;
    }
    *out = p;
    return 0;
}

long at_dir(int dirfd, const char *path, const char **dir)
{
    *dir = NULL;
    if (path[0] == '/' || dirfd == AT_FDCWD)
        return 0;
    struct file *f = fd_file(dirfd);
    if (!f)
        return -EBADF;
    struct ifile *fi = file_ifile(f);
    if (!fi || !S_ISDIR(fi->inode->mode) || !fi->path)
        return -ENOTDIR;
    long err = ifile_follow_dir(fi);
    if (err)
        return err;                    /* removed: nothing can be found or made in it */
    *dir = fi->path;
    return 0;
}

long lookup_at(int dirfd, const char *path, unsigned walk, struct inode **out)
{
    const char *dir;
    long err = at_dir(dirfd, path, &dir);
    return err ? err : vfs_lookup_at(dir, path, walk, out, NULL);
}

long user_lookup(uintptr_t upath, struct inode **out)
{
    char *path;
    long err = user_path(upath, &path);
    if (err)
        return err;
    err = vfs_lookup(path, 0, out, NULL);
    kfree(path);
    return err;
}

long sys_openat(int dirfd, uintptr_t upath, unsigned flags, unsigned mode)
{
    if ((flags & O_CREAT) && (flags & O_DIRECTORY))
        return -EINVAL;                /* Linux 6.4 and later: never meaningful */
    char *path;
    long err = user_path(upath, &path);
    if (err)
        return err;
    const char *dir;
    struct file *f = NULL;
    err = at_dir(dirfd, path, &dir);
    if (!err)
        err = vfs_open_at(dir, path, flags, mode, &f);
    kfree(path);
    if (err)
        return err;
    int fd = fd_install(current->files, f, 0);
    if (fd >= 0 && (flags & O_CLOEXEC))
        current->files->cloexec |= 1ull << fd;
    file_put(f);
    return fd;
}

long sys_open(uintptr_t upath, unsigned flags, unsigned mode)
{
    return sys_openat(AT_FDCWD, upath, flags, mode);
}

long sys_close(int fd)
{
    return fd_close(current->files, fd);
}

/* access (access(2)): root may read and write anything (but on a read-only file system) and
 * execute what has an x bit. faccessat2's flags: AT_EACCESS (the same answer: real and
 * effective ids are both root), AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
long sys_faccessat2(int dirfd, uintptr_t upath, unsigned mode, unsigned flags)
{
    if (mode & ~(unsigned)(R_OK | W_OK | X_OK))
        return -EINVAL;
    if (flags & ~(unsigned)(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    char *path;
    long err = user_path(upath, &path);
    if (err)
        return err;
    struct inode *ino;
    if (!path[0] && (flags & AT_EMPTY_PATH) && dirfd != AT_FDCWD) {
        struct ifile *fi = file_ifile(fd_file(dirfd));
        err = fi ? 0 : fd_file(dirfd) ? 0 : -EBADF;
        kfree(path);
        if (!fi)
            return err;                /* a pipe, the console: there, and open to root */
        inode_get(ino = fi->inode);
    } else {
        err = lookup_at(dirfd, path, flags & AT_SYMLINK_NOFOLLOW ? WALK_NOFOLLOW : 0, &ino);
        kfree(path);
        if (err)
            return err;
    }
    if ((mode & W_OK) && (ino->flags & INODE_RDONLY_FS))
        err = -EROFS;
    else if ((mode & W_OK) && !(ino->mode & 0222) && !inode_writable_fs(ino))
        err = -EACCES;
    else if ((mode & X_OK) && !(ino->mode & 0111) && !S_ISDIR(ino->mode))
        err = -EACCES;                 /* root too needs one x bit */
    inode_put(ino);
    return err;
}

long sys_faccessat(int dirfd, uintptr_t upath, unsigned mode) { return sys_faccessat2(dirfd, upath, mode, 0); }
long sys_access(uintptr_t upath, unsigned mode) { return sys_faccessat2(AT_FDCWD, upath, mode, 0); }

long sys_chdir(uintptr_t upath)
{
    char *path, *canon = NULL;
    long err = user_path(upath, &path);
    if (err)
        return err;
    struct inode *ino;
    canon = kmalloc(FS_PATH_MAX);
    err = canon ? vfs_lookup(path, 0, &ino, canon) : -ENOMEM;
    if (!err) {
        if (!S_ISDIR(ino->mode))
            err = -ENOTDIR;
        else if (strlen(canon) >= sizeof proc_group(current)->cwd)
            err = -ENAMETOOLONG;       /* struct proc keeps a short cwd */
        else
            strlcpy(proc_group(current)->cwd, canon, sizeof proc_group(current)->cwd);
        inode_put(ino);
    }
    kfree(canon);
    kfree(path);
    return err;
}

/* fchdir (fchdir(2)): to the directory open as fd, by the path it was opened at. */
long sys_fchdir(int fd)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    struct ifile *fi = file_ifile(f);
    if (!fi || !S_ISDIR(fi->inode->mode))
        return -ENOTDIR;
    ifile_follow_dir(fi);              /* a removed one may be the cwd still, as on Linux */
    if (!fi->path || strlen(fi->path) >= sizeof proc_group(current)->cwd)
        return -ENAMETOOLONG;
    strlcpy(proc_group(current)->cwd, fi->path, sizeof proc_group(current)->cwd);
    return 0;
}

/* umask: set the bits a new file's mode loses, return the old ones. Nothing is created on
 * pagewise's file systems yet, but programs set it, and /proc/PID/status shows it. */
long sys_umask(unsigned mask)
{
    unsigned old = proc_group(current)->umask;
    proc_group(current)->umask = mask & 0777;
    return old;
}

/* The system call returns the length with the NUL (glibc and musl turn it into the pointer).
 * A cwd that was removed is ENOENT, as on Linux; the cwd being a path here, that is a path
 * that no longer leads to a directory. */
long sys_getcwd(uintptr_t ubuf, size_t size)
{
    const char *cwd = current_cwd();
    struct inode *ino;
    if (vfs_lookup(cwd, 0, &ino, NULL) != 0)
        return -ENOENT;
    inode_put(ino);
    size_t len = strlen(cwd) + 1;
    if (size < len)
        return -ERANGE;
    if (copy_to_user(ubuf, cwd, len))
        return -EFAULT;
    return (long)len;
}

long sys_readlinkat(int dirfd, uintptr_t upath, uintptr_t ubuf, int bufsiz)
{
    if (bufsiz <= 0)
        return -EINVAL;
    char *path;
    long err = user_path(upath, &path);
    if (err)
        return err;
    struct inode *ino;
    err = lookup_at(dirfd, path, WALK_NOFOLLOW, &ino);
    if (!err) {
        if (!S_ISLNK(ino->mode) || !ino->ops->readlink) {
            err = -EINVAL;
        } else {
            /* path's buffer is free now: reuse it for the target */
            err = ino->ops->readlink(ino, path, MIN((size_t)bufsiz, FS_PATH_MAX));
            if (err > 0 && copy_to_user(ubuf, path, (size_t)err))
                err = -EFAULT;
        }
        inode_put(ino);
    }
    kfree(path);
    return err;
}

long sys_readlink(uintptr_t upath, uintptr_t ubuf, int bufsiz) { return sys_readlinkat(AT_FDCWD, upath, ubuf, bufsiz); }
