/*
 * Descriptor calls: dup, dup2, dup3, fcntl64, ioctl, pipe, pipe2 (dup(2), fcntl(2),
 * ioctl(2), pipe(2)). The status flags (O_APPEND, O_NONBLOCK) belong to the open file and are
 * shared by duplicates; FD_CLOEXEC belongs to the descriptor.
 */
#include <errno.h>
#include <proc.h>
#include <uaccess.h>
#include "fs.h"

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
#define FIONCLEX 0x5450
#define FIOCLEX  0x5451
#define SETFL_MASK (O_APPEND | O_NONBLOCK)

static void set_cloexec(int fd, bool on)
{
    if (on)
        current->files->cloexec |= 1ull << fd;
    else
        current->files->cloexec &= ~(1ull << fd);
}

static long dup_from(int fd, int min, bool cloexec)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    int nfd = fd_install(current->files, f, min);
    if (nfd >= 0)
        set_cloexec(nfd, cloexec);
    return nfd;
}

long sys_dup(int fd) { return dup_from(fd, 0, false); }

static long dup_to(int old, int new, bool cloexec)
{
    struct file *f = fd_file(old);
    if (!f)
        return -EBADF;
    if (new < 0 || new >= NR_OPEN)
        return -EBADF;
    if (old == new)
        return new;
    file_get(f);                       /* closing new may drop the last other reference */
    fd_close(current->files, new);
    int fd = fd_install(current->files, f, new);
    file_put(f);
    assert(fd == new);
    set_cloexec(fd, cloexec);
    return fd;
}

long sys_dup2(int old, int new) { return dup_to(old, new, false); }

long sys_dup3(int old, int new, unsigned flags)
{
    if (flags & ~(unsigned)O_CLOEXEC || old == new)
        return -EINVAL;
    return dup_to(old, new, flags & O_CLOEXEC);
}

long sys_fcntl64(int fd, int cmd, uint32_t arg)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (arg >= NR_OPEN)
            return -EINVAL;
        return dup_from(fd, (int)arg, cmd == F_DUPFD_CLOEXEC);
    case F_GETFD:
        return current->files->cloexec & (1ull << fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
        set_cloexec(fd, arg & FD_CLOEXEC);
        return 0;
    case F_GETFL:
        return f->flags;
    case F_SETFL:
        f->flags = (f->flags & ~(unsigned)SETFL_MASK) | (arg & SETFL_MASK);
        return 0;
    default:
        return -EINVAL;                /* locks, owners, leases: not here */
    }
}

long sys_ioctl(int fd, unsigned cmd, uintptr_t arg)
{
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    if (cmd == FIOCLEX || cmd == FIONCLEX) {
        set_cloexec(fd, cmd == FIOCLEX);
        return 0;
    }
    return f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
}

long sys_pipe2(uintptr_t ufds, unsigned flags)
{
    if (flags & ~(unsigned)(O_CLOEXEC | O_NONBLOCK))
        return -EINVAL;
    struct file *rd, *wr;
    long err = pipe_create(flags, &rd, &wr);
    if (err)
        return err;
    int fds[2] = { fd_install(current->files, rd, 0), -1 };
    if (fds[0] >= 0)
        fds[1] = fd_install(current->files, wr, 0);
    file_put(rd);
    file_put(wr);
    err = fds[0] < 0 ? fds[0] : fds[1] < 0 ? fds[1] : 0;
    if (!err && copy_to_user(ufds, fds, sizeof fds))
        err = -EFAULT;
    if (err) {
        for (int i = 0; i < 2; i++)
            if (fds[i] >= 0)
                fd_close(current->files, fds[i]);
        return err;
    }
    set_cloexec(fds[0], flags & O_CLOEXEC);
    set_cloexec(fds[1], flags & O_CLOEXEC);
    return 0;
}

long sys_pipe(uintptr_t ufds) { return sys_pipe2(ufds, 0); }
