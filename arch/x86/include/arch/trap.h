/* Vector numbers and the page-fault error code (Intel SDM vol. 3A, 6.15 and 4.7). */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#define VECTOR_DIVIDE        0
#define VECTOR_DEBUG         1
#define VECTOR_NMI           2
#define VECTOR_BREAKPOINT    3
#define VECTOR_OVERFLOW      4
#define VECTOR_BOUND         5
#define VECTOR_INVALID_OP    6
#define VECTOR_NO_FPU        7
#define VECTOR_DOUBLE_FAULT  8
#define VECTOR_INVALID_TSS   10
#define VECTOR_NO_SEGMENT    11
#define VECTOR_STACK_FAULT   12
#define VECTOR_GP            13
#define VECTOR_PAGE_FAULT    14
#define VECTOR_FPU_ERROR     16
#define VECTOR_ALIGNMENT     17
#define VECTOR_MACHINE_CHECK 18
#define VECTOR_SIMD          19
#define VECTOR_IRQ_BASE      32          /* the PICs are remapped here */
#define VECTOR_SYSCALL       0x80

#define IRQ_TIMER            0
#define IRQ_KEYBOARD         1
#define IRQ_COM1             4

/* Page-fault error code bits. */
#define PF_PRESENT   0x01     /* 0: page not present; 1: protection violation */
#define PF_WRITE     0x02     /* 0: read; 1: write */
#define PF_USER      0x04     /* 0: kernel mode; 1: user mode */
#define PF_RSVD      0x08     /* a reserved bit was set in a paging entry */
#define PF_INSTR     0x10     /* instruction fetch (with NX only) */

#ifndef __ASSEMBLER__
struct trap_frame;
const char *trap_name(unsigned vector);
void gdt_init(void);
void idt_init(void);
void pic_init(void);
void pic_eoi(unsigned irq);
void pic_unmask(unsigned irq);
void pit_init(unsigned hz);
void gdt_set_tls(int slot, unsigned base, unsigned limit, _Bool limit_in_pages, _Bool present);
#endif

#endif
