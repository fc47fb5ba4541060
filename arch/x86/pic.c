/*
 * The two 8259A interrupt controllers. The BIOS leaves IRQs 0-7 on vectors 8-15, on top of
 * CPU exceptions; we move IRQs 0-15 to vectors 32-47 and start with every line masked.
 */
#include <kernel.h>
#include <arch/io.h>
#include <arch/trap.h>

#define PIC1_CMD   0x20
#define PIC1_DATA  0x21
#define PIC2_CMD   0xA0
#define PIC2_DATA  0xA1
#define ICW1_INIT  0x11         /* edge triggered, cascade, ICW4 follows */
#define ICW4_8086  0x01
#define PIC_EOI    0x20
#define CASCADE_IRQ 2

void pic_init(void)
{
    outb(PIC1_CMD, ICW1_INIT); io_wait();
    outb(PIC2_CMD, ICW1_INIT); io_wait();
    outb(PIC1_DATA, VECTOR_IRQ_BASE); io_wait();
    outb(PIC2_DATA, VECTOR_IRQ_BASE + 8); io_wait();
    outb(PIC1_DATA, 1 << CASCADE_IRQ); io_wait();   /* slave on IRQ 2 */
    outb(PIC2_DATA, CASCADE_IRQ); io_wait();
    outb(PIC1_DATA, ICW4_8086); io_wait();
    outb(PIC2_DATA, ICW4_8086); io_wait();
    outb(PIC1_DATA, 0xFF & ~(1 << CASCADE_IRQ));
    outb(PIC2_DATA, 0xFF);
}

void pic_unmask(unsigned irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
    outb(port, inb(port) & ~(1 << (irq & 7)));
}

void pic_eoi(unsigned irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}
