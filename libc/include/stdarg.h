#ifndef _STDARG_H
#define _STDARG_H

#include <bits/alltypes.h>

/* The compiler knows the i386 calling convention; let it do the work. */
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_end(ap) __builtin_va_end(ap)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_copy(dst, src) __builtin_va_copy(dst, src)

#endif
