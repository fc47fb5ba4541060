/*
 * When the kernel cannot go on: say why, show the registers and the call chain, and end the
 * machine with a failing status so that no test ever waits on a dead kernel.
 */
#include <kernel.h>
#include <trap_hooks.h>
#include <arch/cpu.h>

#define PANIC_STATUS 125          /* tools/qemu-run reports this status as a kernel panic */

static bool panicking;

static NORETURN void vpanic(const struct trap_frame *tf, const char *fmt, va_list ap)
{
    cpu_cli();
    if (panicking) {               /* a panic inside the panic path: just stop */
        kprintf("\nnested panic\n");
        arch_poweroff(PANIC_STATUS);
    }
    panicking = true;
    kprintf("\n*** kernel panic: ");
    kvprintf(fmt, ap);
    kprintf("\n");
    if (tf) {
        arch_dump_trap_frame(tf);  /* registers, then the call chain of the code that trapped */
    } else {
        kprintf("backtrace:\n");
        arch_backtrace((uintptr_t)__builtin_frame_address(0));
    }
    arch_poweroff(PANIC_STATUS);
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic(NULL, fmt, ap);
}

void panic_frame(const struct trap_frame *tf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic(tf, fmt, ap);
}
