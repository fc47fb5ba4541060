/*
 * /dev: the few device files programs expect (null(4), zero(4), console(4), tty(4)), in a
 * fixed directory mounted over /dev, and the directory shm that a tmpfs is mounted on (POSIX
 * shared memory's home on Linux). /dev/tty is the console too: sessions have no controlling
 * terminal yet.
 */
#include <errno.h>
#include <uaccess.h>
#include "fs.h"

static long null_read(struct file *f, uintptr_t ubuf, size_t n) { (void)f; (void)ubuf; (void)n; return 0; }
static long null_write(struct file *f, uintptr_t ubuf, size_t n) { (void)f; (void)ubuf; return (long)n; }
static long null_pread(struct file *f, void *buf, size_t n, uint64_t off) { (void)f; (void)buf; (void)n; (void)off; return 0; }

static long zero_read(struct file *f, uintptr_t ubuf, size_t n)
{
    (void)f;
    return clear_user(ubuf, n) ? -EFAULT : (long)n;
}

static long zero_pread(struct file *f, void *buf, size_t n, uint64_t off)
{
    (void)f; (void)off;
    memset(buf, 0, n);
    return (long)n;
}

static const struct file_ops null_ops = {
    .read = null_read, .write = null_write, .pread_kernel = null_pread, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_ZERO,
};
static const struct file_ops zero_ops = {
    .read = zero_read, .write = null_write, .pread_kernel = zero_pread, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_ZERO,
};

static long dev_open(struct inode *ino, unsigned flags, struct file **out)
{
    if (ino->rdev == MKDEV(1, 3))
        return ifile_new(ino, &null_ops, flags, out);
    if (ino->rdev == MKDEV(1, 5))
        return ifile_new(ino, &zero_ops, flags, out);
    return console_open(flags, out);
}

static const struct inode_ops dev_ops = { .open = dev_open };
static const struct inode_ops mountpoint_ops = { .open = NULL };

static struct dev_entry {
    const char *name;
    struct inode inode;
} devices[] = {
    { "console", { .ops = &dev_ops, .mode = S_IFCHR | 0600, .ino = 2, .rdev = MKDEV(5, 1), .dev = DEV_DEVTMP } },
    { "null", { .ops = &dev_ops, .mode = S_IFCHR | 0666, .ino = 3, .rdev = MKDEV(1, 3), .dev = DEV_DEVTMP } },
    { "tty", { .ops = &dev_ops, .mode = S_IFCHR | 0666, .ino = 4, .rdev = MKDEV(5, 0), .dev = DEV_DEVTMP } },
    { "shm", { .ops = &mountpoint_ops, .mode = S_IFDIR | 01777, .nlink = 2, .ino = 6, .dev = DEV_DEVTMP } },
    { "zero", { .ops = &dev_ops, .mode = S_IFCHR | 0666, .ino = 5, .rdev = MKDEV(1, 5), .dev = DEV_DEVTMP } },
};

/* Only what is mounted on it is ever seen (vfs_init mounts a tmpfs there). */
struct inode *devfs_shm_dir(void) { return &devices[3].inode; }

static long devdir_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    (void)dir;
    for (size_t i = 0; i < ARRAY_SIZE(devices); i++) {
        if (strlen(devices[i].name) == len && memcmp(devices[i].name, name, len) == 0) {
            *out = &devices[i].inode;
            return 0;
        }
    }
    return -ENOENT;
}

/* Positions: 0 ".", 1 "..", 2 + i the i-th device. */
static long devdir_getdents(struct file *f, uintptr_t ubuf, size_t n)
{
    struct dirent_sink s = { .ubuf = ubuf, .size = n };
    if (f->pos == 0 && dirent_emit(&s, 1, 1, DT_DIR, ".", 1))
        f->pos = 1;
    if (f->pos == 1 && dirent_emit(&s, 1, 2, DT_DIR, "..", 2))
        f->pos = 2;
    while (f->pos >= 2 && f->pos < 2 + ARRAY_SIZE(devices)) {
        struct dev_entry *e = &devices[f->pos - 2];
        if (!dirent_emit(&s, e->inode.ino, f->pos + 1, dtype_of(e->inode.mode), e->name, strlen(e->name)))
            break;
        f->pos++;
    }
    return dirent_result(&s);
}

static const struct file_ops devdir_file_ops = {
    .read = ifile_dir_read, .getdents64 = devdir_getdents, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_POSITION,
};

static long devdir_open(struct inode *ino, unsigned flags, struct file **out)
{
    return ifile_new(ino, &devdir_file_ops, flags, out);
}

static const struct inode_ops devdir_ops = { .lookup = devdir_lookup, .open = devdir_open };
static struct inode devdir = {
    .ops = &devdir_ops, .mode = S_IFDIR | 0755, .nlink = 3, .ino = 1, .dev = DEV_DEVTMP,
};

struct inode *devfs_root(void) { return &devdir; }
