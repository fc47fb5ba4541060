/*
 * From the kernel's initial stack to main().  crt0.asm passes the stack
 * pointer the kernel gave it; the layout is the i386 System V ABI's.
 */
#include <stdlib.h>
#include "libc.h"

char **environ;
unsigned long *__auxv;

int main(int argc, char **argv, char **envp);

__attribute__((__noreturn__)) void __libc_start(long *sp);

void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p;

	environ = envp;
	for (p = envp; *p; p++)
		;
	__auxv = (unsigned long *)(p + 1);
	__libc_init_tls();

	/* stdio needs no set-up: its FILEs are static and decide their
	   buffering on first use.  exit() runs atexit handlers, then flushes. */
	exit(main(argc, argv, envp));
}
