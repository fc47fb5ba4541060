/* Trap hooks for a kernel without processes yet: every user-mode event is impossible. */
#include <kernel.h>
#include <trap_hooks.h>
#include <arch/cpu.h>

bool page_fault_hook(struct trap_frame *tf, uintptr_t addr, uint32_t error)
{
    (void)tf; (void)addr; (void)error;
    return false;
}

void user_exception_hook(struct trap_frame *tf) { panic_frame(tf, "exception from user mode without processes"); }
void syscall_hook(struct trap_frame *tf) { panic_frame(tf, "system call without processes"); }
void preempt_hook(struct trap_frame *tf) { (void)tf; }
void return_to_user_hook(struct trap_frame *tf) { (void)tf; }
void console_input_interrupt(void) {}
