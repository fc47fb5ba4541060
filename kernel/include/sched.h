/*
 * Sleeping and waking. The kernel runs with interrupts disabled and is never preempted (only
 * user code is), so "check the condition, then sleep" cannot lose a wake-up: nothing runs in
 * between. Always sleep in a loop that re-checks the condition.
 */
#ifndef SCHED_H
#define SCHED_H

#include <kernel.h>

/* Give up the CPU until someone calls wakeup(chan). Returns -ERESTARTSYS when a signal came
 * (the caller unwinds and returns it: the call is restarted or fails with EINTR). */
int sleep_on(const void *chan);
/* The same, deaf to signals: only wakeup(chan) (or being made runnable) ends it. For waits a
 * signal must not cut short, such as a stopped process's (the caller checks what matters). */
void sleep_uninterruptible(const void *chan);
/* Make every process sleeping on chan runnable. Safe from interrupt handlers. */
void wakeup(const void *chan);
/* Let other runnable processes go first. */
void yield(void);

#endif
