/*
 * The printf engine (C11 7.21.6.1): flags - + space # 0, width and precision
 * (numbers or *), length hh h l ll z j t L, and conversions d i u o x X c s
 * p %; the floating conversions e f g a are in format_float.c.  Output goes
 * to a sink, so the same code serves FILEs, strings and raw fds.  Where C
 * leaves a choice, glibc's output is copied ("(nil)" for a null %p, "(null)"
 * for a null %s) so tests can compare our strings with the host's.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include "format.h"

void __fmt_put(struct sink *s, const char *p, size_t n)
{
	if (n) {
		s->put(s, p, n);
		s->count += n;
	}
}

void __fmt_pad(struct sink *s, char c, int n)
{
	char block[16];

	memset(block, c, sizeof block);
	for (; n > 0; n -= sizeof block)
		__fmt_put(s, block, n < (int)sizeof block ? (size_t)n : sizeof block);
}

/* Digits of v in base, written backwards from end; returns the start. */
static char *digits(char *end, unsigned long long v, int base, int upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned long w;

	/* 32-bit values use 32-bit division: i386 has no 64-bit divide and
	   the libgcc call costs far more. */
	if (v <= ULONG_MAX) {
		for (w = (unsigned long)v; w; w /= base)
			*--end = set[w % base];
		return end;
	}
	for (; v; v /= base)
		*--end = set[v % base];
	return end;
}

/* Lay out prefix, zeros and digits within the field width. */
static void emit_number(struct sink *s, const struct spec *sp, const char *prefix,
			const char *num, int ndigits)
{
	int plen = (int)strlen(prefix);
	int zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;
	int body = plen + zeros + ndigits;
	int fill = sp->width > body ? sp->width - body : 0;

	/* '0' pads with zeros after the sign/prefix, unless '-' or a precision. */
	if ((sp->flags & FL_ZERO) && !(sp->flags & FL_LEFT) && sp->prec < 0) {
		zeros += fill;
		fill = 0;
	}
	if (!(sp->flags & FL_LEFT))
		__fmt_pad(s, ' ', fill);
	__fmt_put(s, prefix, plen);
	__fmt_pad(s, '0', zeros);
	__fmt_put(s, num, ndigits);
	if (sp->flags & FL_LEFT)
		__fmt_pad(s, ' ', fill);
}

static void format_int(struct sink *s, struct spec *sp, unsigned long long v, int negative)
{
	char buf[24], *end = buf + sizeof buf, *start;
	const char *prefix = "";
	int base = 10;

	switch (sp->conv) {
	case 'o': base = 8; break;
	case 'x': case 'X': case 'p': base = 16; break;
	}
	start = digits(end, v, base, sp->conv == 'X');
	/* Precision 0 and value 0: no digits at all (C11 7.21.6.1p8). */
	if (v == 0 && sp->prec != 0)
		*--start = '0';
	if (sp->conv == 'd' || sp->conv == 'i') {
		if (negative)
			prefix = "-";
		else if (sp->flags & FL_PLUS)
			prefix = "+";
		else if (sp->flags & FL_SPACE)
			prefix = " ";
	} else if (sp->conv == 'p' || ((sp->flags & FL_ALT) && base == 16 && v)) {
		prefix = sp->conv == 'X' ? "0X" : "0x";
	} else if ((sp->flags & FL_ALT) && base == 8 && *start != '0') {
		*--start = '0';	/* '#' with o: the first digit must be 0 */
	}
	emit_number(s, sp, prefix, start, (int)(end - start));
}

static void format_str(struct sink *s, const struct spec *sp, const char *str, int n)
{
	int fill = sp->width > n ? sp->width - n : 0;

	if (!(sp->flags & FL_LEFT))
		__fmt_pad(s, ' ', fill);
	__fmt_put(s, str, n);
	if (sp->flags & FL_LEFT)
		__fmt_pad(s, ' ', fill);
}

/* Read a signed integer argument of the given length. */
static long long arg_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR: return (signed char)va_arg(*ap, int);
	case LEN_SHORT: return (short)va_arg(*ap, int);
	case LEN_LONG: return va_arg(*ap, long);
	case LEN_LLONG: case LEN_LDOUBLE: return va_arg(*ap, long long);
	case LEN_SIZE: return va_arg(*ap, ssize_t);
	default: return va_arg(*ap, int);
	}
}

static unsigned long long arg_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned);
	case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned);
	case LEN_LONG: return va_arg(*ap, unsigned long);
	case LEN_LLONG: case LEN_LDOUBLE: return va_arg(*ap, unsigned long long);
	case LEN_SIZE: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned);
	}
}

/* Parse one conversion after its '%'; returns the character after it. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	sp->flags = 0;
	sp->width = 0;
	sp->prec = -1;
	sp->len = LEN_INT;
	for (;; f++) {
		if (*f == '-') sp->flags |= FL_LEFT;
		else if (*f == '+') sp->flags |= FL_PLUS;
		else if (*f == ' ') sp->flags |= FL_SPACE;
		else if (*f == '#') sp->flags |= FL_ALT;
		else if (*f == '0') sp->flags |= FL_ZERO;
		else break;
	}
	if (*f == '*') {
		/* A negative * width means '-' and its absolute value. */
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->flags |= FL_LEFT;
			sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
		}
		f++;
	} else {
		for (; *f >= '0' && *f <= '9'; f++)
			sp->width = sp->width * 10 + (*f - '0');
	}
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);	/* negative: as if absent */
			if (sp->prec < 0)
				sp->prec = -1;
			f++;
		} else {
			for (; *f >= '0' && *f <= '9'; f++)
				sp->prec = sp->prec * 10 + (*f - '0');
		}
	}
	switch (*f) {
	case 'h': sp->len = f[1] == 'h' ? (f++, LEN_CHAR) : LEN_SHORT; f++; break;
	case 'l': sp->len = f[1] == 'l' ? (f++, LEN_LLONG) : LEN_LONG; f++; break;
	case 'q': case 'j': sp->len = LEN_LLONG; f++; break;
	case 'L': sp->len = LEN_LDOUBLE; f++; break;
	case 'z': case 't': sp->len = LEN_SIZE; f++; break;
	}
	sp->conv = *f;
	return *f ? f + 1 : f;
}

int __format(struct sink *s, const char *fmt, va_list ap0)
{
	struct spec sp;
	const char *p, *str;
	long long sv;
	char c;
	va_list ap;

	va_copy(ap, ap0);
	while (*fmt) {
		for (p = fmt; *p && *p != '%'; p++)
			;
		__fmt_put(s, fmt, p - fmt);
		if (!*p)
			break;
		fmt = parse_spec(p + 1, &sp, &ap);
		switch (sp.conv) {
		case 'd': case 'i':
			sv = arg_signed(&ap, sp.len);
			format_int(s, &sp, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv, sv < 0);
			break;
		case 'u': case 'o': case 'x': case 'X':
			format_int(s, &sp, arg_unsigned(&ap, sp.len), 0);
			break;
		case 'p': {
			uintptr_t v = (uintptr_t)va_arg(ap, void *);
			if (v) {
				format_int(s, &sp, v, 0);
			} else {
				sp.prec = -1;
				format_str(s, &sp, "(nil)", 5);
			}
			break;
		}
		case 'c':
			c = (char)va_arg(ap, int);
			format_str(s, &sp, &c, 1);
			break;
		case 's':
			str = va_arg(ap, const char *);
			if (!str)
				str = sp.prec < 0 || sp.prec >= 6 ? "(null)" : "";
			format_str(s, &sp, str, sp.prec < 0 ? (int)strlen(str) : (int)strnlen(str, sp.prec));
			break;
		case '%':
			__fmt_put(s, "%", 1);
			break;
		case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
			__format_float(s, &sp, &ap);
			break;
		default:
			/* Unknown or truncated: print it as written, as glibc does. */
			__fmt_put(s, p, fmt - p);
			break;
		}
	}
	va_end(ap);
	return s->count > INT_MAX ? -1 : (int)s->count;
}
