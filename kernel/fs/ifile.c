/*
 * What files opened from an inode have in common: the private part (struct ifile), fstat,
 * release, reading out of memory (initrd data, /proc text) and writing directory records in
 * linux_dirent64's layout (getdents64(2)).
 */
#include <errno.h>
#include <kheap.h>
#include <uaccess.h>
#include "fs.h"

long ifile_new(struct inode *ino, const struct file_ops *ops, unsigned flags, struct file **out)
{
    struct ifile *fi = kzalloc(sizeof *fi);
    if (!fi)
        return -ENOMEM;
    struct file *f = file_alloc(ops, flags, fi);
    if (!f) {
        kfree(fi);
        return -ENOMEM;
    }
    fi->inode = ino;
    inode_get(ino);
    *out = f;
    return 0;
}

int ifile_stat(struct file *f, struct kstat *st)
{
    struct ifile *fi = f->priv;
    inode_stat(fi->inode, st);
    return 0;
}

void ifile_release(struct file *f)
{
    struct ifile *fi = f->priv;
    inode_put(fi->inode);
    kfree(fi->path);
    kfree(fi->data);
    kfree(fi);
}

long ifile_follow_dir(struct ifile *fi)
{
    if (!fi->inode->ops->dir_path || !fi->path)
        return 0;
    char *now = kmalloc(FS_PATH_MAX);
    if (!now)
        return -ENOMEM;
    long n = fi->inode->ops->dir_path(fi->inode, now, FS_PATH_MAX);
    if (n >= 0 && strcmp(now, fi->path) != 0) {
        char *copy = kmalloc((size_t)n + 1);
        if (copy) {
            memcpy(copy, now, (size_t)n + 1);
            kfree(fi->path);
            fi->path = copy;
        }
        n = copy ? n : -ENOMEM;
    }
    kfree(now);
    return n < 0 ? n : 0;
}

long ifile_dir_read(struct file *f, uintptr_t ubuf, size_t n)
{
    (void)f; (void)ubuf; (void)n;
    return -EISDIR;
}

/* Every inode-backed file_ops uses ifile_stat, which is how we recognise them. */
struct ifile *file_ifile(struct file *f)
{
    return f && f->ops->stat == ifile_stat ? f->priv : NULL;
}

long mem_pread(void *buf, size_t n, uint64_t off, const void *data, size_t size)
{
    if (off >= size)
        return 0;
    n = MIN(n, size - (size_t)off);
    memcpy(buf, (const char *)data + off, n);
    return (long)n;
}

long mem_read(struct file *f, uintptr_t ubuf, size_t n, const void *data, size_t size)
{
    if (f->pos >= size)
        return 0;
    n = MIN(n, size - (size_t)f->pos);
    if (copy_to_user(ubuf, (const char *)data + f->pos, n))
        return -EFAULT;
    f->pos += n;
    return (long)n;
}

/* linux_dirent64: d_ino, d_off, d_reclen, d_type, d_name; records 8-byte aligned. */
struct dirent64_head {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
} __attribute__((packed));
_Static_assert(sizeof(struct dirent64_head) == 19, "linux_dirent64 header");

bool dirent_emit(struct dirent_sink *s, uint64_t ino, uint64_t next_off, unsigned type,
                 const char *name, size_t len)
{
    char rec[ALIGN_UP(sizeof(struct dirent64_head) + FS_NAME_MAX + 1, 8)];
    size_t reclen = ALIGN_UP(sizeof(struct dirent64_head) + len + 1, 8);
    if (s->error)
        return false;
    if (s->used + reclen > s->size) {
        if (s->used == 0)
            s->error = -EINVAL;         /* "Result buffer is too small" */
        return false;
    }
    struct dirent64_head h = { ino, (int64_t)next_off, (uint16_t)reclen, (uint8_t)type };
    memset(rec, 0, reclen);
    memcpy(rec, &h, sizeof h);
    memcpy(rec + sizeof h, name, len);
    if (s->kbuf)
        memcpy(s->kbuf + s->used, rec, reclen);
    else if (copy_to_user(s->ubuf + s->used, rec, reclen)) {
        s->error = -EFAULT;
        return false;
    }
    s->used += reclen;
    return true;
}

long dirent_result(struct dirent_sink *s)
{
    return s->used ? (long)s->used : s->error;
}

unsigned dtype_of(uint32_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFDIR: return DT_DIR;
    case S_IFREG: return DT_REG;
    case S_IFLNK: return DT_LNK;
    case S_IFCHR: return DT_CHR;
    case S_IFIFO: return DT_FIFO;
    default: return 0;
    }
}
