/*
 * The global descriptor table and the task state segment (Intel SDM vol. 3A, 3.4.5 and 7.2).
 * Segmentation is flat: every code and data segment spans 4 GiB; protection comes from paging.
 * The TSS is used only for esp0/ss0, the stack the CPU switches to on a trap from ring 3.
 */
#include <kernel.h>
#include <arch/cpu.h>
#include <arch/segments.h>

struct gdt_entry {
    uint16_t limit_low, base_low;
    uint8_t base_mid, access, limit_high_flags, base_high;
} __attribute__((packed));

struct gdt_pointer {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

struct tss {
    uint32_t prev, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));

#define ACC_PRESENT   0x80
#define ACC_DPL(n)    ((n) << 5)
#define ACC_SEGMENT   0x10        /* code/data (not system) */
#define ACC_CODE      0x0A        /* execute/read */
#define ACC_DATA      0x02        /* read/write */
#define ACC_TSS32     0x09        /* available 32-bit TSS */
#define FLAG_4K_32BIT 0xC0        /* granularity 4 KiB, 32-bit operands */

static struct gdt_entry gdt[GDT_ENTRIES];
static struct tss tss;

static void set_entry(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    gdt[i].limit_low = limit & 0xFFFF;
    gdt[i].base_low = base & 0xFFFF;
    gdt[i].base_mid = (base >> 16) & 0xFF;
    gdt[i].access = access;
    gdt[i].limit_high_flags = (uint8_t)(((limit >> 16) & 0x0F) | flags);
    gdt[i].base_high = (uint8_t)(base >> 24);
}

void gdt_init(void)
{
    set_entry(GDT_KERNEL_CODE, 0, 0xFFFFF, ACC_PRESENT | ACC_DPL(0) | ACC_SEGMENT | ACC_CODE, FLAG_4K_32BIT);
    set_entry(GDT_KERNEL_DATA, 0, 0xFFFFF, ACC_PRESENT | ACC_DPL(0) | ACC_SEGMENT | ACC_DATA, FLAG_4K_32BIT);
    set_entry(GDT_USER_CODE, 0, 0xFFFFF, ACC_PRESENT | ACC_DPL(3) | ACC_SEGMENT | ACC_CODE, FLAG_4K_32BIT);
    set_entry(GDT_USER_DATA, 0, 0xFFFFF, ACC_PRESENT | ACC_DPL(3) | ACC_SEGMENT | ACC_DATA, FLAG_4K_32BIT);
    tss.ss0 = SEL_KERNEL_DATA;
    tss.iomap_base = sizeof tss;          /* no I/O permission bitmap: ring 3 gets no ports */
    set_entry(GDT_TSS, (uint32_t)&tss, sizeof tss - 1, ACC_PRESENT | ACC_TSS32, 0);

    struct gdt_pointer p = { sizeof gdt - 1, (uint32_t)gdt };
    __asm__ volatile(
        "lgdt %0\n\t"
        "mov %1, %%ds\n\t mov %1, %%es\n\t mov %1, %%ss\n\t"
        "xor %%eax, %%eax\n\t mov %%ax, %%fs\n\t mov %%ax, %%gs\n\t"
        "ljmp %2, $1f\n"
        "1:\n\t"
        "ltr %w3"
        : : "m"(p), "r"(SEL_KERNEL_DATA), "i"(SEL_KERNEL_CODE), "r"(SEL_TSS) : "eax", "memory");
}

void arch_set_kernel_stack(uintptr_t top) { tss.esp0 = top; }

/* Install a user TLS descriptor (set_thread_area); limit in pages when limit_in_pages. */
void gdt_set_tls(int slot, uint32_t base, uint32_t limit, bool limit_in_pages, bool present)
{
    int i = GDT_TLS_MIN + slot;
    if (!present) {
        memset(&gdt[i], 0, sizeof gdt[i]);
        return;
    }
    set_entry(i, base, limit, ACC_PRESENT | ACC_DPL(3) | ACC_SEGMENT | ACC_DATA,
              limit_in_pages ? FLAG_4K_32BIT : 0x40);
}
