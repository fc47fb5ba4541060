/* VGA text mode, 80x25 at physical 0xB8000: a mirror of the serial console for people at the window. */
#include <kernel.h>
#include <arch/io.h>
#include <arch/memlayout.h>
#include <arch/console.h>

#define COLS 80
#define ROWS 25
#define ATTR 0x0700                 /* light grey on black */
#define CRTC_INDEX 0x3D4
#define CRTC_DATA  0x3D5

static uint16_t *const screen = (uint16_t *)(KERNEL_BASE + 0xB8000);
static int row, col;

static void move_cursor(void)
{
    uint16_t pos = (uint16_t)(row * COLS + col);
    outb(CRTC_INDEX, 14);
    outb(CRTC_DATA, pos >> 8);
    outb(CRTC_INDEX, 15);
    outb(CRTC_DATA, pos & 0xFF);
}

void vga_init(void)
{
    for (int i = 0; i < COLS * ROWS; i++)
        screen[i] = ATTR | ' ';
    row = col = 0;
    move_cursor();
}

static void scroll(void)
{
    memmove(screen, screen + COLS, (ROWS - 1) * COLS * sizeof *screen);
    for (int i = 0; i < COLS; i++)
        screen[(ROWS - 1) * COLS + i] = ATTR | ' ';
    row = ROWS - 1;
}

void vga_putc(char c)
{
    switch (c) {
    case '\n':
        col = 0;
        row++;
        break;
    case '\r':
        col = 0;
        break;
    case '\b':
        if (col > 0)
            screen[row * COLS + --col] = ATTR | ' ';
        break;
    case '\t':
        col = (col + 8) & ~7;
        break;
    default:
        screen[row * COLS + col++] = ATTR | (uint8_t)c;
    }
    if (col >= COLS) {
        col = 0;
        row++;
    }
    if (row >= ROWS)
        scroll();
    move_cursor();
}
