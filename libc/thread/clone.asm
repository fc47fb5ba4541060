; int __thread_clone(unsigned flags, void *stack, int *parent_tid, struct user_desc *tls,
;                    int *child_tid)
;
; clone(2) for a new thread, in i386 argument order. In assembly because the child wakes
; on a stack of its own, with nothing of the C caller's frame: pthread_create has put the
; function to run and its one argument there, [esp] = fn, [esp+4] = arg, and fn never
; returns (it ends in pthread_exit). The parent gets the new tid, or -errno.

	bits 32
	%include "syscall_nr.inc"
	section .text
	global __thread_clone

__thread_clone:
	push ebx
	push esi
	push edi
	mov ebx, [esp + 16]	; flags
	mov ecx, [esp + 20]	; stack
	mov edx, [esp + 24]	; parent_tid
	mov esi, [esp + 28]	; tls
	mov edi, [esp + 32]	; child_tid
	mov eax, __NR_clone
	int 0x80
	test eax, eax
	jz .child
	pop edi
	pop esi
	pop ebx
	ret
.child:
	xor ebp, ebp		; the end of gdb's backtraces, as in crt0
	pop eax			; fn; esp now points at arg, 16-byte aligned
	call eax
	hlt			; fn does not return; if it did, fault rather than run on

	section .note.GNU-stack noalloc noexec nowrite progbits
