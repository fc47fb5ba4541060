; Copies between kernel and user memory that may fault. A fault inside [uaccess_start,
; uaccess_end) is first offered to the demand-paging handler; when that refuses, the trap
; code resumes at uaccess_fault, which returns the number of bytes not done (ecx) — so the
; C wrappers can answer -EFAULT instead of the kernel dying.
section .text
global uaccess_start, uaccess_end, uaccess_fault
global arch_copy_user, arch_clear_user, arch_strncpy_user

uaccess_start:

; size_t arch_copy_user(void *dst, const void *src, size_t n): bytes NOT copied
arch_copy_user:
    push esi
    push edi
    mov edi, [esp + 12]
    mov esi, [esp + 16]
    mov ecx, [esp + 20]
    rep movsb
    mov eax, ecx
    pop edi
    pop esi
    ret

; size_t arch_clear_user(void *dst, size_t n): bytes NOT cleared
arch_clear_user:
    push esi
    push edi
    mov edi, [esp + 12]
    mov ecx, [esp + 16]
    xor eax, eax
    rep stosb
    mov eax, ecx
    pop edi
    pop esi
    ret

; long arch_strncpy_user(char *dst, const char *src, size_t max):
; the length copied without the NUL, max when no NUL came, or -1 on a fault
arch_strncpy_user:
    push esi
    push edi
    mov edi, [esp + 12]
    mov esi, [esp + 16]
    mov ecx, -1             ; what uaccess_fault returns if a byte faults
    xor edx, edx
.next:
    cmp edx, [esp + 20]
    je .done
    mov al, [esi + edx]
    mov [edi + edx], al
    test al, al
    jz .done
    inc edx
    jmp .next
.done:
    mov eax, edx
    pop edi
    pop esi
    ret

; Resumed here after a fault that could not be fixed, with the stack as each function left it
; (esi and edi pushed): the copy loops return the count not done (rep keeps it in ecx, and it is
; not zero, since the faulting byte was not done); arch_strncpy_user returns -1 from ecx.
uaccess_fault:
    mov eax, ecx
    pop edi
    pop esi
    ret

uaccess_end:
