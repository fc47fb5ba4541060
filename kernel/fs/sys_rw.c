/*
 * Moving data: read, write, readv, writev, pread64, pwrite64, the position: lseek, _llseek,
 * and a file's length and its way to a disk: ftruncate, truncate (and their 64-bit forms),
 * fsync, fdatasync.
 * As read(2)/write(2): a descriptor not open for the direction is EBADF, a count is cut to
 * Linux's MAX_RW_COUNT, a short transfer ends readv/writev, and an error after some bytes
 * moved returns the bytes. Seeking a pipe or the console is ESPIPE.
 */
#include <errno.h>
#include <kheap.h>
#include <uaccess.h>
#include "fs.h"

#define MAX_RW_COUNT 0x7ffff000u       /* INT_MAX rounded down to a page, as Linux */
#define IOV_MAX 1024
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2


/* The open file fd names for reading or writing, as Linux's vfs_read and vfs_write check it:
 * EBADF, EINVAL for a file that cannot, then EFAULT for a buffer (ubuf, n) that is not all in
 * user space, even when nothing would be copied (a read at the end of a file). */
static struct file *file_for(int fd, bool write, uintptr_t ubuf, size_t n, long *err)
{
    struct file *f = fd_file(fd);
    unsigned acc = f ? f->flags & O_ACCMODE : 0;
    if (!f || (write ? acc == O_RDONLY : acc == O_WRONLY)) {
        *err = -EBADF;
        return NULL;
    }
    if (!(write ? f->ops->write : f->ops->read)) {
        *err = -EINVAL;
        return NULL;
    }
    if (!user_range_ok(ubuf, n)) {
        *err = -EFAULT;
        return NULL;
    }
    return f;
}

long sys_read(int fd, uintptr_t ubuf, size_t n)
{
    long err;
    struct file *f = file_for(fd, false, ubuf, n, &err);
    return f ? f->ops->read(f, ubuf, MIN(n, MAX_RW_COUNT)) : err;
}

long sys_write(int fd, uintptr_t ubuf, size_t n)
{
    long err;
    struct file *f = file_for(fd, true, ubuf, n, &err);
    if (!f)
        return err;
    return n ? f->ops->write(f, ubuf, MIN(n, MAX_RW_COUNT)) : 0;
}

static long do_iov(int fd, uintptr_t uiov, int cnt, bool write)
{
    long err;
    struct file *f = file_for(fd, write, 0, 0, &err);
    if (!f)
        return err;
    if (cnt < 0 || cnt > IOV_MAX)
        return -EINVAL;
    if (cnt == 0)
        return 0;
    struct iovec32 *iov = iovecs_from_user(uiov, (size_t)cnt, MAX_RW_COUNT, &err);
    if (!iov)
        return err;
    long total = 0;
    for (int i = 0; i < cnt; i++) {
        if (iov[i].len == 0)
            continue;
        long r = write ? f->ops->write(f, iov[i].base, iov[i].len) : f->ops->read(f, iov[i].base, iov[i].len);
        if (r < 0) {
            if (!total)
                total = r;
            break;
        }
        total += r;
        if ((uint32_t)r < iov[i].len)
            break;
    }
    kfree(iov);
    return total;
}

long sys_readv(int fd, uintptr_t uiov, int cnt) { return do_iov(fd, uiov, cnt, false); }
long sys_writev(int fd, uintptr_t uiov, int cnt) { return do_iov(fd, uiov, cnt, true); }

/* pread64 and pwrite64: i386 passes the 64-bit offset in two registers, low word first.
 * Linux's order (ksys_pread64): a negative offset EINVAL, EBADF, a pipe ESPIPE, then what
 * read and write check. As on Linux, pwrite on a file opened O_APPEND writes at the end
 * whatever the offset says (pwrite(2), BUGS): the write op moves the borrowed position there. */
static long at_offset(int fd, uintptr_t ubuf, size_t n, uint32_t off_lo, uint32_t off_hi, bool write)
{
    int64_t off = (int64_t)((uint64_t)off_hi << 32 | off_lo);
    if (off < 0)
        return -EINVAL;
    if (!fd_file(fd))
        return -EBADF;
    if (fd_file(fd)->ops->seek == FILE_SEEK_NONE)
        return -ESPIPE;
    long err;
    struct file *f = file_for(fd, write, ubuf, n, &err);
    if (!f)
        return err;
    if (write && n == 0)
        return 0;
    /* Seekable files never sleep in read or write, so borrowing the position is invisible
     * to others. */
    uint64_t saved = f->pos;
    f->pos = (uint64_t)off;
    long r = write ? f->ops->write(f, ubuf, MIN(n, MAX_RW_COUNT)) : f->ops->read(f, ubuf, MIN(n, MAX_RW_COUNT));
    f->pos = saved;
    return r;
}

long sys_pread64(int fd, uintptr_t ubuf, size_t n, uint32_t off_lo, uint32_t off_hi)
{
    return at_offset(fd, ubuf, n, off_lo, off_hi, false);
}

long sys_pwrite64(int fd, uintptr_t ubuf, size_t n, uint32_t off_lo, uint32_t off_hi)
{
    return at_offset(fd, ubuf, n, off_lo, off_hi, true);
}

static long do_seek(int fd, int64_t off, int whence, int64_t *result)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    if (f->ops->seek == FILE_SEEK_NONE)
        return -ESPIPE;
    int64_t base;
    struct kstat st;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (int64_t)f->pos; break;
    case SEEK_END:
        if (f->ops->seek == FILE_SEEK_DIRECTORY || !f->ops->stat || f->ops->stat(f, &st))
            return -EINVAL;
        base = (int64_t)st.size;
        break;
    default:
        return -EINVAL;
    }
    if (f->ops->seek == FILE_SEEK_ZERO)
        base = off = 0;
    if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
        return -EINVAL;
    f->pos = (uint64_t)(base + off);
    *result = base + off;
    return 0;
}

long sys_lseek(int fd, int32_t off, int whence)
{
    int64_t pos;
    long err = do_seek(fd, off, whence, &pos);
    if (err)
        return err;
    return pos > INT32_MAX ? -EOVERFLOW : (long)pos;
}

long sys__llseek(int fd, uint32_t off_hi, uint32_t off_lo, uintptr_t uresult, int whence)
{
    int64_t pos;
    long err = do_seek(fd, (int64_t)((uint64_t)off_hi << 32 | off_lo), whence, &pos);
    if (err)
        return err;
    return copy_to_user(uresult, &pos, sizeof pos) ? -EFAULT : 0;
}

/* fsync, fdatasync: nothing is ever written back, so the question is only whether the file
 * has an fsync at all. On Linux, files and directories of the initramfs and of a tmpfs do (a
 * no-op: 0); pipes, devices, the console and /proc files do not: EINVAL. */
long sys_fsync(int fd)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    struct ifile *fi = file_ifile(f);
    return fi && ((fi->inode->flags & INODE_RDONLY_FS) || inode_writable_fs(fi->inode)) ? 0 : -EINVAL;
}

long sys_fdatasync(int fd)
{
    return sys_fsync(fd);
}

/* syncfs: the file system of fd has nothing waiting either. */
long sys_syncfs(int fd)
{
    return fd_file(fd) ? 0 : -EBADF;
}

/* ftruncate (do_sys_ftruncate): EINVAL for a negative length, EBADF, then EINVAL unless
 * a regular file open for writing.
 * ftruncate64 takes the length in two registers. */
static long truncate_fd(int fd, int64_t len)
{
    if (len < 0)
        return -EINVAL;
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    struct ifile *fi = file_ifile(f);
    unsigned acc = f->flags & O_ACCMODE;
    if (!fi || !S_ISREG(fi->inode->mode) || (acc != O_WRONLY && acc != O_RDWR) || !fi->inode->ops->truncate)
        return -EINVAL;
    return fi->inode->ops->truncate(fi->inode, (uint64_t)len);
}

long sys_ftruncate(int fd, int32_t len) { return truncate_fd(fd, len); }

long sys_ftruncate64(int fd, uint32_t len_lo, uint32_t len_hi)
{
    return truncate_fd(fd, (int64_t)((uint64_t)len_hi << 32 | len_lo));
}

/* truncate (vfs_truncate): the path's errors, EISDIR for a directory, EINVAL for what is not
 * a regular file, EROFS on the initrd. */
static long truncate_path(uintptr_t upath, int64_t len)
{
    if (len < 0)
        return -EINVAL;
    struct inode *ino;
    long err = user_lookup(upath, &ino);
    if (err)
        return err;
    if (S_ISDIR(ino->mode))
        err = -EISDIR;
    else if (!S_ISREG(ino->mode))
        err = -EINVAL;
    else if (ino->flags & INODE_RDONLY_FS)
        err = -EROFS;
    else if (!ino->ops->truncate)
        err = -EACCES;
    else
        err = ino->ops->truncate(ino, (uint64_t)len);
    inode_put(ino);
    return err;
}

long sys_truncate(uintptr_t upath, int32_t len) { return truncate_path(upath, len); }

long sys_truncate64(uintptr_t upath, uint32_t len_lo, uint32_t len_hi)
{
    return truncate_path(upath, (int64_t)((uint64_t)len_hi << 32 | len_lo));
}
