/* The tick counter. Ticks come from the arch's periodic timer at TIMER_HZ. */
#include <kernel.h>
#include <timer.h>
#include <arch/cpu.h>

static volatile uint64_t ticks;

void timer_tick(void) { ticks++; }

uint64_t timer_ticks(void)
{
    uint32_t f = irq_save();            /* a 64-bit read is two loads on i386 */
    uint64_t t = ticks;
    irq_restore(f);
    return t;
}

uint64_t timer_uptime_ms(void) { return timer_ticks() * (1000 / TIMER_HZ); }

const void *timer_channel(void) { return (const void *)&ticks; }
