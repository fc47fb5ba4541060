/* Time: ticks since boot, nanoseconds since boot, and wall-clock time. */
#ifndef TIMER_H
#define TIMER_H

#include <stdbool.h>
#include <stdint.h>

#define TIMER_HZ 100

void timer_init(void);                 /* boot: read the real-time clock, start the cycle count */
void timer_tick(void);                 /* called by the arch timer interrupt */
uint64_t timer_ticks(void);
uint64_t timer_ns(void);               /* since boot, interpolated between ticks */
int64_t timer_epoch_ns(void);          /* wall clock: nanoseconds since 1970-01-01 UTC */
uint64_t timer_uptime_ms(void);
/* What sleepers wait on: woken at every tick, they re-check their deadline. */
const void *timer_channel(void);

/* A user's struct timespec, of 32-bit fields (the old calls) or 64-bit ones (the _time64
 * calls), as nanoseconds: 0, -EFAULT, or -EINVAL for a negative time or nanoseconds past a
 * second (kernel/sys_time.c). */
long read_timespec(uintptr_t uts, bool wide, uint64_t *ns);
long write_timespec(uintptr_t uts, uint64_t ns, bool wide);

/* From the arch: the cycle counter, and the real-time clock in seconds since the epoch. */
uint64_t arch_cycles(void);
int64_t arch_rtc_epoch(void);

#endif
