/* TEMPORARY: until kernel/fs provides these (vfs.h). Weak, so the real ones win. */
#include <vfs.h>

__attribute__((weak)) struct file *fd_get(struct fdtable *t, int fd)
{
    return fd >= 0 && fd < NR_OPEN ? t->fd[fd] : NULL;
}

__attribute__((weak)) void vfs_describe(struct file *f, char *buf, size_t size)
{
    (void)f;
    strlcpy(buf, "file", size);
}
