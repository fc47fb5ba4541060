/*
 * Time since boot. Ticks come from the arch's periodic timer at TIMER_HZ; between two ticks
 * the CPU's cycle counter fills in, at the rate measured over all ticks so far, so clocks read
 * in nanoseconds and not in 10 ms steps (never past the next tick, so time never runs back).
 * Wall-clock time is the real-time clock read once at boot plus the time since.
 */
#include <kernel.h>
#include <timer.h>
#include <arch/cpu.h>

#define NS_PER_TICK (1000000000u / TIMER_HZ)
#define CALIBRATION_TICKS 10       /* before this many ticks, no interpolation */

static volatile uint64_t ticks;
static uint64_t first_cycles, last_tick_cycles;
static int64_t boot_epoch;

void timer_init(void)
{
    boot_epoch = arch_rtc_epoch();
    first_cycles = last_tick_cycles = arch_cycles();
}

void timer_tick(void)
{
    ticks++;
    last_tick_cycles = arch_cycles();
}

uint64_t timer_ticks(void)
{
    uint32_t f = irq_save();            /* a 64-bit read is two loads on i386 */
    uint64_t t = ticks;
    irq_restore(f);
    return t;
}

uint64_t timer_ns(void)
{
    uint32_t f = irq_save();
    uint64_t t = ticks, at_tick = last_tick_cycles, now = arch_cycles();
    irq_restore(f);
    uint64_t ns = t * NS_PER_TICK;
    if (t >= CALIBRATION_TICKS && at_tick > first_cycles && now > at_tick) {
        uint64_t per_tick = (at_tick - first_cycles) / t;          /* cycles per tick */
        uint64_t extra = (now - at_tick) * NS_PER_TICK / per_tick;
        ns += MIN(extra, (uint64_t)NS_PER_TICK - 1);
    }
    return ns;
}

int64_t timer_epoch_ns(void) { return boot_epoch * 1000000000LL + (int64_t)timer_ns(); }

uint64_t timer_uptime_ms(void) { return timer_ticks() * (1000 / TIMER_HZ); }

const void *timer_channel(void) { return (const void *)&ticks; }
