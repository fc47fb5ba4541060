/*
 * What a file system says of itself: statfs64 and fstatfs64 (statfs(2)), in i386's struct
 * statfs64. A tmpfs gives its own figures (blocks and inodes of its limits, what is free);
 * the others what their Linux counterparts give, with nothing to count.
 */
#include <errno.h>
#include <kheap.h>
#include <uaccess.h>
#include <abi/statfs.h>
#include "fs.h"

/* The initrd stands for Linux's initramfs (ramfs), here mounted read-only; /dev for devtmpfs
 * (a tmpfs); pipes are pipefs. */
static void statfs_of(struct inode *ino, struct kstatfs *st)
{
    memset(st, 0, sizeof *st);
    st->bsize = st->frsize = PAGE_SIZE;
    st->namelen = FS_NAME_MAX;
    st->flags = ST_VALID | ST_RELATIME;
    if (ino->ops->statfs) {
        ino->ops->statfs(ino, st);
        st->flags = ST_VALID | ST_RELATIME;
        return;
    }
    switch (ino->dev) {
    case DEV_INITRD: st->type = RAMFS_MAGIC; st->flags |= ST_RDONLY; break;
    case DEV_PROC: st->type = PROC_SUPER_MAGIC; st->flags |= ST_NOSUID | ST_NODEV | ST_NOEXEC; break;
    case DEV_PIPE: st->type = PIPEFS_MAGIC; break;
    default: st->type = TMPFS_MAGIC; st->flags |= ST_NOSUID; break;       /* /dev */
    }
}

static long put_statfs(struct inode *ino, uintptr_t ubuf)
{
    struct kstatfs k;
    statfs_of(ino, &k);
    inode_put(ino);
    struct statfs64 s;
    memset(&s, 0, sizeof s);
    s.f_type = k.type;
    s.f_bsize = k.bsize;
    s.f_blocks = k.blocks;
    s.f_bfree = k.bfree;
    s.f_bavail = k.bavail;
    s.f_files = k.files;
    s.f_ffree = k.ffree;
    s.f_namelen = k.namelen;
    s.f_frsize = k.frsize;
    s.f_flags = k.flags;
    return copy_to_user(ubuf, &s, sizeof s) ? -EFAULT : 0;
}

/* The size argument must be struct statfs64's (Linux: EINVAL otherwise). */
long sys_statfs64(uintptr_t upath, size_t size, uintptr_t ubuf)
{
    if (size != sizeof(struct statfs64))
        return -EINVAL;
    struct inode *ino;
    long err = user_lookup(upath, &ino);
    return err ? err : put_statfs(ino, ubuf);
}

long sys_fstatfs64(int fd, size_t size, uintptr_t ubuf)
{
    if (size != sizeof(struct statfs64))
        return -EINVAL;
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    struct ifile *fi = file_ifile(f);
    if (fi) {
        inode_get(fi->inode);
        return put_statfs(fi->inode, ubuf);
    }
    /* a pipe or the console: no inode of ours; what stat says decides */
    struct kstat st;
    static const struct inode_ops no_ops = { .open = NULL };
    static struct inode pipe_like = { .ops = &no_ops, .dev = DEV_PIPE };
    static struct inode console_like = { .ops = &no_ops, .dev = DEV_DEVTMP };
    bool pipe = f->ops->stat && f->ops->stat(f, &st) == 0 && (st.mode & S_IFMT) == S_IFIFO;
    return put_statfs(pipe ? &pipe_like : &console_like, ubuf);
}
