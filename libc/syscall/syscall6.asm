; long __syscall6(long n, long a, long b, long c, long d, long e, long f)
;
; The six-argument system call, out of line because the sixth argument goes
; in ebp, which C code may be using as its frame pointer.  Returns the raw
; kernel result; the caller passes it to __syscall_ret.

	bits 32
	section .text
	global __syscall6

__syscall6:
	; ebx, esi, edi and ebp are callee-saved in the i386 SysV ABI.
	push ebp
	push edi
	push esi
	push ebx
	; 4 saved registers + return address = 20 bytes above the arguments.
	mov eax, [esp + 20]
	mov ebx, [esp + 24]
	mov ecx, [esp + 28]
	mov edx, [esp + 32]
	mov esi, [esp + 36]
	mov edi, [esp + 40]
	mov ebp, [esp + 44]
	int 0x80
	pop ebx
	pop esi
	pop edi
	pop ebp
	ret

	section .note.GNU-stack noalloc noexec nowrite progbits
