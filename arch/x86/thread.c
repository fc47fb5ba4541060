/*
 * Processes as the CPU sees them: the first kernel stack of a new process, user-mode entry,
 * FPU state (saved eagerly at every switch: simple, and a few hundred cycles), TLS descriptors.
 */
#include <kernel.h>
#include <arch/cpu.h>
#include <arch/segments.h>
#include <arch/thread.h>
#include <arch/trap.h>

#define CR0_MP   0x02u
#define CR0_EM   0x04u
#define CR0_TS   0x08u
#define CR0_NE   0x20u
#define CR4_OSFXSR     0x200u
#define CR4_OSXMMEXCPT 0x400u
#define CPUID_FXSR (1u << 24)
#define MXCSR_VALID 0xFFBFu          /* the default MXCSR_MASK: bit 6 (DAZ) and 16+ reserved */
#define CPUID_SSE  (1u << 25)

extern void trap_return(void);
void arch_switch_stacks(uintptr_t *save, uintptr_t next);

static bool have_fxsr;
static uint8_t fpu_template[512] __attribute__((aligned(16)));

static void fpu_save(uint8_t *area)
{
    if (have_fxsr)
        __asm__ volatile("fxsave (%0)" : : "r"(area) : "memory");
    else
        __asm__ volatile("fnsave (%0); fwait" : : "r"(area) : "memory");
}

static void fpu_restore(const uint8_t *area)
{
    if (have_fxsr)
        __asm__ volatile("fxrstor (%0)" : : "r"(area) : "memory");
    else
        __asm__ volatile("frstor (%0)" : : "r"(area) : "memory");
}

void arch_fpu_init(void)
{
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1));
    have_fxsr = d & CPUID_FXSR;
    uint32_t cr0 = read_cr0();
    cr0 = (cr0 & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE;
    __asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
    if (have_fxsr) {
        uint32_t cr4 = read_cr4() | CR4_OSFXSR | ((d & CPUID_SSE) ? CR4_OSXMMEXCPT : 0);
        __asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
    }
    __asm__ volatile("fninit");
    fpu_save(fpu_template);
}

/* The running process's FPU state lives in the CPU: these act on it, for signal frames. */
void arch_fpu_save(struct arch_thread *t, uint8_t *area)
{
    (void)t;
    fpu_save(area);
}

void arch_fpu_restore(struct arch_thread *t, uint8_t *area)
{
    (void)t;
    if (have_fxsr) {
        /* A reserved MXCSR bit would make fxrstor fault in the kernel (Intel SDM vol. 1,
         * 10.5.1.2): user code wrote this image, so clear them. */
        uint32_t mxcsr;
        memcpy(&mxcsr, area + 24, sizeof mxcsr);
        mxcsr &= MXCSR_VALID;
        memcpy(area + 24, &mxcsr, sizeof mxcsr);
    }
    fpu_restore(area);
}

void arch_fpu_reset(struct arch_thread *t)
{
    (void)t;
    fpu_restore(fpu_template);
}

void arch_thread_reset(struct arch_thread *t)
{
    memcpy(t->fpu, fpu_template, sizeof t->fpu);
    memset(t->tls, 0, sizeof t->tls);
}

/*
 * Load a thread's TLS slots into the GDT. The kernel never uses %fs and %gs, so they still
 * hold whatever user code last loaded, and a trap taken in kernel mode saves and restores
 * them. If they name a slot that is now empty (execve has cleared the slots, or the next
 * process has none), that restore faults in trap_return: a kernel panic. So they are set to
 * the null selector here; each process's own values come back from its trap frame when it
 * returns to user mode.
 */
static void load_tls(const struct arch_thread *t)
{
    for (int i = 0; i < TLS_SLOTS; i++)
        gdt_set_tls(i, t->tls[i].base, t->tls[i].limit, t->tls[i].limit_in_pages, t->tls[i].present);
    __asm__ volatile("mov %0, %%fs\n\tmov %0, %%gs" : : "r"(0u));
}

void arch_thread_load(const struct arch_thread *t)
{
    fpu_restore(t->fpu);
    load_tls(t);
}

uint32_t arch_hwcap(void)
{
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1));
    return d;
}

uintptr_t arch_kstack_prepare(void *kstack, size_t size, struct trap_frame **tf)
{
    uintptr_t top = (uintptr_t)kstack + size;
    *tf = (struct trap_frame *)(top - sizeof(struct trap_frame));
    memset(*tf, 0, sizeof **tf);
    /* What arch_switch_stacks pops: edi, esi, ebx, ebp, then the return address. */
    uint32_t *sp = (uint32_t *)*tf;
    *--sp = (uint32_t)trap_return;
    for (int i = 0; i < 4; i++)
        *--sp = 0;
    return (uintptr_t)sp;
}

void arch_user_frame(struct trap_frame *tf, uintptr_t entry, uintptr_t sp)
{
    memset(tf, 0, sizeof *tf);
    tf->cs = SEL_USER_CODE;
    tf->ds = tf->es = tf->fs = SEL_USER_DATA;
    tf->gs = 0;
    tf->user_ss = SEL_USER_DATA;
    tf->eflags = EFLAGS_IF | EFLAGS_RSVD;
    tf->eip = entry;
    tf->user_esp = sp;
}


void arch_switch_to(struct arch_thread *prev, uintptr_t *prev_ctx, struct arch_thread *next,
                    uintptr_t next_ctx, uintptr_t next_kstack_top)
{
    fpu_save(prev->fpu);
    fpu_restore(next->fpu);
    load_tls(next);
    arch_set_kernel_stack(next_kstack_top);
    arch_switch_stacks(prev_ctx, next_ctx);
}

void arch_start_first(struct arch_thread *t, uintptr_t ctx, uintptr_t kstack_top)
{
    uintptr_t dummy;
    fpu_restore(t->fpu);
    load_tls(t);
    arch_set_kernel_stack(kstack_top);
    arch_switch_stacks(&dummy, ctx);
    panic("arch_start_first returned");
}
