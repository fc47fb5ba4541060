/*
 * procfs, mounted at /proc: system-wide files (meminfo, uptime), /proc/self (a link to the
 * caller's pid) and a directory per process (procfs_pid.c). Text is generated at the first
 * read into a kmalloc'd buffer that the open file keeps, so reads of one open file are
 * consistent.
 * Formats are proc(5)'s.
 */
#include <errno.h>
#include <kheap.h>
#include <pmm.h>
#include <proc.h>
#include <procfs.h>
#include <timer.h>
#include <uaccess.h>
#include <vm.h>
#include "procfs_int.h"

#define PROC_ROOT_INO 1

void pbuf_printf(struct pbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = b->len < b->size ? b->size - b->len : 0;
    int n = kvsnprintf(room ? b->buf + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        b->len += (size_t)n;
}

/* The largest text a file may have: smaps of about 12000 regions, maps of all MAX_MAP_COUNT.
 * The text is one kmalloc'd snapshot (frames mapped one by one when it is big), held while
 * the file is open. */
#define PROCFS_TEXT_MAX (8 * MiB)

/* A first pass into a small buffer makes most files; one that did not fit has told its
 * length (pbuf_printf counts what it could not store), so the second pass gets a buffer that
 * size, with room for what changed in between. */
long procfs_generate(void (*show)(struct pbuf *, void *), void *arg, char **text, size_t *len)
{
    size_t size = 1024;
    for (;;) {
        struct pbuf b = { kmalloc(size), size, 0 };
        if (!b.buf)
            return -ENOMEM;
        show(&b, arg);
        if (b.len < size) {
            *text = b.buf;
            *len = b.len;
            return 0;
        }
        kfree(b.buf);
        if (b.len >= PROCFS_TEXT_MAX)
            return -EFBIG;
        size = MIN(b.len + b.len / 8 + 1, (size_t)PROCFS_TEXT_MAX);
    }
}

long procfs_read_entries(struct file *f, uintptr_t ubuf, size_t n, uint64_t count,
                         uint64_t (*entry)(uint64_t i, void *arg), void *arg)
{
    if ((f->pos % sizeof(uint64_t)) || (n % sizeof(uint64_t)))
        return -EINVAL;
    uint64_t i = f->pos / sizeof(uint64_t);
    uint64_t buf[64];
    size_t done = 0;
    while (done < n && i < count) {
        size_t k = 0;
        for (; k < ARRAY_SIZE(buf) && done + (k + 1) * sizeof(uint64_t) <= n && i + k < count; k++)
            buf[k] = entry(i + k, arg);
        if (copy_to_user(ubuf + done, buf, k * sizeof(uint64_t)) < 0)
            return done ? (long)done : -EFAULT;
        done += k * sizeof(uint64_t);
        i += k;
    }
    f->pos += done;
    return (long)done;
}

/* ---- /proc/uptime (meminfo and vmstat are the VM layer's: kernel/mm/meminfo.c) ---- */

static void show_uptime(struct pbuf *b, void *arg)
{
    (void)arg;
    uint64_t cs = timer_uptime_ms() / 10;
    /* The second number is idle time, which pagewise does not count. */
    pbuf_printf(b, "%llu.%02llu 0.00\n", cs / 100, cs % 100);
}

static long self_readlink(struct inode *ino, char *buf, size_t size)
{
    (void)ino;
    if (!current)
        return -ENOENT;
    char tmp[16];
    int n = ksnprintf(tmp, sizeof tmp, "%d", current->pid);
    n = MIN(n, (int)size);
    memcpy(buf, tmp, (size_t)n);
    return n;
}

/* ---- the root directory ---- */

struct proc_static {
    const char *name;
    void (*show)(struct pbuf *, void *);                        /* a text file, or */
    long (*read)(struct file *f, uintptr_t ubuf, size_t n);      /* a binary one */
    struct inode inode;
};

static long bin_read(struct file *f, uintptr_t ubuf, size_t n)
{
    struct inode *ino = ((struct ifile *)f->priv)->inode;
    return container_of(ino, struct proc_static, inode)->read(f, ubuf, n);
}

static const struct file_ops bin_file_ops = {
    .read = bin_read, .stat = ifile_stat, .release = ifile_release, .seek = FILE_SEEK_POSITION,
};

long procfs_open_readonly(struct inode *ino, const struct file_ops *ops, unsigned flags,
                         struct file **out)
{
    if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
        return -EACCES;
    return ifile_new(ino, ops, flags, out);
}

static long bin_open(struct inode *ino, unsigned flags, struct file **out)
{
    return procfs_open_readonly(ino, &bin_file_ops, flags, out);
}

static const struct inode_ops gen_ops = { .open = procfs_open_text };
static const struct inode_ops bin_ops = { .open = bin_open };
static const struct inode_ops self_ops = { .readlink = self_readlink };

static struct proc_static statics[] = {
    { "meminfo", vm_show_meminfo, NULL, { .ops = &gen_ops, .mode = S_IFREG | 0444, .ino = 2, .dev = DEV_PROC } },
    { "uptime", show_uptime, NULL, { .ops = &gen_ops, .mode = S_IFREG | 0444, .ino = 3, .dev = DEV_PROC } },
    { "self", NULL, NULL, { .ops = &self_ops, .mode = S_IFLNK | 0777, .ino = 4, .dev = DEV_PROC, .size = 0 } },
    { "kpagecount", NULL, kpagecount_read, { .ops = &bin_ops, .mode = S_IFREG | 0400, .ino = 5, .dev = DEV_PROC } },
    { "kpageflags", NULL, kpageflags_read, { .ops = &bin_ops, .mode = S_IFREG | 0400, .ino = 6, .dev = DEV_PROC } },
    { "vmstat", vm_show_vmstat, NULL, { .ops = &gen_ops, .mode = S_IFREG | 0444, .ino = 7, .dev = DEV_PROC } },
};

long procfs_open_text(struct inode *ino, unsigned flags, struct file **out)
{
    return procfs_open_readonly(ino, &procfs_text_ops, flags, out);
}

/* A file's text is made at its first read, as Linux's seq_file makes it: it tells how things
 * are then, and a process reading its own /proc/self/syscall sees that read. */
static long text_of(struct ifile *fi)
{
    if (fi->data)
        return 0;
    char *text;
    size_t len;
    struct inode *ino = fi->inode;
    long err = ino->ops == &gen_ops
                   ? procfs_generate(container_of(ino, struct proc_static, inode)->show, NULL, &text, &len)
                   : procfs_pid_generate(ino, &text, &len);
    if (err)
        return err;
    fi->data = text;
    fi->len = len;
    return 0;
}

static long text_read(struct file *f, uintptr_t ubuf, size_t n)
{
    struct ifile *fi = f->priv;
    long err = text_of(fi);
    return err ? err : mem_read(f, ubuf, n, fi->data, fi->len);
}

static long text_pread(struct file *f, void *buf, size_t n, uint64_t off)
{
    struct ifile *fi = f->priv;
    long err = text_of(fi);
    return err ? err : mem_pread(buf, n, off, fi->data, fi->len);
}

const struct file_ops procfs_text_ops = {
    .read = text_read, .pread_kernel = text_pread, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_POSITION,
};

static long root_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    (void)dir;
    for (size_t i = 0; i < ARRAY_SIZE(statics); i++) {
        if (strlen(statics[i].name) == len && memcmp(statics[i].name, name, len) == 0) {
            *out = &statics[i].inode;
            return 0;
        }
    }
    int pid = procfs_parse_pid(name, len);
    return pid > 0 ? procfs_pid_dir(pid, out) : -ENOENT;
}

/* Processes are listed, not their threads. */
static bool a_process(const struct proc *p, int unused)
{
    (void)unused;
    return proc_is_leader(p) && p->state != PROC_DEAD;
}

/* Positions: 0 ".", 1 "..", 2 + i the fixed entries, PID_POS + pid the next pid to list. */
#define PID_POS 256

static long root_getdents(struct file *f, uintptr_t ubuf, size_t n)
{
    struct dirent_sink s = { .ubuf = ubuf, .size = n };
    if (f->pos == 0 && dirent_emit(&s, PROC_ROOT_INO, 1, DT_DIR, ".", 1))
        f->pos = 1;
    if (f->pos == 1 && dirent_emit(&s, 1, 2, DT_DIR, "..", 2))
        f->pos = 2;
    while (f->pos >= 2 && f->pos < 2 + ARRAY_SIZE(statics)) {
        struct proc_static *e = &statics[f->pos - 2];
        if (!dirent_emit(&s, e->inode.ino, f->pos + 1, dtype_of(e->inode.mode), e->name, strlen(e->name)))
            return dirent_result(&s);
        f->pos++;
    }
    if (f->pos < PID_POS)
        f->pos = PID_POS;
    procfs_emit_ids(f, &s, PID_POS, a_process, 0);
    return dirent_result(&s);
}

static const struct file_ops root_file_ops = {
    .read = ifile_dir_read, .getdents64 = root_getdents, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_POSITION,
};

static long root_open(struct inode *ino, unsigned flags, struct file **out)
{
    return ifile_new(ino, &root_file_ops, flags, out);
}

static const struct inode_ops root_ops = { .lookup = root_lookup, .open = root_open };
static struct inode root = {
    .ops = &root_ops, .mode = S_IFDIR | 0555, .nlink = 2, .ino = PROC_ROOT_INO, .dev = DEV_PROC,
};

struct inode *procfs_root(void) { return &root; }
