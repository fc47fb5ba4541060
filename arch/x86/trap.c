/*
 * trap_dispatch: where every vector lands in C. This file turns x86 numbers (vectors, the
 * page-fault error code, registers) into the generic questions of trap_hooks.h, and acts on
 * the answers: resume, resume at the user-copy fix-up, kill the process, or panic.
 */
#include <kernel.h>
#include <signal.h>
#include <timer.h>
#include <trap_hooks.h>
#include <vm.h>
#include <arch/cpu.h>
#include <arch/trap.h>

extern const char uaccess_start[], uaccess_end[], uaccess_fault[];

struct exception_info {
    const char *name;
    int user_signal;        /* what Linux sends user code for it (arch/x86/kernel/traps.c) */
};

static const struct exception_info exceptions[32] = {
    [VECTOR_DIVIDE] = { "divide error", SIGFPE },
    [VECTOR_DEBUG] = { "debug", SIGTRAP },
    [VECTOR_NMI] = { "non-maskable interrupt", 0 },
    [VECTOR_BREAKPOINT] = { "breakpoint", SIGTRAP },
    [VECTOR_OVERFLOW] = { "overflow", SIGSEGV },
    [VECTOR_BOUND] = { "bound range exceeded", SIGSEGV },
    [VECTOR_INVALID_OP] = { "invalid opcode", SIGILL },
    [VECTOR_NO_FPU] = { "device not available", SIGSEGV },
    [VECTOR_DOUBLE_FAULT] = { "double fault", 0 },
    [9] = { "coprocessor segment overrun", SIGFPE },
    [VECTOR_INVALID_TSS] = { "invalid TSS", SIGSEGV },
    [VECTOR_NO_SEGMENT] = { "segment not present", SIGBUS },
    [VECTOR_STACK_FAULT] = { "stack-segment fault", SIGBUS },
    [VECTOR_GP] = { "general protection fault", SIGSEGV },
    [VECTOR_PAGE_FAULT] = { "page fault", SIGSEGV },
    [VECTOR_FPU_ERROR] = { "x87 floating-point error", SIGFPE },
    [VECTOR_ALIGNMENT] = { "alignment check", SIGBUS },
    [VECTOR_MACHINE_CHECK] = { "machine check", 0 },
    [VECTOR_SIMD] = { "SIMD floating-point error", SIGFPE },
};

const char *trap_name(unsigned vector)
{
    if (vector < 32)
        return exceptions[vector].name ? exceptions[vector].name : "reserved exception";
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
        timer_interrupt(trap_from_user(tf));
        break;
    case IRQ_COM1:
        console_input_interrupt();
        break;
    default:
        break;     /* spurious or unused lines */
    }
}

static bool in_uaccess(uint32_t eip)
{
    return eip >= (uint32_t)uaccess_start && eip < (uint32_t)uaccess_end;
}

static void page_fault(struct trap_frame *tf)
{
    uintptr_t addr = read_cr2();
    unsigned access = (tf->error & PF_WRITE ? FAULT_WRITE : 0) |
                      (tf->error & PF_PRESENT ? FAULT_PRESENT : 0) |
                      (tf->error & PF_USER ? FAULT_USER : 0);
    bool from_user = trap_from_user(tf);
    if (from_user || (in_uaccess(tf->eip) && addr < USER_TOP)) {
        if (!user_page_fault(tf, addr, access, from_user))
            tf->eip = (uint32_t)uaccess_fault;     /* the copy returns what it did not do */
        return;
    }
    panic_frame(tf, "page fault at %#x in kernel mode", addr);
}

void trap_dispatch(struct trap_frame *tf)
{
    if (tf->vector == VECTOR_PAGE_FAULT) {
        page_fault(tf);
    } else if (tf->vector < 32) {
        const struct exception_info *e = &exceptions[tf->vector];
        if (!trap_from_user(tf) || !e->user_signal)
            panic_frame(tf, "%s in kernel mode", trap_name(tf->vector));
        user_exception(tf, e->user_signal, trap_name(tf->vector));
    } else if (tf->vector < VECTOR_IRQ_BASE + 16) {
        irq(tf);
    } else if (tf->vector == VECTOR_SYSCALL) {
        const uint32_t args[6] = { tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp };
        tf->eax = (uint32_t)syscall_dispatch(tf->eax, args);
    }
    if (trap_from_user(tf))
        return_to_user(tf);
}
