; Where a signal handler returns to (sa_restorer, with SA_RESTORER): the system calls that
; put back the registers the kernel saved in the signal frame. The kernel could also run
; such code from the stack, but a stack that cannot execute (NX, qemu-user) forbids that.
%include "syscall_nr.inc"

section .text
global __restore, __restore_rt

; Frame without SA_SIGINFO: the handler's ret popped the return address; pop the signal
; number too, so that esp is where sigreturn expects it.
__restore:
    pop eax
    mov eax, __NR_sigreturn
    int 0x80

__restore_rt:
    mov eax, __NR_rt_sigreturn
    int 0x80

section .note.GNU-stack noalloc noexec nowrite progbits
