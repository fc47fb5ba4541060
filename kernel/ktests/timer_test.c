/* The timer interrupt really ticks. */
#include <ktest.h>
#include <timer.h>
#include <arch/cpu.h>

KTEST(timer_ticks_advance)
{
    uint64_t start = timer_ticks();
    for (int i = 0; i < 1000 && timer_ticks() < start + 5; i++)
        cpu_sti_hlt();
    KEXPECT(timer_ticks() >= start + 5);
}
