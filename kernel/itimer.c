/*
 * Interval timers (setitimer(2), getitimer(2), and alarm(2) on top of ITIMER_REAL):
 *
 *   ITIMER_REAL     SIGALRM when the monotonic clock passes the deadline;
 *   ITIMER_VIRTUAL  SIGVTALRM when the process has run that long in user mode;
 *   ITIMER_PROF     SIGPROF when it has run that long in user and kernel mode together.
 *
 * Then again every interval, if there is one. All are checked at every tick, so a timer fires
 * within a tick (10 ms) after its time; expirations that pile up before the signal is taken
 * make one pending signal, as on Linux. CPU time is counted in whole ticks (the tick charges
 * the process it interrupts), so, as Linux does with tick-based accounting, a CPU timer is
 * armed one tick later than asked: it never fires before that much CPU time has gone by.
 * A child does not inherit its parent's timers; execve keeps them (POSIX).
 */
#include <errno.h>
#include <proc_internal.h>
#include <signal.h>
#include <timer.h>
#include <uaccess.h>

#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2
#define NS_PER_US 1000u
#define NS_PER_S 1000000000u
#define NS_PER_TICK (NS_PER_S / TIMER_HZ)

static const int cpu_timer_signal[2] = { SIGVTALRM, SIGPROF };

/* The CPU time a CPU timer counts, in nanoseconds: the process's (all its threads'; p is the
 * leader, as for everything here: timers belong to the process). */
static uint64_t cpu_time(const struct proc *p, int which)
{
    uint64_t ticks = which == ITIMER_VIRTUAL ? p->user_ticks : p->user_ticks + p->kernel_ticks;
    return ticks * NS_PER_TICK;
}

/* At every tick, after it was charged to the running process: send the signals that are due. */
void itimer_tick(void)
{
    uint64_t now = timer_ns();
    for (struct proc *p = proc_first(); p; p = p->next) {
        if (!p->alarm_at || now < p->alarm_at || !proc_is_leader(p) || !proc_live_threads(p))
            continue;
        send_signal(p, SIGALRM);
        p->alarm_at = p->alarm_interval ? MAX(p->alarm_at + p->alarm_interval, now + 1) : 0;
    }
    if (!current || proc_exited(current))
        return;
    struct proc *g = proc_group(current);
    for (int which = ITIMER_VIRTUAL; which <= ITIMER_PROF; which++) {
        struct cpu_itimer *t = &g->cpu_itimer[which - ITIMER_VIRTUAL];
        uint64_t used = cpu_time(g, which);
        if (!t->expires || used < t->expires)
            continue;
        send_signal(current, cpu_timer_signal[which - ITIMER_VIRTUAL]);
        t->expires = t->interval ? MAX(t->expires + t->interval, used + 1) : 0;
    }
}

/* struct itimerval of the i386 ABI: interval, then value, each { tv_sec, tv_usec } in 32 bits. */
struct itimerval32 { int32_t interval_sec, interval_usec, value_sec, value_usec; };

static void to_timeval(uint64_t ns, int32_t *sec, int32_t *usec)
{
    *sec = (int32_t)(ns / NS_PER_S);
    *usec = (int32_t)(ns % NS_PER_S / NS_PER_US);
}

/* A timer as getitimer reports it: what is left, and the interval. One that is due but whose
 * signal is not yet sent has a little left (Linux: 1 us for ITIMER_REAL, a tick for the CPU
 * timers), never "disarmed". */
static struct itimerval32 current_value(int which)
{
    struct itimerval32 v = { 0, 0, 0, 0 };
    uint64_t at, now, interval, soon;
    const struct proc *g = proc_group(current);
    if (which == ITIMER_REAL) {
        at = g->alarm_at, interval = g->alarm_interval;
        now = timer_ns(), soon = NS_PER_US;
    } else {
        const struct cpu_itimer *t = &g->cpu_itimer[which - ITIMER_VIRTUAL];
        at = t->expires, interval = t->interval;
        now = cpu_time(g, which), soon = NS_PER_TICK;
    }
    if (at) {
        uint64_t left = at > now ? at - now : soon;
        to_timeval(left < NS_PER_US ? NS_PER_US : left, &v.value_sec, &v.value_usec);
        to_timeval(interval, &v.interval_sec, &v.interval_usec);
    }
    return v;
}

static void arm(int which, uint64_t value_ns, uint64_t interval_ns)
{
    if (!value_ns)
        interval_ns = 0;
    struct proc *g = proc_group(current);
    if (which == ITIMER_REAL) {
        g->alarm_at = value_ns ? timer_ns() + value_ns : 0;
        g->alarm_interval = interval_ns;
    } else {
        struct cpu_itimer *t = &g->cpu_itimer[which - ITIMER_VIRTUAL];
        t->expires = value_ns ? cpu_time(g, which) + value_ns + NS_PER_TICK : 0;
        t->interval = interval_ns;
    }
}

static bool known(int which)
{
    return which == ITIMER_REAL || which == ITIMER_VIRTUAL || which == ITIMER_PROF;
}

long sys_getitimer(int which, uintptr_t uvalue)
{
    if (!known(which))
        return -EINVAL;
    struct itimerval32 v = current_value(which);
    return copy_to_user(uvalue, &v, sizeof v) < 0 ? -EFAULT : 0;
}

long sys_setitimer(int which, uintptr_t unew, uintptr_t uold)
{
    struct itimerval32 n = { 0, 0, 0, 0 }, old;
    if (!known(which))
        return -EINVAL;
    if (unew && copy_from_user(&n, unew, sizeof n) < 0)   /* NULL disarms, as Linux allows */
        return -EFAULT;
    if (n.value_sec < 0 || n.value_usec < 0 || n.value_usec >= 1000000 ||
        n.interval_sec < 0 || n.interval_usec < 0 || n.interval_usec >= 1000000)
        return -EINVAL;
    old = current_value(which);
    arm(which, (uint64_t)n.value_sec * NS_PER_S + (uint64_t)n.value_usec * NS_PER_US,
        (uint64_t)n.interval_sec * NS_PER_S + (uint64_t)n.interval_usec * NS_PER_US);
    if (uold && copy_to_user(uold, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

/* alarm: seconds left of the previous timer, rounded to the nearest (at least 1 if any). */
long sys_alarm(unsigned seconds)
{
    struct itimerval32 old = current_value(ITIMER_REAL);
    arm(ITIMER_REAL, (uint64_t)seconds * NS_PER_S, 0);
    long left = old.value_sec;
    if ((!left && old.value_usec) || old.value_usec >= 500000)
        left++;
    return left;
}
