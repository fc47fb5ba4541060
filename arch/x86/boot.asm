; pagewise entry: the Multiboot v1 header and the first instructions after the boot loader.
;
; GRUB (or QEMU's -kernel loader) jumps to _start in 32-bit protected mode, paging off,
; eax = 0x2BADB002, ebx = physical address of the Multiboot information structure.
; The kernel is linked at 0xC0100000 but loaded at 0x00100000, so until paging is on every
; address we touch must be translated by hand (V2P).  We turn paging on with a boot page
; directory of 4 MiB pages (PSE) mapping the first 768 MiB twice: at 0 (so the instruction
; after "mov cr0" still runs) and at 0xC0000000.  C code replaces it with 4 KiB page tables.

%define KERNEL_BASE     0xC0000000
%define V2P(a)          ((a) - KERNEL_BASE)
%define BOOT_MAP_PDES   192                 ; 192 * 4 MiB = 768 MiB, the direct-map size

%define MB_MAGIC        0x1BADB002
%define MB_FLAGS        0x00000003          ; bit 0: align modules on pages, bit 1: memory map
%define PDE_PRESENT     0x001
%define PDE_WRITE       0x002
%define PDE_4MB         0x080
%define CR0_PG          0x80000000
%define CR0_WP          0x00010000          ; supervisor writes honour read-only pages
%define CR4_PSE         0x00000010

section .multiboot
align 4
    dd MB_MAGIC
    dd MB_FLAGS
    dd -(MB_MAGIC + MB_FLAGS)

section .bss
align 4096
global boot_page_dir
boot_page_dir:  resb 4096
global boot_stack_bottom, boot_stack_top
boot_stack_bottom:
                resb 16384
boot_stack_top:

section .text.boot
global _start
extern kmain
_start:
    cli
    mov esi, eax                            ; keep the boot loader's magic and info pointer
    mov edi, ebx

    ; Fill the boot page directory: PDE[i] and PDE[768 + i] both map physical 4 MiB chunk i.
    mov ecx, 0
.fill:
    mov eax, ecx
    shl eax, 22
    or eax, PDE_PRESENT | PDE_WRITE | PDE_4MB
    mov [V2P(boot_page_dir) + ecx * 4], eax
    mov [V2P(boot_page_dir) + (KERNEL_BASE >> 22) * 4 + ecx * 4], eax
    inc ecx
    cmp ecx, BOOT_MAP_PDES
    jne .fill

    mov eax, cr4
    or eax, CR4_PSE
    mov cr4, eax
    mov eax, V2P(boot_page_dir)
    mov cr3, eax
    mov eax, cr0
    or eax, CR0_PG | CR0_WP
    mov cr0, eax

    lea eax, [.higher_half]                 ; an absolute (0xC01...) address: leave the identity map
    jmp eax
.higher_half:
    mov esp, boot_stack_top
    xor ebp, ebp                            ; a zero frame pointer ends every backtrace
    push edi                                ; multiboot info (physical)
    push esi                                ; multiboot magic
    call kmain
.hang:
    cli
    hlt
    jmp .hang
