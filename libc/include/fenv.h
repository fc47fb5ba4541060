#ifndef _FENV_H
#define _FENV_H

/* The rounding modes are the x87 control word's RC field (bits 10-11), as in
 * glibc for i386; printf and strtod round in the current one, as glibc does. */
#define FE_TONEAREST 0
#define FE_DOWNWARD 0x400
#define FE_UPWARD 0x800
#define FE_TOWARDZERO 0xc00

int fegetround(void);
int fesetround(int mode);

#endif
