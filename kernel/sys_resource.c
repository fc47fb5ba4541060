/* getrusage (man 2 getrusage): CPU time, page faults and peak resident size. */
#include <errno.h>
#include <proc_internal.h>
#include <timer.h>
#include <uaccess.h>
#include <vm.h>

#define RUSAGE_SELF      0
#define RUSAGE_CHILDREN  (-1)
#define RUSAGE_THREAD    1

struct linux_rusage {               /* i386 layout: 18 longs */
    int32_t utime_sec, utime_usec, stime_sec, stime_usec;
    int32_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock;
    int32_t msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};
_Static_assert(sizeof(struct linux_rusage) == 72, "struct rusage on i386");

static void ticks_to_tv(uint64_t ticks, int32_t *sec, int32_t *usec)
{
    uint64_t us = ticks * (1000000u / TIMER_HZ);
    *sec = (int32_t)(us / 1000000u);
    *usec = (int32_t)(us % 1000000u);
}

/* who: RUSAGE_SELF, the figures of p's process (all its threads); RUSAGE_CHILDREN, the totals
 * of its reaped children; RUSAGE_THREAD, thread p's own (the peak resident size is the
 * process's: the threads share their memory). */
void fill_rusage(struct proc *t, int who, void *out)
{
    struct linux_rusage ru = { 0 };
    struct proc *p = proc_group(t);
    if (who == RUSAGE_CHILDREN) {
        ticks_to_tv(p->child_user_ticks, &ru.utime_sec, &ru.utime_usec);
        ticks_to_tv(p->child_kernel_ticks, &ru.stime_sec, &ru.stime_usec);
        ru.minflt = (int32_t)p->child_minflt;
        ru.majflt = (int32_t)p->child_majflt;
        ru.maxrss = (int32_t)(p->child_maxrss_pages * (PAGE_SIZE / 1024));
    } else {
        ticks_to_tv(p->user_ticks, &ru.utime_sec, &ru.utime_usec);
        ticks_to_tv(p->kernel_ticks, &ru.stime_sec, &ru.stime_usec);
        ru.minflt = (int32_t)p->minflt;
        ru.majflt = (int32_t)p->majflt;
        ru.maxrss = (int32_t)(p->maxrss_pages * (PAGE_SIZE / 1024));
        if (t->vm)
            ru.maxrss = (int32_t)(MAX(p->maxrss_pages, t->vm->hwm) * (PAGE_SIZE / 1024));
        if (who == RUSAGE_THREAD) {
            ticks_to_tv(t->thread_user_ticks, &ru.utime_sec, &ru.utime_usec);
            ticks_to_tv(t->thread_kernel_ticks, &ru.stime_sec, &ru.stime_usec);
            ru.minflt = (int32_t)t->thread_minflt;
            ru.majflt = (int32_t)t->thread_majflt;
        }
    }
    memcpy(out, &ru, sizeof ru);
}

long sys_getrusage(int who, uintptr_t uru)
{
    if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
        return -EINVAL;
    struct linux_rusage ru;
    fill_rusage(current, who, &ru);
    return copy_to_user(uru, &ru, sizeof ru) < 0 ? -EFAULT : 0;
}
