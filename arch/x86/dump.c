/* Register dumps, backtraces and powering off: what the panic path needs from the CPU. */
#include <kernel.h>
#include <ksyms.h>
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/memlayout.h>
#include <arch/trap.h>

#define DEBUG_EXIT_PORT   0xF4     /* QEMU "-device isa-debug-exit,iobase=0xf4,iosize=4" */
#define ACPI_PM1A_CNT     0x604    /* QEMU's PIIX4 power-management block */
#define ACPI_SLP_EN_S5    0x2000
#define MAX_FRAMES        32

static void print_symbol(uintptr_t addr)
{
    uintptr_t off;
    const char *name = ksym_lookup(addr, &off);
    if (name)
        kprintf("  %#010x  %s+%#x\n", addr, name, off);
    else
        kprintf("  %#010x  ?\n", addr);
}

/* pusha saved esp after the CPU and the stubs pushed eip..gs: 9 words above the interrupted one. */
static uint32_t interrupted_kernel_esp(const struct trap_frame *tf)
{
    return tf->kernel_esp + (uint32_t)(offsetof(struct trap_frame, user_esp) - offsetof(struct trap_frame, gs));
}

void arch_dump_trap_frame(const struct trap_frame *tf)
{
    kprintf("trap %u (%s), error code %#x, from %s mode\n", tf->vector, trap_name(tf->vector),
            tf->error, trap_from_user(tf) ? "user" : "kernel");
    if (tf->vector == VECTOR_PAGE_FAULT) {
        uint32_t e = tf->error;
        kprintf("cr2 %#010x: %s, %s access, %s mode%s\n", read_cr2(),
                e & PF_PRESENT ? "protection violation" : "page not present",
                e & PF_WRITE ? "write" : "read", e & PF_USER ? "user" : "supervisor",
                e & PF_RSVD ? ", reserved bit set" : "");
    }
    kprintf("eax %08x ebx %08x ecx %08x edx %08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
    kprintf("esi %08x edi %08x ebp %08x esp %08x\n", tf->esi, tf->edi, tf->ebp,
            trap_from_user(tf) ? tf->user_esp : interrupted_kernel_esp(tf));
    kprintf("eip %08x eflags %08x cs %04x ds %04x es %04x fs %04x gs %04x\n", tf->eip, tf->eflags,
            tf->cs & 0xFFFF, tf->ds & 0xFFFF, tf->es & 0xFFFF, tf->fs & 0xFFFF, tf->gs & 0xFFFF);
    kprintf("cr0 %08x cr2 %08x cr3 %08x cr4 %08x\n", read_cr0(), read_cr2(), read_cr3(), read_cr4());
    kprintf("backtrace:\n");
    print_symbol(tf->eip);
    arch_backtrace(tf->ebp);
}

/* For the crash=divide test: a division by zero the compiler cannot fold away. */
void arch_divide_by_zero(void)
{
    uint32_t x = 1, zero = 0;
    __asm__ volatile("xor %%edx, %%edx; divl %1" : "+a"(x) : "r"(zero) : "edx");
}

/* Walk the frame-pointer chain: [ebp] is the caller's ebp, [ebp+4] the return address. */
void arch_backtrace(uintptr_t ebp)
{
    if (!ebp)
        return;
    for (int i = 0; i < MAX_FRAMES && ebp >= KERNEL_BASE && IS_ALIGNED(ebp, 4); i++) {
        const uint32_t *frame = (const uint32_t *)ebp;
        uintptr_t ret = frame[1];
        if (ret < KERNEL_BASE)
            break;
        print_symbol(ret - 1);     /* inside the call instruction, not after it */
        ebp = frame[0];
    }
}

void arch_poweroff(int status)
{
    cpu_cli();
    /* The runner reads the full status from this line; the exit port carries only 7 bits. */
    kprintf("\n[pagewise] power off, status %d\n", status);
    outl(DEBUG_EXIT_PORT, (uint32_t)status & 0x7F);
    outw(ACPI_PM1A_CNT, ACPI_SLP_EN_S5);      /* no debug-exit device: plain ACPI power-off */
    for (;;)
        cpu_hlt();
}
