/* What libc's parts tell each other and nobody else. */
#ifndef _INTERNAL_LIBC_H
#define _INTERNAL_LIBC_H

/* The auxiliary vector, found by __libc_start. */
extern unsigned long *__auxv;

/* Set up the main thread's __thread variables, if the program has any (thread/self.c). */
void __libc_init_tls(void);

/* Write out every stdio buffer; exit() calls it after the atexit handlers. */
void __stdio_exit(void);

#endif
