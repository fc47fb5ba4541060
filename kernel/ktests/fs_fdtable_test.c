/* Descriptor tables: what fork (clone), execve (exec) and exit (free) do to reference counts. */
#include <errno.h>
#include <kheap.h>
#include <ktest.h>
#include "../fs/fs.h"

static int released;
static void count_release(struct file *f) { (void)f; released++; }
static const struct file_ops counted_ops = { .release = count_release };

KTEST(fs_fdtable_install_and_close)
{
    released = 0;
    struct fdtable *t = fdtable_new();
    struct file *f = file_alloc(&counted_ops, O_RDWR, NULL);
    KEXPECT(t && f);
    if (!t || !f)
        return;
    KEXPECT(fd_install(t, f, 0) == 0);
    KEXPECT(fd_install(t, f, 0) == 1);
    KEXPECT(fd_install(t, f, 5) == 5);
    KEXPECT(fd_install(t, f, 2) == 2);
    KEXPECT(f->refcount == 5);
    KEXPECT(fd_close(t, 1) == 0 && f->refcount == 4);
    KEXPECT(fd_close(t, 1) == -EBADF);
    KEXPECT(fd_close(t, -1) == -EBADF && fd_close(t, NR_OPEN) == -EBADF);
    KEXPECT(fd_install(t, f, 0) == 1);                  /* the lowest free one again */
    file_put(f);                                        /* only the table holds it now */
    KEXPECT(released == 0 && f->refcount == 4);
    fdtable_free(t);
    KEXPECT(released == 1);
}

KTEST(fs_fdtable_full_is_emfile)
{
    released = 0;
    struct fdtable *t = fdtable_new();
    struct file *f = file_alloc(&counted_ops, O_RDONLY, NULL);
    for (int i = 0; i < NR_OPEN; i++)
        KEXPECT(fd_install(t, f, 0) == i);
    KEXPECT(fd_install(t, f, 0) == -EMFILE);
    KEXPECT(f->refcount == NR_OPEN + 1);
    fd_close(t, 40);
    KEXPECT(fd_install(t, f, 41) == -EMFILE);
    KEXPECT(fd_install(t, f, 3) == 40);
    file_put(f);
    fdtable_free(t);
    KEXPECT(released == 1);
}

KTEST(fs_fdtable_clone_exec_free)
{
    released = 0;
    struct kheap_stats before, after;
    kheap_stats(&before);
    struct fdtable *parent = fdtable_new();
    struct file *a = file_alloc(&counted_ops, O_RDONLY, NULL);
    struct file *b = file_alloc(&counted_ops, O_WRONLY, NULL);
    fd_install(parent, a, 0);
    fd_install(parent, b, 1);
    fd_install(parent, b, 7);
    parent->cloexec |= 1ull << 7;
    file_put(a);
    file_put(b);
    KEXPECT(a->refcount == 1 && b->refcount == 2);

    struct fdtable *child = fdtable_clone(parent);      /* fork */
    KEXPECT(child && child->fd[0] == a && child->fd[1] == b && child->fd[7] == b);
    KEXPECT(a->refcount == 2 && b->refcount == 4);
    KEXPECT(child->cloexec == 1ull << 7);

    fdtable_exec(child);                                /* execve in the child */
    KEXPECT(child->fd[7] == NULL && child->cloexec == 0 && b->refcount == 3);
    KEXPECT(parent->fd[7] == b && parent->cloexec == 1ull << 7);

    /* A descriptor reused after install is not close-on-exec, whatever the old one was. */
    KEXPECT(fd_install(child, a, 7) == 7 && !(child->cloexec & (1ull << 7)));

    fdtable_free(parent);                               /* the parent exits */
    KEXPECT(released == 0 && a->refcount == 2 && b->refcount == 1);
    fdtable_free(child);
    KEXPECT(released == 2);
    kheap_stats(&after);
    KEXPECT(after.blocks_in_use == before.blocks_in_use);
}

KTEST(fs_file_flags_keep_status_only)
{
    struct file *f = file_alloc(&counted_ops, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_APPEND | O_NONBLOCK, NULL);
    KEXPECT(f->flags == (O_WRONLY | O_APPEND | O_NONBLOCK));
    released = 0;
    file_put(f);
    KEXPECT(released == 1);
}

KTEST(fs_dirent_records)
{
    char buf[64];
    struct dirent_sink s = { .kbuf = buf, .size = sizeof buf };
    KEXPECT(dirent_emit(&s, 42, 1, DT_REG, "a", 1));
    KEXPECT(s.used == 24);                              /* 19 + "a\0" rounded up to 8 */
    uint64_t ino, off;
    uint16_t reclen;
    memcpy(&ino, buf, 8);
    memcpy(&off, buf + 8, 8);
    memcpy(&reclen, buf + 16, 2);
    KEXPECT(ino == 42 && off == 1 && reclen == 24 && buf[18] == DT_REG && strcmp(buf + 19, "a") == 0);
    KEXPECT(dirent_emit(&s, 43, 2, DT_DIR, "abcdefghijkl", 12));   /* 32 bytes: fills to 56 */
    KEXPECT(s.used == 56);
    KEXPECT(!dirent_emit(&s, 44, 3, DT_DIR, "x", 1));              /* no room: stop, no error */
    KEXPECT(dirent_result(&s) == 56);
    struct dirent_sink tiny = { .kbuf = buf, .size = 16 };
    KEXPECT(!dirent_emit(&tiny, 1, 1, DT_DIR, ".", 1));
    KEXPECT(dirent_result(&tiny) == -EINVAL);                      /* first record must fit */
}
