/* Time: clocks, sleeping, and CPU times. The monotonic clocks count from boot, in
 * nanoseconds (kernel/timer.c); the real-time clocks add the date the RTC gave at boot. */
#include <errno.h>
#include <proc_internal.h>
#include <sched.h>
#include <timer.h>
#include <uaccess.h>

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define NSEC_PER_TICK (1000000000u / TIMER_HZ)

static uint64_t clock_ns(int clock, bool *ok)
{
    *ok = true;
    switch (clock) {
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
        return (uint64_t)timer_epoch_ns();
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
        return timer_ns();
    case CLOCK_PROCESS_CPUTIME_ID:
        return (proc_group(current)->user_ticks + proc_group(current)->kernel_ticks) * NSEC_PER_TICK;
    case CLOCK_THREAD_CPUTIME_ID:
        return (current->thread_user_ticks + current->thread_kernel_ticks) * NSEC_PER_TICK;
    default:
        *ok = false;
        return 0;
    }
}

/* ns as a struct timespec of 32-bit fields (the old calls) or 64-bit ones: 0 or -EFAULT. */
long write_timespec(uintptr_t uts, uint64_t ns, bool wide)
{
    int64_t sec = (int64_t)(ns / 1000000000u), nsec = (int64_t)(ns % 1000000000u);
    int64_t ts64[2] = { sec, nsec };
    int32_t ts32[2] = { (int32_t)sec, (int32_t)nsec };
    int err = wide ? copy_to_user(uts, ts64, sizeof ts64) : copy_to_user(uts, ts32, sizeof ts32);
    return err < 0 ? -EFAULT : 0;
}

static long get_clock(int clock, uintptr_t uts, bool wide)
{
    bool ok;
    uint64_t ns = clock_ns(clock, &ok);
    return ok ? write_timespec(uts, ns, wide) : -EINVAL;
}

long sys_clock_gettime(int clock, uintptr_t uts) { return get_clock(clock, uts, false); }
long sys_clock_gettime64(int clock, uintptr_t uts) { return get_clock(clock, uts, true); }

long sys_gettimeofday(uintptr_t utv, uintptr_t utz)
{
    uint64_t ns = (uint64_t)timer_epoch_ns();
    int32_t tv[2] = { (int32_t)(ns / 1000000000u), (int32_t)(ns % 1000000000u / 1000) };
    int32_t tz[2] = { 0, 0 };
    if (utv && copy_to_user(utv, tv, sizeof tv) < 0)
        return -EFAULT;
    if (utz && copy_to_user(utz, tz, sizeof tz) < 0)
        return -EFAULT;
    return 0;
}

long sys_time(uintptr_t ut)
{
    int32_t t = (int32_t)(timer_epoch_ns() / 1000000000);
    if (ut && copy_to_user(ut, &t, sizeof t) < 0)
        return -EFAULT;
    return t;
}

/*
 * Sleep until clock reads deadline; woken at every tick, it checks the clock, so it sleeps at
 * least as long as asked (nanosleep(2)). A signal handler ends it with EINTR, never restarted,
 * and what was left goes to urem (32-bit or 64-bit fields) when the caller wants it.
 */
static long sleep_until(int clock, uint64_t deadline, uintptr_t urem, bool wide);

static long sleep_restart(void)
{
    const struct restart_block *r = &current->restart;
    return sleep_until(r->clock, r->deadline, r->uaddr, r->wide);
}

static long sleep_until(int clock, uint64_t deadline, uintptr_t urem, bool wide)
{
    bool ok;
    while (clock_ns(clock, &ok) < deadline) {
        if (sleep_on(timer_channel()) < 0) {
            uint64_t now = clock_ns(clock, &ok);
            if (urem)
                write_timespec(urem, deadline > now ? deadline - now : 0, wide);
            /* EINTR if a handler runs; else (a stop, then SIGCONT) it goes on to the same
             * deadline through restart_syscall, as Linux's restart block does. */
            current->restart = (struct restart_block){ .fn = sleep_restart, .clock = clock,
                                                       .wide = wide, .deadline = deadline,
                                                       .uaddr = urem };
            return -ERESTART_RESTARTBLOCK;
        }
    }
    return 0;
}

/* restart_syscall: the rest of a call that answered -ERESTART_RESTARTBLOCK and ran no handler
 * (an interrupted sleep or poll); EINTR when there is none, as Linux's do_no_restart_syscall. */
long sys_restart_syscall(void)
{
    long (*fn)(void) = current->restart.fn;
    current->restart.fn = NULL;
    return fn ? fn() : -EINTR;
}

/* A struct timespec from user space (32-bit or 64-bit fields), checked as Linux does. */
long read_timespec(uintptr_t uts, bool wide, uint64_t *ns)
{
    int64_t sec, nsec;
    if (wide) {
        int64_t ts[2];
        if (copy_from_user(ts, uts, sizeof ts) < 0)
            return -EFAULT;
        sec = ts[0], nsec = ts[1];
    } else {
        int32_t ts[2];
        if (copy_from_user(ts, uts, sizeof ts) < 0)
            return -EFAULT;
        sec = ts[0], nsec = ts[1];
    }
    if (sec < 0 || nsec < 0 || nsec >= 1000000000)
        return -EINVAL;
    *ns = (uint64_t)sec * 1000000000u + (uint64_t)nsec;
    return 0;
}

#define TIMER_ABSTIME 1

/* clock_nanosleep: what glibc's nanosleep and sleep call. Relative, or until an absolute time
 * (TIMER_ABSTIME, and then nothing is written to rem); CPU-time clocks are not supported. */
static long clock_sleep(int clock, int flags, uintptr_t ureq, uintptr_t urem, bool wide)
{
    bool ok;
    uint64_t now = clock_ns(clock, &ok), ns;
    if (!ok || clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID)
        return -EINVAL;
    long err = read_timespec(ureq, wide, &ns);
    if (err)
        return err;
    if (flags & TIMER_ABSTIME)
        return sleep_until(clock, ns, 0, wide);
    return sleep_until(clock, now + ns, urem, wide);
}

/* nanosleep: clock_nanosleep on the monotonic clock, relative, 32-bit fields. */
long sys_nanosleep(uintptr_t ureq, uintptr_t urem)
{
    return clock_sleep(CLOCK_MONOTONIC, 0, ureq, urem, false);
}

long sys_clock_nanosleep(int clock, int flags, uintptr_t ureq, uintptr_t urem)
{
    return clock_sleep(clock, flags, ureq, urem, false);
}

long sys_clock_nanosleep64(int clock, int flags, uintptr_t ureq, uintptr_t urem)
{
    return clock_sleep(clock, flags, ureq, urem, true);
}

/* One tick for the tick-based clocks, one nanosecond for those read from the cycle counter. */
static long get_resolution(int clock, uintptr_t uts, bool wide)
{
    bool ok;
    clock_ns(clock, &ok);
    if (!ok)
        return -EINVAL;
    uint64_t ns = clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE ||
                  clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID ? NSEC_PER_TICK : 1;
    return uts ? write_timespec(uts, ns, wide) : 0;
}

long sys_clock_getres(int clock, uintptr_t uts) { return get_resolution(clock, uts, false); }
long sys_clock_getres64(int clock, uintptr_t uts) { return get_resolution(clock, uts, true); }

long sys_times(uintptr_t ubuf)
{
    const struct proc *g = proc_group(current);
    int32_t t[4] = { (int32_t)g->user_ticks, (int32_t)g->kernel_ticks,
                     (int32_t)g->child_user_ticks, (int32_t)g->child_kernel_ticks };
    if (ubuf && copy_to_user(ubuf, t, sizeof t) < 0)
        return -EFAULT;
    return (long)timer_ticks();
}
