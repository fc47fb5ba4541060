/* syscall(2): the escape hatch for calls that have no wrapper of their own. */
#include <stdarg.h>
#include <unistd.h>
#include "syscall.h"

long syscall(long nr, ...)
{
	va_list ap;
	long a, b, c, d, e, f;

	/* Reading six arguments when fewer were passed is what every libc does:
	   the kernel ignores the extra registers. */
	va_start(ap, nr);
	a = va_arg(ap, long);
	b = va_arg(ap, long);
	c = va_arg(ap, long);
	d = va_arg(ap, long);
	e = va_arg(ap, long);
	f = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(nr, a, b, c, d, e, f));
}
