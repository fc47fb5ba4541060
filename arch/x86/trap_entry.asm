; Every interrupt, exception and int 0x80 enters here, builds a struct trap_frame
; (arch/x86/include/arch/cpu.h; its layout is checked there) and calls trap_dispatch(frame).

%define SEL_KERNEL_DATA 0x10

section .text

; Vectors where the CPU pushes an error code (Intel SDM vol. 3A, table 6-1).
%macro VECTOR 1
vector%1:
%if (%1 == 8) || (%1 >= 10 && %1 <= 14) || (%1 == 17) || (%1 == 21) || (%1 == 29) || (%1 == 30)
%else
    push dword 0                    ; a zero error code keeps one frame layout
%endif
    push dword %1
    jmp trap_common
%endmacro

%assign i 0
%rep 256
VECTOR i
%assign i i + 1
%endrep

extern trap_dispatch
trap_common:
    push ds
    push es
    push fs
    push gs
    pusha
    mov ax, SEL_KERNEL_DATA
    mov ds, ax
    mov es, ax
    cld                             ; the C ABI wants the direction flag clear
    push esp                        ; struct trap_frame *
    call trap_dispatch
    add esp, 4

; Also where a new process starts: its kernel stack is made to hold a trap frame to return to.
global trap_return
trap_return:
    popa
    pop gs
    pop fs
    pop es
    pop ds
    add esp, 8                      ; vector and error code
    iret

section .rodata
global trap_vectors
trap_vectors:
%assign i 0
%rep 256
    dd vector %+ i
%assign i i + 1
%endrep
