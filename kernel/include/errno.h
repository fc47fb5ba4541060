/* Linux's errno numbers: the kernel returns -E... exactly as Linux i386 does. */
#ifndef ERRNO_H
#define ERRNO_H

#include <abi/errno.h>

#endif
