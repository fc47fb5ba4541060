/*
 * brk(2) and sbrk: the program break, the top of the heap after the bss.
 *
 * The raw Linux call is not the C one: brk(addr) returns the new break on
 * success and the unchanged old break on failure (never -errno), and
 * brk(0) just asks where the break is.  So failure is "result != asked".
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include "syscall.h"

static uintptr_t cur;	/* our idea of the break; 0 until first asked */

int brk(void *end)
{
	uintptr_t r = __syscall(__NR_brk, end);

	if (r != (uintptr_t)end) {
		cur = r;
		errno = ENOMEM;
		return -1;
	}
	cur = r;
	return 0;
}

void *sbrk(long inc)
{
	uintptr_t old, new;

	if (!cur)
		cur = __syscall(__NR_brk, 0);
	old = cur;
	if (inc == 0)
		return (void *)old;
	new = old + inc;
	/* The sum must not wrap around the address space either way. */
	if ((inc > 0 && new < old) || (inc < 0 && new > old)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	if (brk((void *)new) < 0)
		return (void *)-1;
	return (void *)old;
}
