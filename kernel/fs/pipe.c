/*
 * Pipes (pipe(7)): a ring buffer of PIPE_SIZE (64 KiB, as Linux) with a read end and a write
 * end. Reads block while the pipe is empty and a writer remains, and return 0 (end of file)
 * once all writers are gone. Writes block until everything is written; a write of at most
 * PIPE_BUF bytes is never interleaved with another (it waits for room for all of it).
 * Writing with no reader left is EPIPE (the caller turns it into SIGPIPE). O_NONBLOCK makes
 * waiting EAGAIN.
 *
 * The ring's first page is taken with the pipe; the others as data arrives, and they are
 * handed back whenever the pipe runs empty. So an idle pipe costs one page, 64 KiB only while
 * that much waits, and a program that measures free memory while its output trickles through
 * a pipe (the demos do) sees no page come and go.
 */
#include <errno.h>
#include <pmm.h>
#include <proc_internal.h>
#include <signal.h>
#include <kheap.h>
#include <sched.h>
#include <uaccess.h>
#include "fs.h"

/*
 * Pages beyond each pipe's first are limited, all pipes together, to an eighth of memory (Linux
 * limits them per user: pipe-user-pages-soft). Past that, or when memory is short, a pipe
 * holds what its pages hold and a writer waits for the reader as with a full pipe: writing
 * never fails for want of memory, and a program cannot fill the kernel with pipe data that
 * the OOM killer would not see.
 */
static size_t extra_pages;       /* pages beyond each pipe's first, all pipes together */

/* Make sure page i of the ring is there; false when it cannot be had. */
static bool take_page(struct pipe *p, unsigned i)
{
    if (p->page[i])
        return true;
    if (i > 0 && extra_pages >= pmm_managed_frames() / 8)
        return false;
    paddr_t pa = pmm_alloc(FRAME_PIPE);
    if (!pa)
        return false;
    p->page[i] = phys_to_virt(pa);
    extra_pages += i > 0;
    return true;
}

/* Give back the pages from index first on. */
static void release_pages(struct pipe *p, int first)
{
    for (int i = first; i < PIPE_PAGES; i++)
        if (p->page[i]) {
            pmm_free(virt_to_phys(p->page[i]));
            p->page[i] = NULL;
            extra_pages -= i > 0;
        }
}

struct pipe *pipe_new(void)
{
    struct pipe *p = kzalloc(sizeof *p);
    if (p && !take_page(p, 0)) {
        kfree(p);
        return NULL;
    }
    return p;
}

void pipe_free(struct pipe *p)
{
    release_pages(p, 0);
    kfree(p);
}

size_t pipe_pages_held(const struct pipe *p)
{
    size_t n = 0;
    for (int i = 0; i < PIPE_PAGES; i++)
        n += p->page[i] != NULL;
    return n;
}

/* Bytes that can be written now, up to want: free ring space whose pages are there (taken now). */
static size_t room_for(struct pipe *p, size_t want)
{
    size_t room = 0;
    want = MIN(want, PIPE_SIZE - p->count);
    while (room < want) {
        unsigned wpos = (p->rpos + p->count + room) % PIPE_SIZE;
        if (!take_page(p, wpos / PAGE_SIZE))
            break;
        room += MIN(want - room, PAGE_SIZE - wpos % PAGE_SIZE);
    }
    return room;
}

size_t pipe_put(struct pipe *p, const char *src, size_t n)
{
    size_t done = 0;
    n = room_for(p, n);
    while (done < n) {
        unsigned wpos = (p->rpos + p->count) % PIPE_SIZE, off = wpos % PAGE_SIZE;
        size_t chunk = MIN(n - done, PAGE_SIZE - off);
        memcpy(p->page[wpos / PAGE_SIZE] + off, src + done, chunk);
        p->count += chunk;
        done += chunk;
    }
    return done;
}

size_t pipe_get(struct pipe *p, char *dst, size_t n)
{
    size_t done = 0;
    n = MIN(n, p->count);
    while (done < n) {
        unsigned off = p->rpos % PAGE_SIZE;
        size_t chunk = MIN(n - done, PAGE_SIZE - off);
        memcpy(dst + done, p->page[p->rpos / PAGE_SIZE] + off, chunk);
        p->rpos = (p->rpos + chunk) % PIPE_SIZE;
        p->count -= chunk;
        done += chunk;
    }
    if (p->count == 0) {                        /* empty: start again in the first page */
        release_pages(p, 1);
        p->rpos = 0;
    }
    return done;
}

/* Data came or went, or an end closed: wake whoever waits on the pipe, and pollers. */
static void pipe_changed(struct pipe *p)
{
    wakeup(p);
    poll_notify();
}

static long pipe_read(struct file *f, uintptr_t ubuf, size_t n)
{
    struct pipe *p = f->priv;
    char kbuf[256];
    if (n == 0)
        return 0;
    while (p->count == 0) {
        if (p->writers == 0)
            return 0;
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        if (sleep_on(p))
            return -ERESTARTSYS;
    }
    size_t done = 0;
    long ret = 0;
    while (done < n && p->count) {
        size_t got = pipe_get(p, kbuf, MIN(n - done, sizeof kbuf));
        if (copy_to_user(ubuf + done, kbuf, got)) {
            ret = -EFAULT;                         /* what was taken is lost, as on Linux */
            break;
        }
        done += got;
    }
    pipe_changed(p);                               /* writers waiting for room */
    return done ? (long)done : ret;
}

static long pipe_write(struct file *f, uintptr_t ubuf, size_t n)
{
    struct pipe *p = f->priv;
    char kbuf[256];
    size_t done = 0;
    while (done < n) {
        if (p->readers == 0) {
            if (current)                           /* as Linux: the signal, and EPIPE if it is ignored */
                send_signal_from(current, SIGPIPE, true,
                                 (struct sig_origin){ SI_USER, (uint32_t)proc_group(current)->pid, 0, 0 });
            return done ? (long)done : -EPIPE;
        }
        size_t room = room_for(p, n - done);
        bool atomic = n <= PIPE_BUF;
        if (room == 0 || (atomic && room < n - done)) {
            if (f->flags & O_NONBLOCK)
                return done ? (long)done : -EAGAIN;
            if (sleep_on(p))
                return done ? (long)done : -ERESTARTSYS;
            continue;
        }
        while (room) {                             /* the pages for room are there */
            size_t chunk = MIN(MIN(n - done, sizeof kbuf), room);
            if (copy_from_user(kbuf, ubuf + done, chunk)) {
                pipe_changed(p);
                return done ? (long)done : -EFAULT;
            }
            pipe_put(p, kbuf, chunk);
            done += chunk;
            room -= chunk;
        }
        pipe_changed(p);                           /* readers waiting for data */
    }
    return (long)done;
}

static int pipe_stat(struct file *f, struct kstat *st)
{
    memset(st, 0, sizeof *st);
    st->mode = S_IFIFO | 0600;
    st->nlink = 1;
    st->ino = (uintptr_t)f->priv / 16;            /* both ends: the same pipe, the same inode */
    st->dev = DEV_PIPE;
    st->blksize = PAGE_SIZE;
    return 0;
}

static void pipe_release(struct file *f)
{
    struct pipe *p = f->priv;
    if ((f->flags & O_ACCMODE) == O_RDONLY)
        p->readers--;
    else
        p->writers--;
    if (p->readers == 0 && p->writers == 0) {
        pipe_free(p);
        return;
    }
    pipe_changed(p);                               /* EOF for readers, EPIPE for writers */
}

/* As Linux's pipe_poll: data to read, or no writer left (end of file); room to write, or no
 * reader left (the write would fail with EPIPE). Room is what a write would find: room_for,
 * so a pipe held to one page by the cap is not called writable when a write would wait (the
 * page it may take is the one that write would take). */
static unsigned pipe_poll(struct file *f)
{
    struct pipe *p = f->priv;
    if ((f->flags & O_ACCMODE) == O_RDONLY)
        return (p->count ? POLLIN | POLLRDNORM : 0) | (p->writers ? 0 : POLLHUP);
    return (room_for(p, 1) ? POLLOUT | POLLWRNORM : 0) | (p->readers ? 0 : POLLERR);
}

static const struct file_ops pipe_ops = {
    .read = pipe_read, .write = pipe_write, .stat = pipe_stat, .release = pipe_release,
    .poll = pipe_poll,
};

long pipe_create(unsigned flags, struct file **rd, struct file **wr)
{
    struct pipe *p = pipe_new();
    if (!p)
        return -ENOMEM;
    *rd = file_alloc(&pipe_ops, O_RDONLY | (flags & O_NONBLOCK), p);
    *wr = file_alloc(&pipe_ops, O_WRONLY | (flags & O_NONBLOCK), p);
    if (!*rd || !*wr) {
        kfree(*rd);
        kfree(*wr);
        pipe_free(p);
        return -ENOMEM;
    }
    p->readers = p->writers = 1;
    return 0;
}
