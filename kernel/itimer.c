/*
 * The real-time interval timer (setitimer(2) ITIMER_REAL, and alarm(2) on top of it): SIGALRM
 * when the monotonic clock passes the deadline, then again every interval if there is one.
 * Checked at every tick, so it fires within a tick (10 ms) after its time; expirations that
 * pile up before the signal is taken make one pending SIGALRM, as on Linux. A child does not
 * inherit its parent's timer; execve keeps it (POSIX).
 *
 * ITIMER_VIRTUAL and ITIMER_PROF (user and CPU time) are not implemented: EINVAL.
 */
#include <errno.h>
#include <proc_internal.h>
#include <signal.h>
#include <timer.h>
#include <uaccess.h>

#define ITIMER_REAL 0
#define NS_PER_US 1000u
#define NS_PER_S 1000000000u

/* At every tick: send SIGALRM to the processes whose deadline has passed. */
void itimer_tick(void)
{
    uint64_t now = timer_ns();
    for (struct proc *p = proc_first(); p; p = p->next) {
        if (!p->alarm_at || now < p->alarm_at || p->state == PROC_ZOMBIE)
            continue;
        send_signal(p, SIGALRM);
        p->alarm_at = p->alarm_interval ? MAX(p->alarm_at + p->alarm_interval, now + 1) : 0;
    }
}

/* struct itimerval of the i386 ABI: interval, then value, each { tv_sec, tv_usec } in 32 bits. */
struct itimerval32 { int32_t interval_sec, interval_usec, value_sec, value_usec; };

static void to_timeval(uint64_t ns, int32_t *sec, int32_t *usec)
{
    *sec = (int32_t)(ns / NS_PER_S);
    *usec = (int32_t)(ns % NS_PER_S / NS_PER_US);
}

/* What is left of the current timer, as getitimer reports it. */
static struct itimerval32 current_value(void)
{
    struct itimerval32 v = { 0, 0, 0, 0 };
    uint64_t now = timer_ns();
    if (current->alarm_at) {
        /* Due but not yet sent (at most a tick): Linux says 1 us, never "disarmed". */
        uint64_t left = current->alarm_at > now ? current->alarm_at - now : NS_PER_US;
        to_timeval(left < NS_PER_US ? NS_PER_US : left, &v.value_sec, &v.value_usec);
        to_timeval(current->alarm_interval, &v.interval_sec, &v.interval_usec);
    }
    return v;
}

static void arm(uint64_t value_ns, uint64_t interval_ns)
{
    current->alarm_at = value_ns ? timer_ns() + value_ns : 0;
    current->alarm_interval = value_ns ? interval_ns : 0;
}

long sys_getitimer(int which, uintptr_t uvalue)
{
    if (which != ITIMER_REAL)
        return -EINVAL;
    struct itimerval32 v = current_value();
    return copy_to_user(uvalue, &v, sizeof v) < 0 ? -EFAULT : 0;
}

long sys_setitimer(int which, uintptr_t unew, uintptr_t uold)
{
    struct itimerval32 n = { 0, 0, 0, 0 }, old;
    if (which != ITIMER_REAL)
        return -EINVAL;
    if (unew && copy_from_user(&n, unew, sizeof n) < 0)   /* NULL disarms, as Linux allows */
        return -EFAULT;
    if (n.value_sec < 0 || n.value_usec < 0 || n.value_usec >= 1000000 ||
        n.interval_sec < 0 || n.interval_usec < 0 || n.interval_usec >= 1000000)
        return -EINVAL;
    old = current_value();
    arm((uint64_t)n.value_sec * NS_PER_S + (uint64_t)n.value_usec * NS_PER_US,
        (uint64_t)n.interval_sec * NS_PER_S + (uint64_t)n.interval_usec * NS_PER_US);
    if (uold && copy_to_user(uold, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

/* alarm: seconds left of the previous timer, rounded to the nearest (at least 1 if any). */
long sys_alarm(unsigned seconds)
{
    struct itimerval32 old = current_value();
    arm((uint64_t)seconds * NS_PER_S, 0);
    long left = old.value_sec;
    if ((!left && old.value_usec) || old.value_usec >= 500000)
        left++;
    return left;
}
