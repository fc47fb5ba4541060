/*
 * What arch trap code asks of the generic kernel. Each hook answers; the arch code acts.
 * Until processes exist the hooks have defaults (kernel/trap_defaults.c) that refuse.
 */
#ifndef TRAP_HOOKS_H
#define TRAP_HOOKS_H

#include <kernel.h>

struct trap_frame;

/* A page fault: true when handled (resume), false for a fault the kernel cannot excuse. */
bool page_fault_hook(struct trap_frame *tf, uintptr_t addr, uint32_t error);
/* A CPU exception raised by user code: deliver the matching signal. */
void user_exception_hook(struct trap_frame *tf);
void syscall_hook(struct trap_frame *tf);
/* The timer fired while user code ran: maybe switch to another process. */
void preempt_hook(struct trap_frame *tf);
/* Last stop before returning to ring 3 (pending kills take effect here). */
void return_to_user_hook(struct trap_frame *tf);
void console_input_interrupt(void);

/* Panic with the register dump of a trap frame. */
NORETURN void panic_frame(const struct trap_frame *tf, const char *fmt, ...) PRINTF(2, 3);

#endif
