/*
 * select(2) and pselect6: poll with three bit sets instead of an array (Linux fs/select.c).
 *
 * Bit fd of the read set asks whether fd can be read without waiting: data, end of file or
 * an error (POLLIN and its kin, POLLHUP, POLLERR). The write set asks for POLLOUT (or kin)
 * or POLLERR, the exception set for POLLPRI. A set bit for a descriptor that is not open is
 * EBADF. The sets come back holding only the ready bits, and the call returns how many bits
 * are set in all; on an error or a signal they are left as they were.
 *
 * Only the first n bits are read and written, as longs (32 bits on i386), and n is cut to
 * the size of the descriptor table, as Linux cuts it to its table's. select and pselect6
 * write the time that was left back, as Linux does (glibc's pselect hides it from callers).
 */
#include <errno.h>
#include <proc_internal.h>
#include <timer.h>
#include <uaccess.h>
#include "fs.h"

#define SET_WORDS ((NR_OPEN + 31) / 32)
#define READ_EVENTS (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define WRITE_EVENTS (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define EXCEPT_EVENTS POLLPRI

enum { IN, OUT, EX };
static const unsigned wanted[3] = { READ_EVENTS, WRITE_EVENTS, EXCEPT_EVENTS };

struct select_call {
    unsigned n;                         /* descriptors 0..n-1 */
    uint32_t ask[3][SET_WORDS], got[3][SET_WORDS];
};

static bool bit(const uint32_t *set, unsigned fd)
{
    return set[fd / 32] >> (fd % 32) & 1;
}

/* Is fd in any of the three sets? */
static bool asked(const struct select_call *c, unsigned fd)
{
    return bit(c->ask[IN], fd) || bit(c->ask[OUT], fd) || bit(c->ask[EX], fd);
}

static long select_once(void *arg)
{
    struct select_call *c = arg;
    long ready = 0;
    memset(c->got, 0, sizeof c->got);
    for (unsigned fd = 0; fd < c->n; fd++) {
        if (!asked(c, fd))
            continue;
        unsigned events = fd_poll((int)fd);
        for (int k = IN; k <= EX; k++)
            if (bit(c->ask[k], fd) && (events & wanted[k])) {
                c->got[k][fd / 32] |= 1u << (fd % 32);
                ready++;
            }
    }
    return ready;
}

static long do_select(int n, const uintptr_t uset[3], struct wait_time *w)
{
    struct select_call c;
    if (n < 0)
        return -EINVAL;
    c.n = n > NR_OPEN ? NR_OPEN : (unsigned)n;
    size_t bytes = (c.n + 31) / 32 * 4;
    memset(c.ask, 0, sizeof c.ask);
    for (int k = IN; k <= EX; k++)
        if (uset[k] && copy_from_user(c.ask[k], uset[k], bytes) < 0)
            return -EFAULT;
    for (unsigned fd = 0; fd < c.n; fd++)
        if (asked(&c, fd) && !fd_file((int)fd))
            return -EBADF;
    long ret = wait_ready(select_once, &c, w);
    if (ret < 0)
        return ret;
    for (int k = IN; k <= EX; k++)
        if (uset[k] && copy_to_user(uset[k], c.got[k], bytes) < 0)
            return -EFAULT;
    return ret;
}

/* A struct timeval of 32-bit fields: microseconds past a second carry into the seconds, and
 * anything negative is EINVAL (Linux's kern_select). */
static long read_timeval(uintptr_t utv, struct wait_time *w)
{
    int32_t tv[2];
    if (copy_from_user(tv, utv, sizeof tv) < 0)
        return -EFAULT;
    int64_t sec = (int64_t)tv[0] + tv[1] / 1000000, nsec = (int64_t)(tv[1] % 1000000) * 1000;
    if (sec < 0 || nsec < 0)
        return -EINVAL;
    wait_time_set(w, (uint64_t)sec * 1000000000u + (uint64_t)nsec);
    return 0;
}

static long select_timeval(int n, const uintptr_t uset[3], uintptr_t utv)
{
    struct wait_time w = { .forever = true };
    long ret;
    if (utv && (ret = read_timeval(utv, &w)))
        return ret;
    ret = do_select(n, uset, &w);
    if (utv && !w.zero) {
        uint64_t left = wait_time_left(&w);
        int32_t tv[2] = { (int32_t)(left / 1000000000u), (int32_t)(left % 1000000000u / 1000) };
        copy_to_user(utv, tv, sizeof tv);
    }
    return ret;
}

/* _newselect: select(2) as glibc and musl call it on i386. */
long sys_newselect(int n, uintptr_t uin, uintptr_t uout, uintptr_t uex, uintptr_t utv)
{
    const uintptr_t uset[3] = { uin, uout, uex };
    return select_timeval(n, uset, utv);
}

/* select (82): the first i386 select, with its five arguments in a block in memory. */
long sys_old_select(uintptr_t uargs)
{
    uint32_t a[5];
    if (copy_from_user(a, uargs, sizeof a) < 0)
        return -EFAULT;
    const uintptr_t uset[3] = { a[1], a[2], a[3] };
    return select_timeval((int)a[0], uset, a[4]);
}

/* pselect6: a struct timespec, and a blocked set to wait with, given as the address of a
 * pair (the set's address, its size) because a system call has only six arguments. */
static long pselect6(int n, const uintptr_t uset[3], uintptr_t uts, uintptr_t usig, bool wide)
{
    struct wait_time w;
    uint32_t sig[2] = { 0, 0 };
    long ret = wait_time_from_timespec(&w, uts, wide);
    if (ret)
        return ret;
    if (usig && copy_from_user(sig, usig, sizeof sig) < 0)
        return -EFAULT;
    if (sig[0] && (ret = signal_wait_mask_begin(sig[0], sig[1])))
        return ret;
    ret = signal_wait_mask_end(do_select(n, uset, &w));
    wait_time_write_back(&w, uts, wide);
    return ret;
}

long sys_pselect6(int n, uintptr_t uin, uintptr_t uout, uintptr_t uex, uintptr_t uts, uintptr_t usig)
{
    const uintptr_t uset[3] = { uin, uout, uex };
    return pselect6(n, uset, uts, usig, false);
}

long sys_pselect6_time64(int n, uintptr_t uin, uintptr_t uout, uintptr_t uex, uintptr_t uts,
                         uintptr_t usig)
{
    const uintptr_t uset[3] = { uin, uout, uex };
    return pselect6(n, uset, uts, usig, true);
}
