/*
 * What arch trap code asks of the generic kernel, in generic terms: the arch code decodes
 * its CPU's numbers (error codes, vectors, registers) before calling, and acts on the answer.
 */
#ifndef TRAP_HOOKS_H
#define TRAP_HOOKS_H

#include <kernel.h>

struct trap_frame;

/* A page fault on a user address (access: FAULT_* of vm.h). From user mode the answer is
 * always "handled" (the process was fixed up, or killed); from the kernel's user-copy code,
 * false means the copy must fail with -EFAULT. */
bool user_page_fault(struct trap_frame *tf, uintptr_t addr, unsigned access, bool from_user);
/* User code raised an exception the kernel does not fix: the program's handler for sig runs,
 * or the process is killed with sig. */
void user_exception(struct trap_frame *tf, int sig, const char *what);
/* System call nr with its six arguments: the value to return to user mode. */
long syscall_dispatch(unsigned nr, const uint32_t args[6]);
/* Every timer tick, after the tick count moved. */
void timer_interrupt(bool from_user);
/* Last stop before returning to ring 3 (pending kills and preemption happen here). */
void return_to_user(struct trap_frame *tf);
void console_input_interrupt(void);

/* Panic with the register dump of a trap frame. */
NORETURN void panic_frame(const struct trap_frame *tf, const char *fmt, ...) PRINTF(2, 3);

#endif
