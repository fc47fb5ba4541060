/* The x86 console devices: COM1 and the VGA text screen. */
#ifndef ARCH_CONSOLE_H
#define ARCH_CONSOLE_H

#include <stddef.h>

void serial_init(void);
void serial_enable_rx_irq(void);
void serial_putc(char c);
int serial_getc(void);              /* -1 when no byte is waiting */
void vga_init(void);
void vga_putc(char c);

void arch_console_init(void);
/* Write to both devices; "\n" becomes "\r\n" on the serial line. */
void arch_console_write(const char *s, size_t n);

#endif
