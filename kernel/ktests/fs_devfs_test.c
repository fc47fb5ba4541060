/* /dev: the device files and what reading them gives. */
#include <errno.h>
#include <kheap.h>
#include <ktest.h>
#include "../fs/fs.h"

static struct file *open_dev(const char *name, unsigned flags)
{
    struct inode *dir = devfs_root(), *ino;
    struct file *f = NULL;
    if (dir->ops->lookup(dir, name, strlen(name), &ino) == 0)
        KEXPECT(inode_open(ino, flags, &f) == 0);
    return f;
}

KTEST(fs_devfs_null_and_zero)
{
    struct kheap_stats before, after;
    kheap_stats(&before);
    char buf[8] = "xxxxxxx";
    struct kstat st;
    struct file *null = open_dev("null", O_RDWR), *zero = open_dev("zero", O_RDONLY);
    KEXPECT(null && zero);
    if (!null || !zero)
        return;
    KEXPECT(null->ops->pread_kernel(null, buf, sizeof buf, 0) == 0 && buf[0] == 'x');
    KEXPECT(null->ops->write(null, 0, 12345) == 12345);         /* never looks at the data */
    KEXPECT(zero->ops->pread_kernel(zero, buf, sizeof buf, 99) == 8 && buf[0] == 0 && buf[7] == 0);
    KEXPECT(null->ops->stat(null, &st) == 0 && (st.mode & S_IFMT) == S_IFCHR && st.rdev == MKDEV(1, 3));
    file_put(null);
    file_put(zero);
    kheap_stats(&after);
    KEXPECT(after.blocks_in_use == before.blocks_in_use);
}

KTEST(fs_devfs_console_files)
{
    struct inode *dir = devfs_root(), *ino;
    KEXPECT(dir->ops->lookup(dir, "nope", 4, &ino) == -ENOENT);
    struct file *tty = open_dev("tty", O_WRONLY | O_NONBLOCK);
    struct file *con = console_file();
    KEXPECT(tty && tty != con && tty->ops == con->ops);         /* own flags, same device */
    KEXPECT(tty && tty->flags == (O_WRONLY | O_NONBLOCK) && con->flags == O_RDWR);
    file_put(tty);
    file_put(con);
    KEXPECT(inode_open(dir, O_WRONLY, &tty) == -EISDIR);
}
