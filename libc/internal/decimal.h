/*
 * Big numbers in base 10^9, as printf's and strtod's exact conversions use
 * them: limb 0 is the lowest.  Only multiplication and division by a small
 * number are needed, each limb's step being one 64-by-32-bit division.
 */
#ifndef _INTERNAL_DECIMAL_H
#define _INTERNAL_DECIMAL_H

#include <fenv.h>
#include <stdint.h>

#define DEC_BASE 1000000000u
#define DEC_DIGITS 9	/* decimal digits in a limb */

static const uint32_t __pow10[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
};

/* x / 10^9 and x % 10^9 for x < 10^9 * 2^32.  gcc calls libgcc's 64-bit
 * division for this; i386's divl does it in one instruction when the
 * quotient fits 32 bits, which that bound guarantees. */
static inline uint32_t __dec_divmod(uint64_t x, uint32_t *rem)
{
#ifdef __i386__
	uint32_t q, r;

	__asm__("divl %4" : "=a"(q), "=d"(r) : "a"((uint32_t)x), "d"((uint32_t)(x >> 32)), "rm"(DEC_BASE));
	*rem = r;
	return q;
#else
	*rem = (uint32_t)(x % DEC_BASE);
	return (uint32_t)(x / DEC_BASE);
#endif
}

/* d[0..*n) *= f, growing *n; f below 2^32 - 5 keeps each step in divl's range. */
static inline void __dec_mul(uint32_t *d, int *n, uint32_t f)
{
	uint32_t carry = 0;
	int i;

	for (i = 0; i < *n; i++)
		carry = __dec_divmod((uint64_t)d[i] * f + carry, &d[i]);
	while (carry) {
		d[(*n)++] = carry % DEC_BASE;
		carry /= DEC_BASE;
	}
}

/* Decimal digits in one limb's value (at least 1). */
static inline int __dec_limb_digits(uint32_t v)
{
	int k = 1;

	while (k < DEC_DIGITS && v >= __pow10[k])
		k++;
	return k;
}

/* Whether dropping a tail rounds the kept part up, in rounding mode mode
 * (fenv.h): the tail is above half (above), exactly half (half), or not
 * zero (inexact); odd is the kept part's last digit.  As glibc's printf and
 * strtod round (stdio-common/printf_fp.c: round_away). */
static inline int __round_up(int mode, int neg, int odd, int above, int half, int inexact)
{
	switch (mode) {
	case FE_TONEAREST: return above || (half && odd);
	case FE_UPWARD: return inexact && !neg;
	case FE_DOWNWARD: return inexact && neg;
	default: return 0;	/* FE_TOWARDZERO */
	}
}

#endif
