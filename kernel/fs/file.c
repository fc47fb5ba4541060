/*
 * Open files and descriptor tables. A struct file is shared by every descriptor that came from
 * one open (dup, fork): they share the position and the status flags, as open(2) says; the
 * close-on-exec flag belongs to the descriptor, so it lives in the table.
 */
#include <errno.h>
#include <kheap.h>
#include <proc.h>
#include "fs.h"

struct file *file_alloc(const struct file_ops *ops, unsigned flags, void *priv)
{
    struct file *f = kzalloc(sizeof *f);
    if (!f)
        return NULL;
    f->ops = ops;
    f->refcount = 1;
    f->flags = flags & ~(unsigned)(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
    f->priv = priv;
    return f;
}

void file_get(struct file *f)
{
    assert(f->refcount > 0);
    f->refcount++;
}

void file_put(struct file *f)
{
    if (!f)
        return;
    assert(f->refcount > 0);
    if (--f->refcount)
        return;
    if (f->ops->release)
        f->ops->release(f);
    kfree(f);
}

struct fdtable *fdtable_new(void) { return kzalloc(sizeof(struct fdtable)); }

struct fdtable *fdtable_clone(struct fdtable *t)
{
    struct fdtable *n = fdtable_new();
    if (!n)
        return NULL;
    for (int fd = 0; fd < NR_OPEN; fd++) {
        n->fd[fd] = t->fd[fd];
        if (n->fd[fd])
            file_get(n->fd[fd]);
    }
    n->cloexec = t->cloexec;
    return n;
}

void fdtable_exec(struct fdtable *t)
{
    for (int fd = 0; fd < NR_OPEN; fd++)
        if (t->cloexec & (1ull << fd))
            fd_close(t, fd);
    t->cloexec = 0;
}

void fdtable_free(struct fdtable *t)
{
    if (!t)
        return;
    for (int fd = 0; fd < NR_OPEN; fd++)
        fd_close(t, fd);
    kfree(t);
}

int fd_install(struct fdtable *t, struct file *f, int min)
{
    for (int fd = MAX(min, 0); fd < NR_OPEN; fd++) {
        if (!t->fd[fd]) {
            file_get(f);
            t->fd[fd] = f;
            t->cloexec &= ~(1ull << fd);
            return fd;
        }
    }
    return -EMFILE;
}

int fd_close(struct fdtable *t, int fd)
{
    if (fd < 0 || fd >= NR_OPEN || !t->fd[fd])
        return -EBADF;
    struct file *f = t->fd[fd];
    t->fd[fd] = NULL;
    t->cloexec &= ~(1ull << fd);
    file_put(f);
    return 0;
}

struct file *fd_get(struct fdtable *t, int fd)
{
    return t && fd >= 0 && fd < NR_OPEN ? t->fd[fd] : NULL;
}

struct file *fd_file(int fd)
{
    return current ? fd_get(current->files, fd) : NULL;
}
