/*
 * poll(2): wait until one of some descriptors can be read or written without waiting, or a
 * time-out. Each file says what it could do now (file_ops.poll). The waiting is simple: the
 * caller is woken at every timer tick and asks again, so an event is seen within a tick
 * (10 ms) rather than at once. A signal ends the wait with EINTR, never restarted (poll(2)).
 */
#include <errno.h>
#include <kheap.h>
#include <proc_internal.h>
#include <sched.h>
#include <timer.h>
#include <uaccess.h>
#include "fs.h"

#define POLL_MAX_FDS 1024       /* Linux refuses more than RLIMIT_NOFILE: EINVAL */

struct pollfd32 { int32_t fd; int16_t events, revents; };

/* Fill in revents; the number of descriptors with something to report. */
static int poll_once(struct pollfd32 *fds, unsigned n)
{
    int ready = 0;
    for (unsigned i = 0; i < n; i++) {
        struct file *f = fds[i].fd < 0 ? NULL : fd_file(fds[i].fd);
        unsigned mask = 0;
        if (fds[i].fd >= 0) {
            if (!f)
                mask = POLLNVAL;
            else
                mask = (f->ops->poll ? f->ops->poll(f) : POLLIN | POLLOUT) &
                       ((unsigned)(uint16_t)fds[i].events | POLLERR | POLLHUP);
        }
        fds[i].revents = (int16_t)mask;
        ready += mask != 0;
    }
    return ready;
}

long sys_poll(uintptr_t ufds, unsigned nfds, int timeout_ms)
{
    if (nfds > POLL_MAX_FDS)
        return -EINVAL;
    size_t bytes = nfds * sizeof(struct pollfd32);
    struct pollfd32 *fds = kmalloc(bytes ? bytes : 1);
    if (!fds)
        return -ENOMEM;
    long ret = copy_from_user(fds, ufds, bytes) < 0 ? -EFAULT : 0;
    uint64_t deadline = timer_ns() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0) * 1000000u;
    while (!ret) {
        ret = poll_once(fds, nfds);
        if (ret || timeout_ms == 0 || (timeout_ms > 0 && timer_ns() >= deadline))
            break;
        if (sleep_on(timer_channel()) < 0)
            ret = -EINTR;
    }
    if (ret >= 0 && copy_to_user(ufds, fds, bytes) < 0)
        ret = -EFAULT;
    kfree(fds);
    return ret;
}
