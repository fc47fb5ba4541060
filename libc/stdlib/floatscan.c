/*
 * Text to float, correctly rounded in the current rounding mode, for strtod,
 * strtof, strtold and scanf's %e %f %g %a: the same bits and errno glibc
 * gives for every input.
 *
 * A decimal number is its digits D times 10^T.  D's digits go into base 10^9
 * limbs (decimal.h), which are then scaled by powers of two until the
 * integer part W is 66 to 96 bits: the value is W * 2^-s, plus a fraction
 * known only to be zero or not (sticky).  That is enough to round to any of
 * the three types, 24, 53 or 64 bits, and to tell a tie from a near-tie.
 * Digits beyond the type's limit only count as sticky: every number halfway
 * between two doubles has at most 768 significant digits (between two long
 * doubles 11515), so a longer input can never be a tie, nor round differently
 * from its first digits plus "something more".
 */
#include <errno.h>
#include <fenv.h>
#include <stdlib.h>
#include <string.h>
#include "decimal.h"
#include "scan.h"

struct type {
	int bits;	/* significand bits */
	int emin;	/* exponent of the smallest subnormal's bit */
	int emax;	/* exponent of the largest value's lowest bit */
	int max_digits;	/* significant digits worth keeping (see above) */
	int lead_max;	/* 10^lead_max and up overflow */
	int lead_min;	/* below 10^lead_min rounds to zero or the smallest */
};

static const struct type types[] = {
	[SCAN_FLOAT] = { 24, -149, 104, 120, 39, -47 },
	[SCAN_DOUBLE] = { 53, -1074, 971, 780, 309, -326 },
	[SCAN_LDOUBLE] = { 64, -16445, 16320, 11530, 4933, -4953 },
};

/* Limbs for the longest long double: 11530 digits, or 4952 + 11530 digits
 * of fraction when scaling up the smallest values. */
#define LIMBS 1900

/* A 128-bit unsigned number, w[0] lowest. */
struct u128 {
	uint32_t w[4];
};

static int bit_length(const struct u128 *x)
{
	int i, b;

	for (i = 3; i >= 0; i--)
		if (x->w[i])
			for (b = 31; b >= 0; b--)
				if (x->w[i] >> b & 1)
					return 32 * i + b + 1;
	return 0;
}

static int bit_at(const struct u128 *x, int i)
{
	return i >= 0 && i < 128 ? x->w[i / 32] >> (i % 32) & 1 : 0;
}

/* Any bit below bit i set? */
static int bits_below(const struct u128 *x, int i)
{
	int k;

	if (i <= 0)
		return 0;
	if (i > 128)
		i = 128;
	for (k = 0; k < i / 32; k++)
		if (x->w[k])
			return 1;
	return i % 32 && (x->w[i / 32] & ((1u << (i % 32)) - 1));
}

/* Bits [lo, lo + 64) of x. */
static uint64_t bits_from(const struct u128 *x, int lo)
{
	uint64_t v = 0;
	int i;

	for (i = 63; i >= 0; i--)
		v = v << 1 | bit_at(x, lo + i);
	return v;
}

/* Store m * 2^e (m below 2^bits; a subnormal when below 2^(bits-1)), or
 * infinity when inf. */
static void store(int type, int neg, uint64_t m, int e, int inf, void *out)
{
	const struct type *t = &types[type];
	int field = m >> (t->bits - 1) ? e - t->emin + 1 : 0;
	uint64_t b;
	uint32_t f;

	if (type == SCAN_LDOUBLE) {
		uint16_t se = (uint16_t)((inf ? 0x7fff : field) | neg << 15);

		if (inf)
			m = 1ULL << 63;
		memcpy(out, &m, 8);
		memcpy((char *)out + 8, &se, 2);
	} else if (type == SCAN_DOUBLE) {
		b = (uint64_t)neg << 63 | (inf ? 0x7ffULL << 52 : (uint64_t)field << 52 | (m & ((1ULL << 52) - 1)));
		memcpy(out, &b, 8);
	} else {
		f = (uint32_t)neg << 31 | (inf ? 0xffu << 23 : (uint32_t)field << 23 | ((uint32_t)m & ((1u << 23) - 1)));
		memcpy(out, &f, 4);
	}
}

/*
 * Round W * 2^-s (plus a nonzero fraction if sticky) to the type and store
 * it; ERANGE on overflow, and on underflow: a result tiny and inexact, tiny
 * meaning below the smallest normal once rounded to the type's precision
 * with unlimited exponent range (x86's tininess after rounding, as glibc's
 * strtod decides it).
 */
static void finish(int type, int neg, const struct u128 *W, int s, int sticky, void *out)
{
	const struct type *t = &types[type];
	int mode = fegetround(), bl = bit_length(W), e, drop, half, rest, up, tiny;
	uint64_t m, top = 1ULL << (t->bits - 1);

	if (!bl) {
		store(type, neg, 0, t->emin, 0, out);
		return;
	}
	/* the exponent of the lowest bit kept */
	e = bl - t->bits - s;
	if (e < t->emin)
		e = t->emin;
	drop = e + s;
	if (drop > 128) {
		m = 0;
		half = 0;
		rest = 1;
	} else {
		m = bits_from(W, drop) & (top | (top - 1));
		half = bit_at(W, drop - 1);
		rest = sticky || bits_below(W, drop - 1);
	}
	up = __round_up(mode, neg, (int)(m & 1), half && rest, half && !rest, half || rest);
	tiny = !(m & top);
	if (up && m == (top | (top - 1))) {	/* 1.111 rounded up to 10.00 */
		m = top;
		e++;
	} else {
		m += up;
	}
	if (tiny && (m & top) && bl - t->bits - s == t->emin - 1) {
		/* Rounded up to the smallest normal from below: tiny unless
		 * rounding to full precision would have got there too. */
		int d = bl - t->bits;
		int h = bit_at(W, d - 1), r = sticky || bits_below(W, d - 1);
		uint64_t mu = bits_from(W, d);

		tiny = !(mu == (top | (top - 1)) && __round_up(mode, neg, 1, h && r, h && !r, h || r));
	}
	if (e > t->emax) {
		errno = ERANGE;
		/* to infinity, or to the largest value when rounding toward zero */
		if (mode == FE_TOWARDZERO || (mode == FE_UPWARD && neg) || (mode == FE_DOWNWARD && !neg))
			store(type, neg, top | (top - 1), t->emax, 0, out);
		else
			store(type, neg, 0, 0, 1, out);
		return;
	}
	if (tiny && (half || rest))
		errno = ERANGE;
	store(type, neg, m, e, 0, out);
}

/* The number's digits, D * 10^T (D below 10^9n), made into W * 2^-s. */
static void decimal_to_binary(int type, int neg, uint32_t *d, int n, long T, int sticky, void *out)
{
	struct u128 W;
	int q = 0, s = 0, i, k, bl;
	uint64_t x, rem;

	if (T >= 0) {
		/* an integer: append T zeros */
		memmove(d + T / 9, d, n * sizeof *d);
		memset(d, 0, T / 9 * sizeof *d);
		n += T / 9;
		if (T % 9)
			__dec_mul(d, &n, __pow10[T % 9]);
	} else {
		/* a multiple of 9 digits after the point: q whole limbs */
		if (-T % 9) {
			__dec_mul(d, &n, __pow10[9 - -T % 9]);
			T -= 9 - -T % 9;
		}
		q = (int)(-T / 9);
	}
	for (;;) {
		if (n - q > 4) {
			bl = 999;
		} else {
			memset(&W, 0, sizeof W);
			for (i = n - 1; i >= q; i--) {
				/* W = W * 10^9 + d[i] */
				x = d[i];
				for (k = 0; k < 4; k++) {
					x += (uint64_t)W.w[k] * DEC_BASE;
					W.w[k] = (uint32_t)x;
					x >>= 32;
				}
			}
			bl = bit_length(&W);
		}
		if (bl > 96) {
			/* divide everything by 2^k, from the top */
			k = bl - 80 < 29 ? bl - 80 : 29;
			for (rem = 0, i = n - 1; i >= 0; i--) {
				x = rem * DEC_BASE + d[i];
				d[i] = (uint32_t)(x >> k);
				rem = x & ((1u << k) - 1);
			}
			sticky |= rem != 0;
			while (n > 1 && !d[n - 1])
				n--;
			s -= k;
		} else if (bl < 66) {
			k = 80 - bl < 29 ? 80 - bl : 29;
			__dec_mul(d, &n, 1u << k);
			s += k;
		} else {
			break;
		}
	}
	for (i = 0; i < q && i < n && !sticky; i++)
		sticky = d[i] != 0;
	finish(type, neg, &W, s, sticky, out);
}

/* The position of the character c just taken (where it would be given back). */
static long pos(const struct scan_src *r, int c)
{
	return r->n - (c != EOF);
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int hex_value(int c)
{
	if (is_digit(c))
		return c - '0';
	c |= 32;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* An exponent's digits, the sign taken: saturates far beyond any type. */
static long read_exponent(struct scan_src *r, int *c, long *good)
{
	long e = 0;
	int neg = 0;

	*c = __src_get(r);
	if (*c == '+' || *c == '-') {
		neg = *c == '-';
		*c = __src_get(r);
	}
	if (!is_digit(*c))
		return 0;	/* "1e", "1e+": the number ends before the 'e' */
	for (; is_digit(*c); *c = __src_get(r))
		if (e < 100000000)
			e = e * 10 + (*c - '0');
	*good = pos(r, *c);
	return neg ? -e : e;
}

/* 0x... after the "0x": hex digits, a point, a binary exponent. */
static long hex_float(struct scan_src *r, int type, int neg, long good, void *out)
{
	struct u128 W = { { 0 } };
	long e = 0, any = 0;
	int c = __src_get(r), dot = 0, sticky = 0, v, k;

	for (;; c = __src_get(r)) {
		if (c == '.' && !dot) {
			dot = 1;
			if (any)
				good = pos(r, c) + 1;
			continue;
		}
		if ((v = hex_value(c)) < 0)
			break;
		any = 1;
		if (bit_length(&W) > 92) {
			/* 24 digits kept: the rest only as sticky and scale */
			sticky |= v != 0;
			e += dot ? 0 : 4;
		} else {
			for (k = 3; k > 0; k--)
				W.w[k] = W.w[k] << 4 | W.w[k - 1] >> 28;
			W.w[0] = W.w[0] << 4 | v;
			e -= dot ? 4 : 0;
		}
		good = pos(r, c) + 1;
	}
	if (any && (c | 32) == 'p')
		e += read_exponent(r, &c, &good);
	__src_unget(r, c);
	/* no digits: "0x" is the number 0 followed by an 'x' */
	if (e > 100000)
		e = 100000;
	if (e < -100000)
		e = -100000;
	finish(type, neg, &W, -(int)e, sticky, out);
	return good;
}

/* inf, infinity, nan, nan(chars), the letters in either case; c is the first. */
static long special(struct scan_src *r, int type, int neg, int c, void *out)
{
	static const char inf[] = "infinity", nan[] = "nan";
	const char *w = (c | 32) == 'i' ? inf : nan;
	char payload[32];
	unsigned long long p = 0;
	long good = -1;
	int i, len = 0;
	char *end;

	for (i = 0; w[i] && c != EOF && (c | 32) == w[i]; i++) {
		c = __src_get(r);
		if (i == 2 || i == 7)
			good = pos(r, c);
	}
	if (good >= 0 && w == nan && c == '(') {
		/* nan(n-char-sequence): glibc makes a number in it the payload */
		for (c = __src_get(r); is_digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '_';
		     c = __src_get(r))
			if (len < (int)sizeof payload - 1)
				payload[len++] = (char)c;
		payload[len] = 0;
		if (c == ')') {
			c = __src_get(r);
			good = pos(r, c);
			if (len) {
				int saved = errno;

				p = strtoull(payload, &end, 0);
				if (*end || len == (int)sizeof payload - 1)
					p = 0;
				errno = saved;
			}
		}
	}
	__src_unget(r, c);
	if (good < 0)
		return -1;
	if (w == inf) {
		store(type, neg, 0, 0, 1, out);
	} else if (type == SCAN_LDOUBLE) {
		uint16_t se = (uint16_t)(0x7fff | neg << 15);
		p = 3ULL << 62 | (p & ((1ULL << 62) - 1));
		memcpy(out, &p, 8);
		memcpy((char *)out + 8, &se, 2);
	} else if (type == SCAN_DOUBLE) {
		p = (uint64_t)neg << 63 | 0x7ff8ULL << 48 | (p & ((1ULL << 51) - 1));
		memcpy(out, &p, 8);
	} else {
		uint32_t f = (uint32_t)neg << 31 | 0x7fc00000u | ((uint32_t)p & ((1u << 22) - 1));
		memcpy(out, &f, 4);
	}
	return good;
}

long __floatscan(struct scan_src *r, int type, void *out)
{
	const struct type *t = &types[type];
	uint32_t d[LIMBS];
	long good = -1, T = 0, lead;
	int c = __src_get(r), neg = 0, seen = 0, dot = 0, sticky = 0, kept = 0, n = 0, i;

	if (c == '+' || c == '-') {
		neg = c == '-';
		c = __src_get(r);
	}
	if ((c | 32) == 'i' || (c | 32) == 'n')
		return special(r, type, neg, c, out);
	if (c == '0') {
		seen = 1;
		good = pos(r, c) + 1;
		c = __src_get(r);
		if ((c | 32) == 'x')
			return hex_float(r, type, neg, good, out);
	}
	/* Digits, kept 9 to a limb in the order read (most significant first);
	 * leading zeros only move the point. */
	for (;; c = __src_get(r)) {
		if (c == '.' && !dot) {
			dot = 1;
			if (seen)
				good = pos(r, c) + 1;
			continue;
		}
		if (!is_digit(c))
			break;
		seen = 1;
		good = pos(r, c) + 1;
		if (c == '0' && !kept) {
			T -= dot;
		} else if (kept < t->max_digits) {
			if (kept % 9 == 0)
				d[n++] = 0;
			d[n - 1] = d[n - 1] * 10 + (c - '0');
			kept++;
			T -= dot;
		} else {
			sticky |= c != '0';
			T += !dot;
		}
	}
	if (seen && (c | 32) == 'e')
		T += read_exponent(r, &c, &good);
	__src_unget(r, c);
	if (!seen)
		return -1;
	if (!kept) {
		store(type, neg, 0, t->emin, 0, out);
		return good;
	}
	lead = kept - 1 + T;
	if (lead >= t->lead_max || lead < t->lead_min) {
		/* Far out of range: round something huge or tiny, as the exact
		 * path would, without its work. */
		struct u128 W = { { 0, 0, 1, 0 } };
		finish(type, neg, &W, lead < 0 ? 200 - t->emin : -200 - t->emax, 1, out);
		return good;
	}
	/* The last limb is short: fill it up to 9 digits, then put the limbs
	 * lowest first as decimal.h wants them. */
	if (kept % 9) {
		d[n - 1] *= __pow10[9 - kept % 9];
		T -= 9 - kept % 9;
	}
	for (i = 0; i < n / 2; i++) {
		uint32_t tmp = d[i];
		d[i] = d[n - 1 - i];
		d[n - 1 - i] = tmp;
	}
	decimal_to_binary(type, neg, d, n, T, sticky, out);
	return good;
}
