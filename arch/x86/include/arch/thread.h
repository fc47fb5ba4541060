/* Per-process CPU state kept beyond the trap frame: FPU/SSE registers and TLS descriptors. */
#ifndef ARCH_THREAD_H
#define ARCH_THREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct trap_frame;

#define TLS_SLOTS 3

struct tls_desc {
    uint32_t base, limit;
    bool present, limit_in_pages, seg_32bit;
};

struct arch_thread {
    uint8_t fpu[512] __attribute__((aligned(16)));   /* FXSAVE image (or FNSAVE's 108 bytes) */
    struct tls_desc tls[TLS_SLOTS];                    /* GDT entries 6..8 while it runs */
};

void arch_fpu_init(void);                            /* boot: enable the FPU, make the template */
void arch_thread_reset(struct arch_thread *t);       /* fresh FPU state, no TLS (execve) */
void arch_thread_load(const struct arch_thread *t);  /* make the CPU hold t's state now */
uint32_t arch_hwcap(void);                           /* AT_HWCAP: CPUID leaf 1, edx */
/* clone's CLONE_SETTLS: the new thread t gets the TLS segment the user_desc at uinfo
 * describes (its entry_number names the slot): 0, -EFAULT or -EINVAL. */
long arch_tls_for_new_thread(struct arch_thread *t, uintptr_t uinfo);
/* The running process's FPU state, for signal frames (512-byte, 16-aligned areas). */
void arch_fpu_save(struct arch_thread *t, uint8_t *area);
void arch_fpu_restore(struct arch_thread *t, uint8_t *area);
void arch_fpu_reset(struct arch_thread *t);

/* A signal stack as sigaltstack(2) describes it (stack_t): base, SS_* flags, size. */
struct alt_stack { uint32_t sp, flags, size; };

/* Push a signal frame (Linux i386 layout) and point the registers at the handler: 0 or -EFAULT.
 * The frame goes below stack_top (the user stack pointer, or the top of the signal stack);
 * an rt frame (siginfo not NULL: SA_SIGINFO) carries a siginfo made from where the signal
 * came from, and records alt, the signal stack as it was, in uc_stack. */
struct sig_origin;
int arch_signal_frame(struct trap_frame *tf, struct arch_thread *t, int sig, uint32_t handler,
                      uint32_t flags, uint32_t restorer, uint64_t blocked,
                      const struct sig_origin *siginfo, uintptr_t stack_top, const struct alt_stack *alt);
/* A siginfo_t in user memory (its layout is the arch's), written from what a signal's origin
 * says, or read into one: 0 or -EFAULT. */
int arch_siginfo_write(uintptr_t uinfo, int sig, const struct sig_origin *from);
int arch_siginfo_read(uintptr_t uinfo, struct sig_origin *from);
/* sigreturn / rt_sigreturn: restore the registers saved in the frame; *blocked gets the saved
 * mask, and *alt (rt frames only: else untouched) the uc_stack the frame holds. Returns the
 * restored eax (the syscall's return value), or -EFAULT. */
long arch_signal_return(struct trap_frame *tf, struct arch_thread *t, bool rt, uint64_t *blocked,
                        struct alt_stack *alt);

/* Prepare a new kernel stack whose first switch-in returns to user mode through the trap
 * frame it holds (*tf, to be filled by the caller). Returns the context to switch to. */
uintptr_t arch_kstack_prepare(void *kstack, size_t size, struct trap_frame **tf);
/* Reset a trap frame to enter user mode at entry with stack pointer sp, all registers zero. */
void arch_user_frame(struct trap_frame *tf, uintptr_t entry, uintptr_t sp);

/* Leave prev (saving its kernel stack pointer in *prev_ctx) and continue next. */
void arch_switch_to(struct arch_thread *prev, uintptr_t *prev_ctx, struct arch_thread *next,
                    uintptr_t next_ctx, uintptr_t next_kstack_top);
/* Start the first process: never returns. */
void arch_start_first(struct arch_thread *t, uintptr_t ctx, uintptr_t kstack_top) __attribute__((noreturn));

#endif
