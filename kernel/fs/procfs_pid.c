/*
 * /proc/<pid>/: one directory per process, its files listed in pid_entries below. Inodes here
 * are made on lookup and freed with their last reference; each remembers only the pid, and
 * the process is looked up again when a file is opened (it may have gone: ENOENT).
 */
#include <errno.h>
#include <kheap.h>
#include <proc.h>
#include <vm.h>
#include <arch/cpu.h>
#include "procfs_int.h"

struct pid_entry {
    const char *name;
    void (*show)(struct proc *p, struct pbuf *b);                  /* a text file, or */
    long (*link)(struct proc *p, char *buf, size_t size);          /* a symlink, or */
    long (*read)(struct proc *p, struct file *f, uintptr_t ubuf, size_t n);  /* a binary file */
};

static long link_to(const char *path, char *buf, size_t size)
{
    size_t n = MIN(strlen(path), size);
    memcpy(buf, path, n);
    return (long)n;
}

static long link_cwd(struct proc *p, char *buf, size_t size) { return link_to(proc_group(p)->cwd, buf, size); }
static long link_exe(struct proc *p, char *buf, size_t size)
{
    const char *exe = proc_group(p)->exe;
    return exe[0] ? link_to(exe, buf, size) : -ENOENT;    /* a zombie's is gone */
}

/*
 * The files of /proc/<pid>/. The VM layer adds its own here, e.g.
 *     { "maps", vm_show_maps, NULL },   { "stat", proc_show_stat, NULL },
 *     { "exe", NULL, vm_exe_link },
 * with show functions declared in its header (signature: void f(struct proc *, struct pbuf *)).
 */
static void show_syscall(struct proc *p, struct pbuf *b);

static const struct pid_entry pid_entries[] = {
    { "status", procfs_show_status, NULL, NULL },
    { "syscall", show_syscall, NULL, NULL },
    { "maps", vm_show_maps, NULL, NULL },
    { "smaps", vm_show_smaps, NULL, NULL },
    { "stat", vm_show_stat, NULL, NULL },
    { "cmdline", vm_show_cmdline, NULL, NULL },
    { "pagemap", NULL, NULL, vm_read_pagemap },
    { "cwd", NULL, link_cwd, NULL },
    { "exe", NULL, link_exe, NULL },
    { "task", NULL, NULL, NULL },               /* a directory: the process's threads */
};
#define TASK_ENTRY ((int)ARRAY_SIZE(pid_entries) - 1)

struct pnode {
    struct inode inode;
    int pid;
    int entry;                                  /* index in pid_entries, -1 for the directory */
};

static const char *state_name(enum proc_state s)
{
    switch (s) {
    case PROC_RUNNABLE: case PROC_RUNNING: return "R (running)";
    case PROC_SLEEPING: return "S (sleeping)";
    case PROC_ZOMBIE: return "Z (zombie)";
    case PROC_DEAD: return "X (dead)";
    }
    return "? (unknown)";
}

/* proc(5) /proc/pid/status: "Name:\tsh\n", tab after the colon. */
void procfs_show_status(struct proc *p, struct pbuf *b)
{
    const struct proc *g = proc_group(p);
    pbuf_printf(b, "Name:\t%s\n", p->name);
    pbuf_printf(b, "Umask:\t%04o\n", g->umask);
    pbuf_printf(b, "State:\t%s\n", proc_held_stopped(p) ? "T (stopped)" : state_name(p->state));
    pbuf_printf(b, "Tgid:\t%d\n", g->pid);
    pbuf_printf(b, "Pid:\t%d\n", p->pid);
    pbuf_printf(b, "PPid:\t%d\n", g->parent ? g->parent->pid : 0);
    procfs_status_vm(p, b);
    pbuf_printf(b, "Threads:\t%d\n", MAX(proc_live_threads(g), 1));
}

/*
 * proc(5) /proc/pid/syscall: the system call a process is blocked in, as Linux prints it: its
 * number, its six arguments, the user stack pointer and the user pc (after the int $0x80), the
 * last eight in hex. "running" for a process that runs or is ready to (or has exited); "-1 sp
 * pc" for one that entered the kernel otherwise. A process reading its own sees its read.
 */
static void show_syscall(struct proc *p, struct pbuf *b)
{
    unsigned nr;
    uint32_t a[6];
    if ((p != current && p->state != PROC_SLEEPING) || !p->tf) {
        pbuf_printf(b, "running\n");
        return;
    }
    uintptr_t sp = arch_trap_user_sp(p->tf), pc = arch_trap_ip(p->tf);
    if (!arch_trap_syscall(p->tf, &nr, a)) {
        pbuf_printf(b, "-1 0x%lx 0x%lx\n", (unsigned long)sp, (unsigned long)pc);
        return;
    }
    pbuf_printf(b, "%u 0x%x 0x%x 0x%x 0x%x 0x%x 0x%x 0x%lx 0x%lx\n", nr, a[0], a[1], a[2], a[3],
                a[4], a[5], (unsigned long)sp, (unsigned long)pc);
}

/* The VM layer's strong definition replaces this one. */
__attribute__((weak)) void procfs_status_vm(struct proc *p, struct pbuf *b) { (void)p; (void)b; }

int procfs_parse_pid(const char *name, size_t len)
{
    if (len == 0 || len > 9 || name[0] == '0')
        return -1;
    int pid = 0;
    for (size_t i = 0; i < len; i++) {
        if (name[i] < '0' || name[i] > '9')
            return -1;
        pid = pid * 10 + (name[i] - '0');
    }
    return pid;
}

uint64_t procfs_pid_ino(int pid, int entry)
{
    return ((uint64_t)(pid + 1) << 8) | (uint64_t)(entry + 1);
}

static void pnode_release(struct inode *ino) { kfree(container_of(ino, struct pnode, inode)); }

static long piddir_lookup(struct inode *dir, const char *name, size_t len, struct inode **out);
static long piddir_open(struct inode *ino, unsigned flags, struct file **out);
static long pidlink_readlink(struct inode *ino, char *buf, size_t size);
static long taskdir_lookup(struct inode *dir, const char *name, size_t len, struct inode **out);
static long taskdir_open(struct inode *ino, unsigned flags, struct file **out);

static const struct inode_ops piddir_ops = { .lookup = piddir_lookup, .open = piddir_open, .release = pnode_release };
static const struct inode_ops taskdir_ops = { .lookup = taskdir_lookup, .open = taskdir_open, .release = pnode_release };
static const struct inode_ops pidfile_ops = { .open = procfs_open_text, .release = pnode_release };
static const struct inode_ops pidlink_ops = { .readlink = pidlink_readlink, .release = pnode_release };
static long pidbin_open(struct inode *ino, unsigned flags, struct file **out);
static const struct inode_ops pidbin_ops = { .open = pidbin_open, .release = pnode_release };

static long pnode_new(int pid, int entry, struct inode **out)
{
    struct pnode *n = kzalloc(sizeof *n);
    if (!n)
        return -ENOMEM;
    n->pid = pid;
    n->entry = entry;
    n->inode.refcount = 1;
    n->inode.dev = DEV_PROC;
    n->inode.ino = procfs_pid_ino(pid, entry);
    n->inode.nlink = 1;
    if (entry < 0 || entry == TASK_ENTRY) {
        n->inode.ops = entry < 0 ? &piddir_ops : &taskdir_ops;
        n->inode.mode = S_IFDIR | 0555;
        n->inode.nlink = 2;
    } else if (pid_entries[entry].show) {
        n->inode.ops = &pidfile_ops;
        n->inode.mode = S_IFREG | 0444;
    } else if (pid_entries[entry].read) {
        n->inode.ops = &pidbin_ops;
        n->inode.mode = S_IFREG | 0400;
    } else {
        n->inode.ops = &pidlink_ops;
        n->inode.mode = S_IFLNK | 0777;
    }
    *out = &n->inode;
    return 0;
}

long procfs_pid_dir(int pid, struct inode **out)
{
    return proc_find(pid) ? pnode_new(pid, -1, out) : -ENOENT;
}

static long piddir_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    struct pnode *d = container_of(dir, struct pnode, inode);
    if (!proc_find(d->pid))
        return -ENOENT;
    for (size_t i = 0; i < ARRAY_SIZE(pid_entries); i++)
        if (strlen(pid_entries[i].name) == len && memcmp(pid_entries[i].name, name, len) == 0)
            return pnode_new(d->pid, (int)i, out);
    return -ENOENT;
}

static long pidlink_readlink(struct inode *ino, char *buf, size_t size)
{
    struct pnode *n = container_of(ino, struct pnode, inode);
    struct proc *p = proc_find(n->pid);
    return p ? pid_entries[n->entry].link(p, buf, size) : -ENOENT;
}

/* A binary file (pagemap): made as it is read, at the file's position, from the process as
 * it is then. */
static long bin_read(struct file *f, uintptr_t ubuf, size_t n)
{
    struct pnode *pn = container_of(((struct ifile *)f->priv)->inode, struct pnode, inode);
    struct proc *p = proc_find(pn->pid);
    return p ? pid_entries[pn->entry].read(p, f, ubuf, n) : -ESRCH;
}

static const struct file_ops pid_bin_file_ops = {
    .read = bin_read, .stat = ifile_stat, .release = ifile_release, .seek = FILE_SEEK_POSITION,
};

static long pidbin_open(struct inode *ino, unsigned flags, struct file **out)
{
    return procfs_open_readonly(ino, &pid_bin_file_ops, flags, out);
}

static void show_entry(struct pbuf *b, void *arg)
{
    struct pnode *n = arg;
    struct proc *p = proc_find(n->pid);
    if (p)
        pid_entries[n->entry].show(p, b);
}

long procfs_pid_generate(struct inode *ino, char **text, size_t *len)
{
    struct pnode *n = container_of(ino, struct pnode, inode);
    if (!proc_find(n->pid))
        return -ESRCH;          /* opened while it lived, read after it was reaped: Linux's answer */
    return procfs_generate(show_entry, n, text, len);
}

/* Positions: 0 ".", 1 "..", 2 + i the i-th entry. */
static long piddir_getdents(struct file *f, uintptr_t ubuf, size_t n)
{
    struct pnode *d = container_of(((struct ifile *)f->priv)->inode, struct pnode, inode);
    struct dirent_sink s = { .ubuf = ubuf, .size = n };
    if (f->pos == 0 && dirent_emit(&s, d->inode.ino, 1, DT_DIR, ".", 1))
        f->pos = 1;
    if (f->pos == 1 && dirent_emit(&s, procfs_root()->ino, 2, DT_DIR, "..", 2))
        f->pos = 2;
    while (f->pos >= 2 && f->pos < 2 + ARRAY_SIZE(pid_entries)) {
        int i = (int)(f->pos - 2);
        const struct pid_entry *e = &pid_entries[i];
        if (!dirent_emit(&s, procfs_pid_ino(d->pid, i), f->pos + 1,
                         e->show || e->read ? DT_REG : e->link ? DT_LNK : DT_DIR, e->name, strlen(e->name)))
            break;
        f->pos++;
    }
    return dirent_result(&s);
}

static const struct file_ops piddir_file_ops = {
    .read = ifile_dir_read, .getdents64 = piddir_getdents, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_POSITION,
};

static long piddir_open(struct inode *ino, unsigned flags, struct file **out)
{
    return ifile_new(ino, &piddir_file_ops, flags, out);
}

/*
 * /proc/<pid>/task/: a directory per thread of the process, named by its thread id, with the
 * same files as /proc/<pid>/ (status and stat say the thread's id and state). Exited threads
 * are gone; an exited leader stays while the process lives, as on Linux.
 */
static bool thread_of(const struct proc *t, int pid)
{
    return t->state != PROC_DEAD && proc_group(t)->pid == pid;
}

static long taskdir_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    struct pnode *d = container_of(dir, struct pnode, inode);
    int tid = procfs_parse_pid(name, len);
    struct proc *t = tid > 0 ? proc_find(tid) : NULL;
    return t && thread_of(t, d->pid) ? pnode_new(tid, -1, out) : -ENOENT;
}

void procfs_emit_ids(struct file *f, struct dirent_sink *s, uint64_t base,
                     bool (*keep)(const struct proc *p, int arg), int arg)
{
    for (;;) {
        int want = (int)(f->pos - base), best = -1;
        for (struct proc *p = proc_first(); p; p = p->next)
            if (keep(p, arg) && p->pid >= want && (best < 0 || p->pid < best))
                best = p->pid;
        if (best < 0)
            return;
        char name[12];
        int len = ksnprintf(name, sizeof name, "%d", best);
        if (!dirent_emit(s, procfs_pid_ino(best, -1), base + (uint64_t)best + 1, DT_DIR, name, (size_t)len))
            return;
        f->pos = base + (uint64_t)best + 1;
    }
}

/* Positions: 0 ".", 1 "..", then 2 + tid for the thread tid. */
static long taskdir_getdents(struct file *f, uintptr_t ubuf, size_t n)
{
    struct pnode *d = container_of(((struct ifile *)f->priv)->inode, struct pnode, inode);
    struct dirent_sink s = { .ubuf = ubuf, .size = n };
    if (f->pos == 0 && dirent_emit(&s, d->inode.ino, 1, DT_DIR, ".", 1))
        f->pos = 1;
    if (f->pos == 1 && dirent_emit(&s, procfs_pid_ino(d->pid, -1), 2, DT_DIR, "..", 2))
        f->pos = 2;
    if (f->pos >= 2)
        procfs_emit_ids(f, &s, 2, thread_of, d->pid);
    return dirent_result(&s);
}

static const struct file_ops taskdir_file_ops = {
    .read = ifile_dir_read, .getdents64 = taskdir_getdents, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_POSITION,
};

static long taskdir_open(struct inode *ino, unsigned flags, struct file **out)
{
    return ifile_new(ino, &taskdir_file_ops, flags, out);
}
