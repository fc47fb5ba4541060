/*
 * The i386 virtual address space, 3 GiB user / 1 GiB kernel:
 *
 *   0x00000000 .. 0xBFFFFFFF   user space (per process)
 *   0xC0000000 .. 0xEFFFFFFF   direct map of physical memory 0 .. 768 MiB (kernel image at 1 MiB)
 *   0xF0000000 .. 0xFFBFFFFF   kernel virtual area: kernel stacks and large kmalloc blocks
 *   0xFFC00000 .. 0xFFFFFFFF   unused, so that a wild pointer near -1 faults
 *
 * The page tables for everything above 0xC0000000 are made once at boot and shared by every
 * address space, so a kernel mapping made later is seen everywhere without copying.
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#define PAGE_SIZE        4096u
#define PAGE_SHIFT       12
#define KERNEL_BASE      0xC0000000u
#define USER_TOP         0xC0000000u          /* first address user code may not touch */
#define DIRECT_MAP_SIZE  (768u << 20)
#define KVIRT_START      0xF0000000u
#define KVIRT_END        0xFFC00000u

#ifndef __ASSEMBLER__
#include <stdint.h>
typedef uint32_t paddr_t;

static inline void *phys_to_virt(paddr_t pa) { return (void *)(uintptr_t)(pa + KERNEL_BASE); }
static inline paddr_t virt_to_phys(const void *va) { return (paddr_t)((uintptr_t)va - KERNEL_BASE); }
#endif

#endif
