/*
 * tmpfs's open files: a regular file reads and writes its shared memory object (holes read as
 * zeros, writes past the end grow it, O_APPEND writes at the end), a directory lists its
 * names. Reads and listings move the access time, writes the modification time, as Linux's
 * shmem_file_read_iter, generic_perform_write and iterate_dir do.
 */
#include <errno.h>
#include "tmpfs_int.h"

static struct tnode *file_tnode(struct file *f) { return tnode_of(((struct ifile *)f->priv)->inode); }

static long reg_read(struct file *f, uintptr_t ubuf, size_t n)
{
    struct tnode *t = file_tnode(f);
    long r = shmem_read(t->data, f->pos, ubuf, n, true);
    if (r > 0)
        f->pos += (uint64_t)r;
    if (r >= 0)
        tnode_accessed(t);
    return r;
}

static long reg_pread(struct file *f, void *buf, size_t n, uint64_t off)
{
    return shmem_read(file_tnode(f)->data, off, (uintptr_t)buf, n, false);
}

static long reg_write(struct file *f, uintptr_t ubuf, size_t n)
{
    struct tnode *t = file_tnode(f);
    if (f->flags & O_APPEND)
        f->pos = shmem_size(t->data);
    long r = shmem_write(t->data, f->pos, ubuf, n, true);
    if (r > 0) {
        f->pos += (uint64_t)r;
        t->inode.size = shmem_size(t->data);
        tnode_modified(t);
    }
    return r;
}

/* Positions: 0 is ".", 1 "..", then each name at its own position (tmpfs_int.h), so a
 * listing goes on where it stopped even when names came and went in between. */
static long dir_getdents(struct file *f, uintptr_t ubuf, size_t n)
{
    struct tnode *d = file_tnode(f);
    if (d->inode.nlink == 0)
        return -ENOENT;                /* removed: Linux's IS_DEADDIR */
    struct dirent_sink s = { .ubuf = ubuf, .size = n };
    if (f->pos == 0 && dirent_emit(&s, d->inode.ino, 1, DT_DIR, ".", 1))
        f->pos = 1;
    if (f->pos == 1 && dirent_emit(&s, d->parent->inode.ino, 2, DT_DIR, "..", 2))
        f->pos = 2;
    for (struct tdirent *e = d->entries; e && f->pos >= 2; e = e->next) {
        if (e->pos < f->pos)
            continue;
        if (!dirent_emit(&s, e->node->inode.ino, e->pos + 1, dtype_of(e->node->inode.mode), e->name, e->len))
            break;
        f->pos = e->pos + 1;
    }
    tnode_accessed(d);
    return dirent_result(&s);
}

static struct shmem *reg_shared_memory(struct file *f) { return file_tnode(f)->data; }
static void reg_mapping_written(struct file *f) { tnode_modified(file_tnode(f)); }

static const struct file_ops reg_ops = {
    .read = reg_read, .write = reg_write, .pread_kernel = reg_pread, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_POSITION, .shared_memory = reg_shared_memory,
    .mapping_written = reg_mapping_written,
};
static const struct file_ops dir_ops = {
    .read = ifile_dir_read, .getdents64 = dir_getdents, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_DIRECTORY,
};

long tmpfs_open(struct inode *ino, unsigned flags, struct file **out)
{
    if (S_ISDIR(ino->mode))
        return ifile_new(ino, &dir_ops, flags, out);
    if (!S_ISREG(ino->mode))
        return -ENXIO;
    if (flags & O_TRUNC) {
        long err = tmpfs_truncate(ino, 0);   /* Linux truncates even when opened O_RDONLY */
        if (err)
            return err;
    }
    return ifile_new(ino, &reg_ops, flags, out);
}
