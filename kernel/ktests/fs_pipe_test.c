/* The pipe's ring buffer and the life of its two ends. */
#include <errno.h>
#include <kheap.h>
#include <ktest.h>
#include <pmm.h>
#include "../fs/fs.h"

KTEST(fs_pipe_ring_wraps)
{
    size_t free0 = pmm_free_frames();
    struct pipe *p = pipe_new();
    char *in = kmalloc(PIPE_SIZE), *out = kmalloc(PIPE_SIZE);
    if (!p || !in || !out)
        return;
    size_t free1 = pmm_free_frames();                   /* after the test's own buffers */
    for (unsigned i = 0; i < PIPE_SIZE; i++)
        in[i] = (char)(i * 7 + 3);
    KEXPECT(pipe_pages_held(p) == 1);                   /* an empty pipe holds one page */
    KEXPECT(pipe_put(p, in, 3000) == 3000 && pipe_pages_held(p) == 1);
    KEXPECT(pipe_put(p, in, 2000) == 2000 && pipe_pages_held(p) == 2);
    KEXPECT(pipe_get(p, out, 5000) == 5000 && memcmp(out, in, 3000) == 0 && memcmp(out + 3000, in, 2000) == 0);
    KEXPECT(pipe_pages_held(p) == 1 && p->rpos == 0);  /* empty: the second page went back */
    KEXPECT(pipe_put(p, in, 3000) == 3000);
    KEXPECT(pipe_get(p, out, 2000) == 2000 && memcmp(out, in, 2000) == 0);
    KEXPECT(pipe_put(p, in, PIPE_SIZE - 1000) == PIPE_SIZE - 1000);   /* wraps around the end */
    KEXPECT(p->count == PIPE_SIZE && pipe_pages_held(p) == PIPE_PAGES);
    KEXPECT(pipe_put(p, in, 1) == 0);                   /* full: only what fits */
    KEXPECT(pipe_get(p, out, 1000) == 1000 && memcmp(out, in + 2000, 1000) == 0);
    KEXPECT(pipe_put(p, in, 200) == 200);
    KEXPECT(pipe_get(p, out, PIPE_SIZE) == PIPE_SIZE - 800);
    KEXPECT(memcmp(out, in, PIPE_SIZE - 1000) == 0 && memcmp(out + PIPE_SIZE - 1000, in, 200) == 0);
    KEXPECT(p->count == 0 && pipe_get(p, out, 10) == 0);
    KEXPECT(pipe_pages_held(p) == 1 && pmm_free_frames() == free1);   /* emptied: pages back */
    pipe_free(p);
    kfree(in);
    kfree(out);
    KEXPECT(pmm_free_frames() == free0);
}

KTEST(fs_pipe_ends_free_the_pipe)
{
    struct kheap_stats before, after;
    kheap_stats(&before);
    struct file *rd, *wr;
    KEXPECT(pipe_create(O_NONBLOCK, &rd, &wr) == 0);
    struct pipe *p = rd->priv;
    KEXPECT(wr->priv == p && p->readers == 1 && p->writers == 1);
    KEXPECT((rd->flags & O_ACCMODE) == O_RDONLY && (wr->flags & O_ACCMODE) == O_WRONLY);
    KEXPECT((rd->flags & O_NONBLOCK) && rd->ops->seek == FILE_SEEK_NONE);
    struct kstat a, b;
    KEXPECT(rd->ops->stat(rd, &a) == 0 && wr->ops->stat(wr, &b) == 0);
    KEXPECT((a.mode & S_IFMT) == S_IFIFO && a.ino == b.ino);
    file_get(wr);                                       /* a dup of the write end */
    file_put(wr);
    KEXPECT(p->writers == 1);
    file_put(wr);
    KEXPECT(p->writers == 0 && p->readers == 1);
    /* All writers gone and nothing buffered: read is end of file, whatever the buffer. */
    KEXPECT(rd->ops->read(rd, 0, 10) == 0);
    file_put(rd);
    kheap_stats(&after);
    KEXPECT(after.blocks_in_use == before.blocks_in_use);
}

KTEST(fs_pipe_no_reader_is_epipe)
{
    struct file *rd, *wr;
    KEXPECT(pipe_create(0, &rd, &wr) == 0);
    file_put(rd);
    KEXPECT(wr->ops->write(wr, 0x1000, 10) == -EPIPE);  /* before touching the buffer */
    file_put(wr);
}

/* Pages beyond each pipe's first are capped, all pipes together, at an eighth of memory: past
 * that a pipe holds one page's worth, and every page comes back when the pipes go. */
KTEST(fs_pipe_pages_are_capped)
{
    size_t cap = pmm_managed_frames() / 8, n = cap / (PIPE_PAGES - 1) + 2;
    struct pipe **pipes = kzalloc(n * sizeof *pipes);
    char *buf = kzalloc(PIPE_SIZE);
    if (!pipes || !buf)
        return;
    size_t free0 = pmm_free_frames(), made = 0, total = 0, last = 0;
    for (; made < n && (pipes[made] = pipe_new()); made++)
        total += last = pipe_put(pipes[made], buf, PIPE_SIZE);
    KEXPECT(made == n);
    KEXPECT(last == PAGE_SIZE);                         /* the cap is reached: one page */
    KEXPECT(total == (n + cap) * PAGE_SIZE);            /* every first page, and cap more */
    size_t used = free0 - pmm_free_frames(), slabs = n * 256 / PAGE_SIZE + 2;
    KEXPECT(used >= n + cap && used <= n + cap + slabs);   /* pages, and the slabs of the structs */
    /* A pipe held to its one page by the cap is not writable for poll once that page is full. */
    struct file *rd, *wr;
    KEXPECT(pipe_create(O_NONBLOCK, &rd, &wr) == 0);
    struct pipe *q = wr->priv;
    KEXPECT((wr->ops->poll(wr) & POLLOUT) && pipe_put(q, buf, PIPE_SIZE) == PAGE_SIZE);
    KEXPECT(!(wr->ops->poll(wr) & POLLOUT));
    file_put(rd);
    file_put(wr);
    for (size_t i = 0; i < made; i++)
        pipe_free(pipes[i]);
    KEXPECT(pmm_free_frames() == free0);
    kfree(pipes);
    kfree(buf);
}
