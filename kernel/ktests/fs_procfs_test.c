/* /proc's text, generated without processes (a made-up struct proc for status). */
#include <errno.h>
#include <kheap.h>
#include <ktest.h>
#include <pmm.h>
#include <proc.h>
#include "../fs/procfs_int.h"

static long proc_text(const char *name, char *buf, size_t n)
{
    struct inode *root = procfs_root(), *ino;
    struct file *f;
    long err = root->ops->lookup(root, name, strlen(name), &ino);
    if (err)
        return err;
    err = inode_open(ino, O_RDONLY, &f);
    inode_put(ino);
    if (err)
        return err;
    long got = f->ops->pread_kernel(f, buf, n - 1, 0);
    buf[got > 0 ? got : 0] = 0;
    file_put(f);
    return got;
}

KTEST(fs_procfs_meminfo)
{
    char buf[256], want[64];
    KEXPECT(proc_text("meminfo", buf, sizeof buf) > 0);
    ksnprintf(want, sizeof want, "MemTotal:       %8u kB\n", (unsigned)pmm_managed_frames() * 4);
    KEXPECT(strncmp(buf, want, strlen(want)) == 0);
    KEXPECT(strstr(buf, "\nMemFree:        ") != NULL);
    const char *num = strstr(buf, "MemFree:") + 8;
    while (*num == ' ')
        num++;
    unsigned long free_kb = strtoul(num, NULL, 10);
    KEXPECT(free_kb > 0 && free_kb <= pmm_managed_frames() * 4);
}

static unsigned long meminfo_kb(const char *text, const char *name)
{
    const char *line = strstr(text, name);
    if (!line || line[strlen(name)] != ':')
        return ~0ul;
    const char *num = line + strlen(name) + 1;
    while (*num == ' ')
        num++;
    return strtoul(num, NULL, 10);
}

/* Every frame in use is under one heading, but pipe buffers and the zero page (no Linux line). */
KTEST(fs_procfs_meminfo_adds_up)
{
    char buf[1024];
    KEXPECT(proc_text("meminfo", buf, sizeof buf) > 0);
    unsigned long used = 0;
    static const char *const parts[] = { "AnonPages", "Shmem", "Slab", "KernelStack",
                                         "PageTables", "VmallocUsed" };
    for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
        used += meminfo_kb(buf, parts[i]);
    used += (pmm_frames_for(FRAME_PIPE) + pmm_frames_for(FRAME_ZERO)) * 4;
    KEXPECT(meminfo_kb(buf, "MemTotal") == pmm_managed_frames() * 4);
    KEXPECT(meminfo_kb(buf, "MemTotal") == meminfo_kb(buf, "MemFree") + used);
    KEXPECT(meminfo_kb(buf, "PageTables") >= 64 * 4);     /* the kernel virtual area's alone */
    KEXPECT(meminfo_kb(buf, "Slab") == meminfo_kb(buf, "SUnreclaim"));
    KEXPECT(meminfo_kb(buf, "Cached") == 0 && meminfo_kb(buf, "SwapTotal") == 0);
}

KTEST(fs_procfs_uptime)
{
    char buf[64];
    long n = proc_text("uptime", buf, sizeof buf);
    KEXPECT(n >= 9 && buf[n - 1] == '\n');
    char *dot = strchr(buf, '.');
    KEXPECT(dot && dot > buf && dot[1] >= '0' && dot[1] <= '9' && dot[2] >= '0' && dot[3] == ' ');
    KEXPECT(strstr(buf, " 0.00\n") != NULL);
}

KTEST(fs_procfs_names)
{
    struct inode *root = procfs_root(), *ino;
    struct file *f;
    char buf[8];
    KEXPECT(root->ops->lookup(root, "nope", 4, &ino) == -ENOENT);
    KEXPECT(procfs_parse_pid("123", 3) == 123);
    KEXPECT(procfs_parse_pid("0123", 4) == -1 && procfs_parse_pid("12a", 3) == -1);
    KEXPECT(procfs_parse_pid("", 0) == -1 && procfs_parse_pid("-1", 2) == -1);
    KEXPECT(root->ops->lookup(root, "self", 4, &ino) == 0 && S_ISLNK(ino->mode));
    if (!current)
        KEXPECT(ino->ops->readlink(ino, buf, sizeof buf) == -ENOENT);
    KEXPECT(root->ops->lookup(root, "meminfo", 7, &ino) == 0);
    KEXPECT(inode_open(ino, O_WRONLY, &f) == -EACCES);
    KEXPECT(inode_open(ino, O_RDONLY | O_TRUNC, &f) == -EACCES);
    KEXPECT(inode_open(root, O_RDONLY, &f) == 0 && f->ops->getdents64);
    file_put(f);
    KEXPECT(procfs_pid_ino(1, -1) != procfs_pid_ino(1, 0) && procfs_pid_ino(1, 0) != procfs_pid_ino(2, 0));
}

KTEST(fs_procfs_status_text)
{
    static struct proc parent, child, thread;
    parent.pid = 1;
    parent.group = &parent;
    child.pid = 7;
    child.group = &child;
    child.parent = &parent;
    child.state = PROC_SLEEPING;
    child.umask = 027;
    strlcpy(child.name, "cat", sizeof child.name);
    char buf[512];
    struct pbuf b = { buf, sizeof buf, 0 };
    procfs_show_status(&child, &b);
    const char *want = "Name:\tcat\nUmask:\t0027\nState:\tS (sleeping)\nTgid:\t7\nPid:\t7\nPPid:\t1\n";
    KEXPECT(b.len < sizeof buf && strncmp(buf, want, strlen(want)) == 0);
    KEXPECT(strstr(buf, "Threads:\t1\n") != NULL);
    /* Another thread of pid 7: its own id and name, the process's pid, parent and umask. */
    thread.pid = 9;
    thread.group = &child;
    thread.state = PROC_RUNNING;
    strlcpy(thread.name, "worker", sizeof thread.name);
    b.len = 0;
    procfs_show_status(&thread, &b);
    want = "Name:\tworker\nUmask:\t0027\nState:\tR (running)\nTgid:\t7\nPid:\t9\nPPid:\t1\n";
    KEXPECT(b.len < sizeof buf && strncmp(buf, want, strlen(want)) == 0);
    child.state = PROC_ZOMBIE;
    child.parent = NULL;
    b.len = 0;
    procfs_show_status(&child, &b);
    KEXPECT(strstr(buf, "State:\tZ (zombie)\n") && strstr(buf, "PPid:\t0\n"));
}

static void show_big(struct pbuf *b, void *arg)
{
    int *runs = arg;
    (*runs)++;
    for (int i = 0; i < 1000; i++)
        pbuf_printf(b, "line %04d\n", i);                   /* 10 bytes each */
}

KTEST(fs_procfs_text_grows)
{
    struct kheap_stats before, after;
    kheap_stats(&before);
    int runs = 0;
    char *text;
    size_t len;
    KEXPECT(procfs_generate(show_big, &runs, &text, &len) == 0);
    KEXPECT(len == 10000 && runs == 2);     /* 1 KiB too small, and told the length needed */
    KEXPECT(memcmp(text + 9990, "line 0999\n", 10) == 0 && text[len] == 0);
    kfree(text);
    kheap_stats(&after);
    KEXPECT(after.blocks_in_use == before.blocks_in_use);
}

/* 9 MiB of spaces, counted but never stored: over the limit. */
static void show_huge(struct pbuf *b, void *arg)
{
    int *runs = arg;
    (*runs)++;
    for (int i = 0; i < 9; i++)
        pbuf_printf(b, "%*s", (int)MiB, "");
}

KTEST(fs_procfs_text_limit)
{
    struct kheap_stats before, after;
    kheap_stats(&before);
    int runs = 0;
    char *text = NULL;
    size_t len = 0;
    KEXPECT(procfs_generate(show_huge, &runs, &text, &len) == -EFBIG);
    KEXPECT(runs == 1 && text == NULL);
    kheap_stats(&after);
    KEXPECT(after.blocks_in_use == before.blocks_in_use);
}
