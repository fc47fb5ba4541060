/* Time since boot, counted in timer ticks. */
#ifndef TIMER_H
#define TIMER_H

#include <stdint.h>

#define TIMER_HZ 100

void timer_tick(void);                 /* called by the arch timer interrupt */
uint64_t timer_ticks(void);
uint64_t timer_uptime_ms(void);
/* What sleepers wait on: woken at every tick, they re-check their deadline. */
const void *timer_channel(void);

#endif
