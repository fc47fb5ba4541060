; pid_t vfork(void)
;
; In assembly because the child runs on the parent's stack until it calls
; execve or _exit: a C wrapper's return would pop the frame the parent
; still needs.  We take our return address off the stack before the call, so
; the child cannot leave a different one behind, and push it back after.

	bits 32
	%include "syscall_nr.inc"
	section .text
	global vfork
	extern __syscall_ret

vfork:
	pop edx			; return address; edx survives int 0x80
	mov eax, __NR_vfork
	int 0x80
	push edx
	push eax
	call __syscall_ret	; errno, as for every other call
	add esp, 4
	ret

	section .note.GNU-stack noalloc noexec nowrite progbits
