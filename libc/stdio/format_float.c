/*
 * printf's floating conversions (C11 7.21.6.1): %e %f %g %a and capitals,
 * with flags, width, precision and L.  The output is glibc's, character for
 * character: glibc prints the exact binary value rounded to the digits asked
 * for, in the current rounding mode (ties to even when rounding to nearest).
 *
 * Every finite long double is m * 2^e with a 64-bit m, and a double converts
 * to one exactly.  Its exact decimal value is an integer N times a power of
 * ten: N = m * 2^e when e >= 0, and m * 5^-e (over 10^-e) when e < 0.  N is
 * held in base 10^9 limbs (decimal.h), rounded by looking at the digits it
 * drops, and then printed digit by digit.  The largest N, m * 5^16445 for
 * the smallest long double, has 11514 digits.
 */
#include <fenv.h>
#include <stdint.h>
#include <string.h>
#include "decimal.h"
#include "format.h"

#define LIMBS 1290	/* 11514 digits, plus a carry */

struct dec {
	int n;		/* limbs in use; a zero N has one, 0 */
	int exp10;	/* the value is N * 10^exp10 */
	uint32_t d[LIMBS];
};

union ldbl {
	long double f;
	struct {
		uint64_t m;	/* explicit integer bit: no hidden 1 */
		uint16_t se;	/* sign, 15-bit exponent biased by 16383 */
	} i;
};

/* N = m * 2^e. */
static void make_dec(struct dec *x, uint64_t m, int e)
{
	int k;

	/* Fewer factors of 5 to multiply by: 0.5 is 5 * 10^-1, not 5^64 * 10^-64. */
	while (e < 0 && m && !(m & 1)) {
		m >>= 1;
		e++;
	}
	x->d[0] = (uint32_t)(m % DEC_BASE);
	x->d[1] = (uint32_t)(m / DEC_BASE % DEC_BASE);
	x->d[2] = (uint32_t)(m / DEC_BASE / DEC_BASE);
	x->n = 3;
	while (x->n > 1 && !x->d[x->n - 1])
		x->n--;
	x->exp10 = 0;
	if (!m)
		return;
	if (e >= 0) {
		for (; e >= 29; e -= 29)
			__dec_mul(x->d, &x->n, 1u << 29);
		if (e)
			__dec_mul(x->d, &x->n, 1u << e);
		return;
	}
	x->exp10 = e;
	for (k = -e; k >= 13; k -= 13)
		__dec_mul(x->d, &x->n, 1220703125u);	/* 5^13 */
	for (; k > 0; k--)
		__dec_mul(x->d, &x->n, 5);
}

static int is_zero(const struct dec *x)
{
	return x->n == 1 && !x->d[0];
}

static int ndigits(const struct dec *x)
{
	return DEC_DIGITS * (x->n - 1) + __dec_limb_digits(x->d[x->n - 1]);
}

/* The digit pos places from the right of N (0 beyond its ends). */
static int digit_at(const struct dec *x, int pos)
{
	if (pos < 0 || pos >= DEC_DIGITS * x->n)
		return 0;
	return x->d[pos / DEC_DIGITS] / __pow10[pos % DEC_DIGITS] % 10;
}

/* Any nonzero digit below position pos? */
static int nonzero_below(const struct dec *x, int pos)
{
	int q = pos / DEC_DIGITS, i;

	if (q >= x->n)
		return !is_zero(x);
	for (i = 0; i < q; i++)
		if (x->d[i])
			return 1;
	return x->d[q] % __pow10[pos % DEC_DIGITS] != 0;
}

/* Drop the r lowest digits of N, rounding; N * 10^exp10 keeps its scale. */
static void round_dec(struct dec *x, int r, int neg)
{
	int next = digit_at(x, r - 1), rest = nonzero_below(x, r - 1);
	int up = __round_up(fegetround(), neg, digit_at(x, r) & 1, next > 5 || (next == 5 && rest),
			    next == 5 && !rest, next || rest);
	int q = r / DEC_DIGITS, s = r % DEC_DIGITS, i;

	if (q >= x->n) {
		x->n = 1;
		x->d[0] = 0;
	} else {
		for (i = 0; i + q < x->n; i++)
			x->d[i] = x->d[i + q] / __pow10[s] +
				  (i + q + 1 < x->n ? x->d[i + q + 1] % __pow10[s] * __pow10[DEC_DIGITS - s] : 0);
		x->n -= q;
		while (x->n > 1 && !x->d[x->n - 1])
			x->n--;
	}
	x->exp10 += r;
	for (i = 0; up; i++) {
		if (i == x->n)
			x->d[x->n++] = 0;
		up = ++x->d[i] == DEC_BASE;
		if (up)
			x->d[i] = 0;
	}
}

/* The decimal exponent of N's first digit (0 for zero, as %e prints it). */
static int lead_exp(const struct dec *x)
{
	return is_zero(x) ? 0 : ndigits(x) - 1 + x->exp10;
}

/* The weight of N's lowest nonzero digit, for %g's dropping of zeros. */
static int low_exp(const struct dec *x)
{
	int pos = 0;

	while (digit_at(x, pos) == 0)
		pos++;
	return x->exp10 + pos;
}

/* Output through a small buffer: digits come one at a time. */
struct out {
	struct sink *s;
	int n;
	char buf[64];
};

static void out_flush(struct out *o)
{
	__fmt_put(o->s, o->buf, o->n);
	o->n = 0;
}

static void out_c(struct out *o, char c)
{
	if (o->n == (int)sizeof o->buf)
		out_flush(o);
	o->buf[o->n++] = c;
}

static void out_str(struct out *o, const char *p)
{
	while (*p)
		out_c(o, *p++);
}

/* The digits of weights 10^hi down to 10^lo; the zeros below N by padding,
 * as %.5000f may ask for thousands. */
static void out_digits(struct out *o, const struct dec *x, int hi, int lo)
{
	int w, stop = lo > x->exp10 ? lo : x->exp10;

	for (w = hi; w >= stop; w--)
		out_c(o, '0' + digit_at(x, w - x->exp10));
	out_flush(o);
	__fmt_pad(o->s, '0', hi - lo + 1 - (hi >= stop ? hi - stop + 1 : 0));
}

static int exp_len(int e)
{
	int n = 2;

	for (e = e < 0 ? -e : e; e >= 100; e /= 10)
		n++;
	return n;
}

/* "e+05", at least two digits. */
static void out_exp(struct out *o, char letter, int e, int min)
{
	char b[8], *p = b + sizeof b;

	*--p = 0;
	out_c(o, letter);
	out_c(o, e < 0 ? '-' : '+');
	for (e = e < 0 ? -e : e; e || min > 0; e /= 10, min--)
		*--p = '0' + e % 10;
	out_str(o, p);
}

/* Padding before the body: spaces, or after the sign zeros with '0'. */
static void field_start(struct out *o, const struct spec *sp, char sign, int len, int zero_ok, const char *prefix)
{
	int fill = sp->width > len ? sp->width - len : 0;
	int zeros = zero_ok && (sp->flags & FL_ZERO) && !(sp->flags & FL_LEFT);

	if (!(sp->flags & FL_LEFT) && !zeros)
		__fmt_pad(o->s, ' ', fill);
	if (sign)
		out_c(o, sign);
	out_str(o, prefix);
	if (zeros) {
		out_flush(o);
		__fmt_pad(o->s, '0', fill);
	}
}

static void field_end(struct out *o, const struct spec *sp, int len)
{
	out_flush(o);
	if (sp->flags & FL_LEFT && sp->width > len)
		__fmt_pad(o->s, ' ', sp->width - len);
}

/* %f with p digits after the point; N already rounded there. */
static void fixed(struct out *o, const struct spec *sp, char sign, const struct dec *x, int p)
{
	int X = lead_exp(x), dot = p > 0 || (sp->flags & FL_ALT);
	int len = !!sign + (X > 0 ? X + 1 : 1) + dot + p;

	field_start(o, sp, sign, len, 1, "");
	out_digits(o, x, X > 0 ? X : 0, 0);
	if (dot)
		out_c(o, '.');
	if (p)
		out_digits(o, x, -1, -p);
	field_end(o, sp, len);
}

/* %e with p digits after the point; N already rounded to p + 1 digits. */
static void expo(struct out *o, const struct spec *sp, char sign, const struct dec *x, int p, char letter)
{
	int X = lead_exp(x), dot = p > 0 || (sp->flags & FL_ALT);
	int len = !!sign + 1 + dot + p + 2 + exp_len(X);

	field_start(o, sp, sign, len, 1, "");
	out_digits(o, x, X, X);
	if (dot)
		out_c(o, '.');
	if (p)
		out_digits(o, x, X - 1, X - p);
	out_exp(o, letter, X, 2);
	field_end(o, sp, len);
}

static void decimal(struct out *o, const struct spec *sp, char sign, uint64_t m, int e, int neg)
{
	struct dec x;
	int p = sp->prec < 0 ? 6 : sp->prec, upper = sp->conv <= 'Z', r, X, P;

	make_dec(&x, m, e);
	switch (sp->conv | 0x20) {
	case 'f':
		r = -p - x.exp10;
		if (r > 0)
			round_dec(&x, r, neg);
		fixed(o, sp, sign, &x, p);
		return;
	case 'e':
		r = ndigits(&x) - (p + 1);
		if (r > 0 && !is_zero(&x))
			round_dec(&x, r, neg);
		expo(o, sp, sign, &x, p, upper ? 'E' : 'e');
		return;
	}
	/* %g: P significant digits, in %e's form when its exponent X is below
	 * -4 or not below P, and without trailing zeros unless '#'. */
	P = p ? p : 1;
	r = ndigits(&x) - P;
	if (r > 0 && !is_zero(&x))
		round_dec(&x, r, neg);
	X = lead_exp(&x);
	if (P > X && X >= -4) {
		p = P - 1 - X;
		if (!(sp->flags & FL_ALT))
			p = is_zero(&x) || low_exp(&x) >= 0 ? 0 : -low_exp(&x) < p ? -low_exp(&x) : p;
		fixed(o, sp, sign, &x, p);
	} else {
		p = P - 1;
		if (!(sp->flags & FL_ALT))
			p = is_zero(&x) ? 0 : X - low_exp(&x) < p ? X - low_exp(&x) : p;
		expo(o, sp, sign, &x, p, upper ? 'E' : 'e');
	}
}

/*
 * %a: lead.frac p exp, frac being nd hex digits.  glibc's forms: a double
 * is 1.xxx (0.xxx when subnormal) with 13 digits, a long double's leading
 * digit is its top four bits with 15 digits after.  Rounding up past the
 * leading digit gives a double "0x2p+0" but a long double "0x1p+4".
 */
static void hex(struct out *o, const struct spec *sp, char sign, uint32_t lead, uint64_t frac, int nd,
		int e, int is_ld, int neg)
{
	const char *set = sp->conv == 'A' ? "0123456789ABCDEF" : "0123456789abcdef";
	int p = sp->prec, shown, dot, len, i, drop;
	uint64_t tail, half;

	if (p >= 0 && p < nd) {
		drop = 4 * (nd - p);
		tail = frac & (((uint64_t)1 << drop) - 1);
		half = (uint64_t)1 << (drop - 1);
		frac >>= drop;
		if (__round_up(fegetround(), neg, (p ? frac : lead) & 1, tail > half, tail == half, tail != 0) &&
		    (!p || ++frac >> 4 * p)) {
			frac = 0;	/* the carry reached the leading digit */
			if (++lead == 16 && is_ld) {
				lead = 1;
				e += 4;
			}
		}
		nd = p;
	}
	if (p < 0) {
		while (nd && !(frac & 15)) {
			frac >>= 4;
			nd--;
		}
	}
	shown = p > nd ? p : nd;
	dot = shown || (sp->flags & FL_ALT);
	len = !!sign + 2 + (lead > 15 ? 2 : 1) + dot + shown + 3;	/* 0x, p+0 */
	for (i = e < 0 ? -e : e; i >= 10; i /= 10)
		len++;
	field_start(o, sp, sign, len, 1, sp->conv == 'A' ? "0X" : "0x");
	if (lead > 15)
		out_c(o, set[lead >> 4]);
	out_c(o, set[lead & 15]);
	if (dot)
		out_c(o, '.');
	for (i = nd - 1; i >= 0; i--)
		out_c(o, set[(frac >> 4 * i) & 15]);
	out_flush(o);
	__fmt_pad(o->s, '0', shown - nd);
	out_exp(o, sp->conv == 'A' ? 'P' : 'p', e, 1);
	field_end(o, sp, len);
}

void __format_float(struct sink *s, const struct spec *sp, va_list *ap)
{
	struct out o = { s, 0, { 0 } };
	union ldbl u;
	double d = 0;
	uint64_t bits;
	int is_ld = sp->len == LEN_LDOUBLE, neg, bexp, e, upper = sp->conv <= 'Z', len;
	char sign;

	if (is_ld) {
		u.f = va_arg(*ap, long double);
	} else {
		d = va_arg(*ap, double);
		u.f = d;	/* exact, subnormals included */
	}
	neg = u.i.se >> 15;
	bexp = u.i.se & 0x7fff;
	sign = neg ? '-' : (sp->flags & FL_PLUS) ? '+' : (sp->flags & FL_SPACE) ? ' ' : 0;

	if (bexp == 0x7fff) {
		/* inf and nan: no zeros, only spaces pad them */
		const char *word = u.i.m << 1 ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
		len = !!sign + 3;
		field_start(&o, sp, sign, len, 0, "");
		out_str(&o, word);
		field_end(&o, sp, len);
		return;
	}
	if ((sp->conv | 0x20) == 'a') {
		if (is_ld) {
			e = !u.i.m ? 0 : bexp ? bexp - 16383 - 3 : 1 - 16383 - 3;
			hex(&o, sp, sign, (uint32_t)(u.i.m >> 60), u.i.m & (((uint64_t)1 << 60) - 1), 15, e, 1, neg);
		} else {
			memcpy(&bits, &d, sizeof bits);
			bexp = (bits >> 52) & 0x7ff;
			e = !(bits << 1) ? 0 : bexp ? bexp - 1023 : -1022;
			hex(&o, sp, sign, bexp != 0, bits & (((uint64_t)1 << 52) - 1), 13, e, 0, neg);
		}
		return;
	}
	/* m * 2^e, the exponent of m's lowest bit; denormals have bexp's 1. */
	e = (bexp ? bexp : 1) - 16383 - 63;
	decimal(&o, sp, sign, u.i.m, e, neg);
}
