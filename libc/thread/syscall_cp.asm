; long __syscall_cp_asm(volatile int *cancel, long n, long a, long b, long c, long d, long e, long f)
;
; A system call that is a cancellation point (thread/cancel.c). Between __cp_begin and
; __cp_end the thread has not yet entered the kernel, or is inside it (the kernel points a
; restarted call back at its int 0x80): a cancellation arriving there, as SIGCANCEL, moves the
; thread to __cp_cancel instead of letting the call run or go on. Past __cp_end the call has
; returned, and its result stands.

	bits 32
	section .text
	global __syscall_cp_asm, __cp_begin, __cp_end, __cp_cancel
	extern __cancel

__syscall_cp_asm:
	push ebp
	push edi
	push esi
	push ebx
	; 4 saved registers + return address = 20 bytes above the arguments.
__cp_begin:
	mov eax, [esp + 20]
	mov eax, [eax]
	test eax, eax
	jnz __cp_cancel
	mov eax, [esp + 24]
	mov ebx, [esp + 28]
	mov ecx, [esp + 32]
	mov edx, [esp + 36]
	mov esi, [esp + 40]
	mov edi, [esp + 44]
	mov ebp, [esp + 48]
	int 0x80
__cp_end:
	pop ebx
	pop esi
	pop edi
	pop ebp
	ret
__cp_cancel:
	pop ebx
	pop esi
	pop edi
	pop ebp
	jmp __cancel

	section .note.GNU-stack noalloc noexec nowrite progbits
