; arch_switch_stacks(uint32_t *save_esp, uint32_t new_esp): the one place the kernel changes
; which process it runs. Saves the callee-saved registers on the current kernel stack, stores
; esp, loads the other stack and returns on it, into whatever switched away from there
; (or, for a new process, into trap_return: see arch_thread_init).
section .text
global arch_switch_stacks
arch_switch_stacks:
    mov eax, [esp + 4]
    mov edx, [esp + 8]
    push ebp
    push ebx
    push esi
    push edi
    mov [eax], esp
    mov esp, edx
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret
