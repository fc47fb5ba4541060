/* The x86 CPU as the rest of the kernel sees it: the trap frame and a few instructions. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arch/trap.h>

/*
 * What trap_entry.asm leaves on the kernel stack, lowest address first. The CPU pushes
 * eip..eflags (and user_esp, user_ss when it came from ring 3), the vector stub pushes
 * vector and error (0 where the CPU pushes none), the common stub pushes the segment
 * registers and then "pusha". One definition, passed by pointer everywhere.
 */
struct trap_frame {
    uint32_t edi, esi, ebp, kernel_esp, ebx, edx, ecx, eax;   /* pusha */
    uint32_t gs, fs, es, ds;
    uint32_t vector, error;
    uint32_t eip, cs, eflags;
    uint32_t user_esp, user_ss;                               /* only from ring 3 */
};

_Static_assert(offsetof(struct trap_frame, eax) == 28, "pusha block");
_Static_assert(offsetof(struct trap_frame, gs) == 32, "segment block");
_Static_assert(offsetof(struct trap_frame, vector) == 48, "vector pushed by the stub");
_Static_assert(offsetof(struct trap_frame, eip) == 56, "CPU-pushed block");
_Static_assert(sizeof(struct trap_frame) == 76, "trap frame size used by trap_entry.asm");

#define EFLAGS_IF   0x200u          /* interrupts enabled */
#define EFLAGS_RSVD 0x002u          /* bit 1 always reads as one */

static inline int trap_from_user(const struct trap_frame *tf) { return (tf->cs & 3) == 3; }
static inline void arch_set_syscall_return(struct trap_frame *tf, uint32_t v) { tf->eax = v; }
static inline uintptr_t arch_trap_ip(const struct trap_frame *tf) { return tf->eip; }
static inline uintptr_t arch_trap_user_sp(const struct trap_frame *tf) { return tf->user_esp; }
static inline void arch_set_user_sp(struct trap_frame *tf, uintptr_t sp) { tf->user_esp = (uint32_t)sp; }
/* The system call a frame entered the kernel for (int $0x80: number in eax, arguments in ebx,
 * ecx, edx, esi, edi, ebp); false when it was a fault or an interrupt. */
static inline bool arch_trap_syscall(const struct trap_frame *tf, unsigned *nr, uint32_t args[6])
{
    if (tf->vector != VECTOR_SYSCALL)
        return false;
    *nr = tf->eax;
    args[0] = tf->ebx, args[1] = tf->ecx, args[2] = tf->edx;
    args[3] = tf->esi, args[4] = tf->edi, args[5] = tf->ebp;
    return true;
}
/* Make the interrupted "int $0x80" (2 bytes) run again, with its number back in eax. */
static inline void arch_restart_syscall(struct trap_frame *tf, unsigned nr)
{
    tf->eip -= 2;
    tf->eax = nr;
}

static inline void cpu_cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void cpu_sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void cpu_hlt(void) { __asm__ volatile("hlt" ::: "memory"); }
/* Enable interrupts and wait for one, with no window for a lost wake-up in between. */
static inline void cpu_sti_hlt(void) { __asm__ volatile("sti; hlt" ::: "memory"); }

static inline uint32_t cpu_eflags(void)
{
    uint32_t f;
    __asm__ volatile("pushfl; popl %0" : "=r"(f));
    return f;
}
static inline uint32_t read_cr0(void) { uint32_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr2(void) { uint32_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr3(void) { uint32_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr4(void) { uint32_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Interrupt-disable nesting for short critical sections. */
static inline uint32_t irq_save(void) { uint32_t f = cpu_eflags(); cpu_cli(); return f; }
static inline void irq_restore(uint32_t f) { if (f & EFLAGS_IF) cpu_sti(); }

void arch_cpu_init(void);                          /* GDT, TSS, IDT, PIC */
void arch_set_kernel_stack(uintptr_t top);         /* where ring-3 traps land */
void arch_dump_trap_frame(const struct trap_frame *tf);   /* registers and backtrace */
void arch_divide_by_zero(void);
void arch_backtrace(uintptr_t ebp);
void arch_poweroff(int status) __attribute__((noreturn));

#endif
