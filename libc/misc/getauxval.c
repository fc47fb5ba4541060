/* getauxval(3): look up the kernel's auxiliary vector (AT_PAGESZ, AT_RANDOM, ...). */
#include <errno.h>
#include <sys/auxv.h>
#include "libc.h"

unsigned long getauxval(unsigned long type)
{
	unsigned long *a;

	for (a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}
