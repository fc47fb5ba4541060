/* The 8253/8254 programmable interval timer, channel 0 in rate-generator mode on IRQ 0. */
#include <kernel.h>
#include <arch/io.h>
#include <arch/trap.h>

#define PIT_CH0       0x40
#define PIT_CMD       0x43
#define PIT_HZ        1193182u
#define CMD_CH0_RATE  0x34       /* channel 0, lobyte/hibyte, mode 2 */

void pit_init(unsigned hz)
{
    uint32_t divisor = PIT_HZ / hz;
    outb(PIT_CMD, CMD_CH0_RATE);
    outb(PIT_CH0, divisor & 0xFF);
    outb(PIT_CH0, (divisor >> 8) & 0xFF);
    pic_unmask(IRQ_TIMER);
}
