/* COM1, the console that scripts and the test runner read (16550 UART, 115200 8N1). */
#include <kernel.h>
#include <arch/io.h>
#include <arch/console.h>

#define COM1            0x3F8
#define UART_DATA       0
#define UART_IER        1           /* interrupt enable */
#define UART_FCR        2           /* FIFO control */
#define UART_LCR        3           /* line control */
#define UART_MCR        4           /* modem control */
#define UART_LSR        5           /* line status */
#define LCR_DLAB        0x80        /* divisor latch access */
#define LCR_8N1         0x03
#define LSR_DATA_READY  0x01
#define LSR_THR_EMPTY   0x20
#define IER_RX          0x01

void serial_init(void)
{
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, LCR_DLAB);
    outb(COM1 + UART_DATA, 1);      /* divisor 1: 115200 baud */
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, LCR_8N1);
    outb(COM1 + UART_FCR, 0xC7);    /* enable and clear FIFOs, 14-byte threshold */
    outb(COM1 + UART_MCR, 0x0B);    /* DTR, RTS, OUT2 (OUT2 gates the IRQ line) */
}

void serial_enable_rx_irq(void) { outb(COM1 + UART_IER, IER_RX); }

void serial_putc(char c)
{
    while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
        ;
    outb(COM1 + UART_DATA, (uint8_t)c);
}

int serial_getc(void)
{
    if (!(inb(COM1 + UART_LSR) & LSR_DATA_READY))
        return -1;
    return inb(COM1 + UART_DATA);
}
