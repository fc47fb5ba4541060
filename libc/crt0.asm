; crt0: where every pagewise (and Linux i386) program starts.
;
; The kernel enters _start with the initial process stack of the i386
; System V ABI (chapter 3, "Process Initialization"):
;
;	esp ->	argc
;		argv[0] .. argv[argc-1], NULL
;		envp[0] .. , NULL
;		auxv pairs (type, value) .. , AT_NULL
;
; and no other register is promised.  We hand that stack pointer to C
; (__libc_start in misc/libc_start.c), which finds argv, envp and auxv,
; runs main and exits with its value.

	bits 32
	%include "syscall_nr.inc"
	section .text
	global _start
	extern __libc_start

_start:
	xor ebp, ebp		; a zero frame pointer ends gdb's backtraces here
	mov eax, esp		; the initial stack, before we move esp
	and esp, -16		; the ABI wants 16-byte alignment at each call
	sub esp, 12
	push eax
	call __libc_start	; does not return
	; If it ever did, do not run off into whatever follows.
	mov ebx, 127
	mov eax, __NR_exit_group
	int 0x80
	hlt			; privileged: faults if even exit_group failed

	; No executable stack wanted (ld warns otherwise).
	section .note.GNU-stack noalloc noexec nowrite progbits
