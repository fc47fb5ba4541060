; setjmp(3) and longjmp(3) for i386.
;
; jmp_buf holds what the i386 SysV ABI says a called function must preserve
; (ebx, esi, edi, ebp), plus the stack pointer and return address that
; setjmp's caller expects back:
;
;	[0] ebx  [4] esi  [8] edi  [12] ebp  [16] esp after setjmp returns  [20] eip
;
; No signal mask is saved: this libc has no signal handlers yet.

	bits 32
	section .text
	global setjmp
	global _setjmp
	global longjmp
	global _longjmp

setjmp:
_setjmp:
	mov eax, [esp + 4]	; env
	mov [eax], ebx
	mov [eax + 4], esi
	mov [eax + 8], edi
	mov [eax + 12], ebp
	lea ecx, [esp + 4]	; esp as it will be once we have returned
	mov [eax + 16], ecx
	mov ecx, [esp]		; our return address
	mov [eax + 20], ecx
	xor eax, eax		; the direct return gives 0
	ret

longjmp:
_longjmp:
	mov edx, [esp + 4]	; env
	mov eax, [esp + 8]	; val
	test eax, eax		; setjmp must not seem to return 0 twice (C11 7.13.2.1)
	jnz .nonzero
	inc eax
.nonzero:
	mov ebx, [edx]
	mov esi, [edx + 4]
	mov edi, [edx + 8]
	mov ebp, [edx + 12]
	mov esp, [edx + 16]
	jmp [edx + 20]

	section .note.GNU-stack noalloc noexec nowrite progbits
