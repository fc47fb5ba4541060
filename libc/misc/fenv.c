/*
 * The rounding mode (C11 7.6.3).  libc does its own floating point on the
 * x87 (-march=i686), but a program built with -mfpmath=sse rounds with the
 * SSE unit's MXCSR, so fesetround sets both, as glibc does on i386.
 */
#include <fenv.h>

#define X87_RC_MASK 0xc00	/* control word bits 10-11 */
#define MXCSR_RC_SHIFT 3	/* MXCSR's RC is bits 13-14, same encoding */
#define CPUID_EDX_SSE (1u << 25)

int fegetround(void)
{
	unsigned short cw;

	__asm__ volatile("fnstcw %0" : "=m"(cw));
	return cw & X87_RC_MASK;
}

static int have_sse(void)
{
	unsigned a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return (d & CPUID_EDX_SSE) != 0;
}

int fesetround(int mode)
{
	unsigned short cw;
	unsigned mxcsr;

	if (mode & ~X87_RC_MASK)
		return -1;
	__asm__ volatile("fnstcw %0" : "=m"(cw));
	cw = (cw & ~X87_RC_MASK) | mode;
	__asm__ volatile("fldcw %0" : : "m"(cw));
	if (have_sse()) {
		__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
		mxcsr = (mxcsr & ~(X87_RC_MASK << MXCSR_RC_SHIFT)) | (unsigned)mode << MXCSR_RC_SHIFT;
		__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	}
	return 0;
}
