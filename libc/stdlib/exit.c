/*
 * exit(3) and atexit(3).  Order (C11 7.22.4.4): atexit functions in reverse
 * order of registration, then stdio buffers flushed, then the process ends.
 */
#include <stdlib.h>
#include <unistd.h>
#include "libc.h"

/* C requires room for at least 32; a fixed table keeps exit malloc-free. */
#define ATEXIT_SLOTS 32

static void (*handlers[ATEXIT_SLOTS])(void);
static int count;

/* Weak: a program that never touches stdio does not pull it in just to
   flush nothing.  stdio/stdfiles.c has the real one. */
static void no_stdio(void)
{
}
__attribute__((__weak__, __alias__("no_stdio"))) void __stdio_exit(void);

int atexit(void (*fn)(void))
{
	if (count == ATEXIT_SLOTS)
		return -1;
	handlers[count++] = fn;
	return 0;
}

/* A handler that calls atexit or exit again still sees each handler run once. */
void exit(int status)
{
	while (count > 0)
		handlers[--count]();
	__stdio_exit();
	_exit(status);
}

void _Exit(int status)
{
	_exit(status);
}
