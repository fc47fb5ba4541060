#ifndef _SETJMP_H
#define _SETJMP_H

/* Saved: ebx, esi, edi, ebp (callee-saved in the i386 SysV ABI), esp, eip. */
typedef unsigned long jmp_buf[6];

__attribute__((__returns_twice__)) int setjmp(jmp_buf env);
__attribute__((__noreturn__)) void longjmp(jmp_buf env, int val);

#endif
