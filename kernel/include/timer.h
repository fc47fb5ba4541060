/* Time: ticks since boot, nanoseconds since boot, and wall-clock time. */
#ifndef TIMER_H
#define TIMER_H

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

/* From the arch: the cycle counter, and the real-time clock in seconds since the epoch. */
uint64_t arch_cycles(void);
int64_t arch_rtc_epoch(void);

#endif
