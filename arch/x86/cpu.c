/* Bring up the CPU tables and the interrupt hardware. */
#include <kernel.h>
#include <timer.h>
#include <arch/cpu.h>
#include <arch/trap.h>

void arch_cpu_init(void)
{
    gdt_init();
    idt_init();
    pic_init();
    pit_init(TIMER_HZ);
}
