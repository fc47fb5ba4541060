/*
 * poll(2) and ppoll(2): wait until one of some descriptors can be read or written without
 * waiting, or a time-out; and the waiting that the select calls (sys_select.c) share.
 *
 * Each file says what it could do now (file_ops.poll). The waiting is simple: the caller asks
 * again whenever a file's state changes (poll_notify: pipes, the console) and at every timer
 * tick, for its time-out. A signal handler ends the wait with EINTR, never restarted (poll(2),
 * select(2)); a stop and SIGCONT, which run no handler, do not: the call goes on with the
 * time that was left.
 */
#include <errno.h>
#include <kheap.h>
#include <proc_internal.h>
#include <sched.h>
#include <timer.h>
#include <uaccess.h>
#include "fs.h"

#define POLL_MAX_FDS 1024       /* Linux refuses more than RLIMIT_NOFILE: EINVAL */

unsigned fd_poll(int fd)
{
    struct file *f = fd_file(fd);
    if (!f)
        return POLLNVAL;
    /* Files that never wait (/dev/null, initrd files) are always ready: Linux's DEFAULT_POLLMASK. */
    return f->ops->poll ? f->ops->poll(f) : POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}

/* A time-out of ns from now. */
void wait_time_set(struct wait_time *w, uint64_t ns)
{
    w->forever = false;
    w->zero = ns == 0;
    w->deadline = timer_ns() + ns;
}

uint64_t wait_time_left(const struct wait_time *w)
{
    uint64_t now = timer_ns();
    return w->deadline > now ? w->deadline - now : 0;
}

long wait_time_from_timespec(struct wait_time *w, uintptr_t uts, bool wide)
{
    uint64_t ns;
    *w = (struct wait_time){ .forever = true };
    if (!uts)
        return 0;
    long err = read_timespec(uts, wide, &ns);
    if (!err)
        wait_time_set(w, ns);
    return err;
}

void wait_time_write_back(const struct wait_time *w, uintptr_t uts, bool wide)
{
    if (uts && !w->zero)
        write_timespec(uts, wait_time_left(w), wide);
}

/* Pollers sleep on the timer channel, which every tick wakes so that they can check their
 * time-out; a change in a file wakes it too. Other sleepers on it (nanosleep) then look at
 * the clock once more and sleep again. */
void poll_notify(void)
{
    wakeup(timer_channel());
}

long wait_ready(long (*ready)(void *arg), void *arg, const struct wait_time *w)
{
    for (;;) {
        long n = ready(arg);
        if (n || (!w->forever && timer_ns() >= w->deadline))
            return n;
        if (sleep_on(timer_channel()) < 0)
            return -ERESTARTNOHAND;     /* EINTR if a handler runs; after a stop, again */
    }
}

struct pollfd32 { int32_t fd; int16_t events, revents; };
struct poll_call { struct pollfd32 *fds; unsigned n; };

/* Fill in revents; the number of descriptors with something to report. */
static long poll_once(void *arg)
{
    struct poll_call *c = arg;
    int ready = 0;
    for (unsigned i = 0; i < c->n; i++) {
        struct pollfd32 *p = &c->fds[i];
        unsigned mask = 0;
        if (p->fd >= 0) {
            mask = fd_poll(p->fd);
            if (mask != POLLNVAL)
                mask &= (unsigned)(uint16_t)p->events | POLLERR | POLLHUP;
        }
        p->revents = (int16_t)mask;
        ready += mask != 0;
    }
    return ready;
}

static long do_poll(uintptr_t ufds, unsigned nfds, const struct wait_time *w)
{
    if (nfds > POLL_MAX_FDS)
        return -EINVAL;
    size_t bytes = nfds * sizeof(struct pollfd32);
    struct poll_call c = { kmalloc(bytes ? bytes : 1), nfds };
    if (!c.fds)
        return -ENOMEM;
    long ret = copy_from_user(c.fds, ufds, bytes) < 0 ? -EFAULT : wait_ready(poll_once, &c, w);
    if (ret >= 0 && copy_to_user(ufds, c.fds, bytes) < 0)
        ret = -EFAULT;
    kfree(c.fds);
    return ret;
}

/* poll keeps its time-out in no user memory: stopped and continued, it goes on with what was
 * left through restart_syscall (Linux's restart block), where ppoll and the selects write the
 * time left back and start again with that. */
static long poll_restart(void);

static long poll_until(uintptr_t ufds, unsigned nfds, const struct wait_time *w)
{
    long ret = do_poll(ufds, nfds, w);
    if (ret != -ERESTARTNOHAND)
        return ret;
    current->restart = (struct restart_block){ .fn = poll_restart, .uaddr = ufds, .count = nfds,
                                               .deadline = w->forever ? UINT64_MAX : w->deadline };
    return -ERESTART_RESTARTBLOCK;
}

static long poll_restart(void)
{
    const struct restart_block *r = &current->restart;
    struct wait_time w = { .forever = r->deadline == UINT64_MAX, .deadline = r->deadline };
    return poll_until(r->uaddr, r->count, &w);
}

long sys_poll(uintptr_t ufds, unsigned nfds, int timeout_ms)
{
    struct wait_time w = { .forever = timeout_ms < 0 };
    if (timeout_ms >= 0)
        wait_time_set(&w, (uint64_t)timeout_ms * 1000000u);
    return poll_until(ufds, nfds, &w);
}

/* ppoll: poll with a struct timespec (NULL: no time-out) and a blocked set to wait with.
 * Like Linux, it writes the time that was left back to the timespec. */
static long ppoll(uintptr_t ufds, unsigned nfds, uintptr_t uts, uintptr_t umask, size_t size,
                  bool wide)
{
    struct wait_time w;
    long ret = wait_time_from_timespec(&w, uts, wide);
    if (ret || (umask && (ret = signal_wait_mask_begin(umask, size))))
        return ret;
    ret = signal_wait_mask_end(do_poll(ufds, nfds, &w));
    wait_time_write_back(&w, uts, wide);
    return ret;
}

long sys_ppoll(uintptr_t ufds, unsigned nfds, uintptr_t uts, uintptr_t umask, size_t size)
{
    return ppoll(ufds, nfds, uts, umask, size, false);
}

long sys_ppoll_time64(uintptr_t ufds, unsigned nfds, uintptr_t uts, uintptr_t umask, size_t size)
{
    return ppoll(ufds, nfds, uts, umask, size, true);
}
