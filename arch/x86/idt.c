/* The interrupt descriptor table: all 256 vectors lead to trap_entry.asm (Intel SDM vol. 3A, 6.11). */
#include <kernel.h>
#include <arch/cpu.h>
#include <arch/segments.h>
#include <arch/trap.h>

struct idt_gate {
    uint16_t offset_low, selector;
    uint8_t zero, type_attr;
    uint16_t offset_high;
} __attribute__((packed));

#define GATE_PRESENT   0x80
#define GATE_DPL(n)    ((n) << 5)
#define GATE_INT32     0x0E    /* interrupt gate: IF cleared on entry, the kernel runs with interrupts off */

extern const uint32_t trap_vectors[256];
static struct idt_gate idt[256];

void idt_init(void)
{
    for (int v = 0; v < 256; v++) {
        /* Ring 3 may raise only int 0x80, int3 and into (as on Linux: SIGTRAP, SIGSEGV);
         * any other "int n" there is a general-protection fault. */
        int dpl = v == VECTOR_SYSCALL || v == VECTOR_BREAKPOINT || v == VECTOR_OVERFLOW ? 3 : 0;
        idt[v] = (struct idt_gate){
            .offset_low = trap_vectors[v] & 0xFFFF,
            .selector = SEL_KERNEL_CODE,
            .type_attr = GATE_PRESENT | GATE_DPL(dpl) | GATE_INT32,
            .offset_high = trap_vectors[v] >> 16,
        };
    }
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) p = { sizeof idt - 1, (uint32_t)idt };
    __asm__ volatile("lidt %0" : : "m"(p));
}
