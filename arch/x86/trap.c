/*
 * trap_dispatch: where every vector lands in C. Device interrupts are acknowledged here;
 * exceptions and system calls go to generic code, which answers, and this file decides
 * what the answer means for the CPU: resume, kill the process, or panic.
 */
#include <kernel.h>
#include <timer.h>
#include <trap_hooks.h>
#include <arch/console.h>
#include <arch/cpu.h>
#include <arch/trap.h>

static const char *const exception_names[32] = {
    [VECTOR_DIVIDE] = "divide error",
    [VECTOR_DEBUG] = "debug",
    [VECTOR_NMI] = "non-maskable interrupt",
    [VECTOR_BREAKPOINT] = "breakpoint",
    [VECTOR_OVERFLOW] = "overflow",
    [VECTOR_BOUND] = "bound range exceeded",
    [VECTOR_INVALID_OP] = "invalid opcode",
    [VECTOR_NO_FPU] = "device not available",
    [VECTOR_DOUBLE_FAULT] = "double fault",
    [9] = "coprocessor segment overrun",
    [VECTOR_INVALID_TSS] = "invalid TSS",
    [VECTOR_NO_SEGMENT] = "segment not present",
    [VECTOR_STACK_FAULT] = "stack-segment fault",
    [VECTOR_GP] = "general protection fault",
    [VECTOR_PAGE_FAULT] = "page fault",
    [VECTOR_FPU_ERROR] = "x87 floating-point error",
    [VECTOR_ALIGNMENT] = "alignment check",
    [VECTOR_MACHINE_CHECK] = "machine check",
    [VECTOR_SIMD] = "SIMD floating-point error",
};

const char *trap_name(unsigned vector)
{
    if (vector < 32)
        return exception_names[vector] ? exception_names[vector] : "reserved exception";
    if (vector == VECTOR_SYSCALL)
        return "system call";
    return "interrupt";
}

static void irq(struct trap_frame *tf)
{
    unsigned n = tf->vector - VECTOR_IRQ_BASE;
    pic_eoi(n);   /* before any switch away: the next tick must still be able to arrive */
    switch (n) {
    case IRQ_TIMER:
        timer_tick();
        break;
    case IRQ_COM1:
        console_input_interrupt();
        break;
    default:
        break;     /* spurious or unused lines */
    }
    if (n == IRQ_TIMER && trap_from_user(tf))
        preempt_hook(tf);
}

static void exception(struct trap_frame *tf)
{
    if (tf->vector == VECTOR_PAGE_FAULT) {
        uintptr_t addr = read_cr2();
        if (page_fault_hook(tf, addr, tf->error))
            return;
        panic_frame(tf, "page fault at %#x in kernel mode", addr);
    }
    if (trap_from_user(tf)) {
        user_exception_hook(tf);
        return;
    }
    panic_frame(tf, "%s in kernel mode", trap_name(tf->vector));
}

void trap_dispatch(struct trap_frame *tf)
{
    if (tf->vector < 32)
        exception(tf);
    else if (tf->vector < VECTOR_IRQ_BASE + 16)
        irq(tf);
    else if (tf->vector == VECTOR_SYSCALL)
        syscall_hook(tf);
    if (trap_from_user(tf))
        return_to_user_hook(tf);
}
