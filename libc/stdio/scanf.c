/*
 * The scanf family (C11 7.21.6.2): one engine reading through a scan_src
 * (internal/scan.h), a string or a locked stream, with one character of
 * push-back.  Each conversion reads the longest prefix of a matching
 * sequence, gives back the character after it, and fails (a matching
 * failure) when that prefix is not a whole number: "1e+x" read by %f takes
 * "1e+" and fails, as C11's example "100ergs" says, where glibc converts
 * the 1.  Integers convert as glibc does on i386: as strtol or strtoul (32
 * bits) or, with ll j q L, strtoll or strtoull, then stored in the size the
 * length asks for.  No wide characters: %lc, %ls, %l[ are matching failures.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "scan.h"
#include "stdio_impl.h"

#define NO_LIMIT LONG_MAX

enum size { SZ_CHAR, SZ_SHORT, SZ_INT, SZ_LONG, SZ_LLONG, SZ_LDOUBLE, SZ_SIZE, SZ_PTRDIFF };

/* A directive's result: done, or the two failures of C11 7.21.6.2p4. */
enum { OK, MATCH_FAIL, INPUT_FAIL };

static void skip_space(struct scan_src *r)
{
	int c;

	while ((c = __src_get(r)) != EOF && isspace(c))
		;
	__src_unget(r, c);
}

/* Why a conversion read nothing: the input ended (input failure) or the
 * next character did not fit (matching failure). */
static int nothing(const struct scan_src *r)
{
	return r->eof ? INPUT_FAIL : MATCH_FAIL;
}

static int digit_value(int c, int base)
{
	int v = c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'z' ? (c | 32) - 'a' + 10 : 99;

	return v < base ? v : -1;
}

/* strtol's and strtoul's answer for the magnitude v read: clamped to the
 * type (32 or 64 bits), with ERANGE, and negated in it. */
static unsigned long long clamp(unsigned long long v, int over, int neg, int is_signed, int bits)
{
	unsigned long long umax = bits == 64 ? ULLONG_MAX : UINT32_MAX, smax = umax >> 1;

	if (is_signed) {
		if (over || v > smax + neg) {
			errno = ERANGE;
			return neg ? ~smax : smax;
		}
		return neg ? -v : v;
	}
	if (over || v > umax) {
		errno = ERANGE;
		return umax;
	}
	return (neg ? -v : v) & umax;
}

/* An integer as strtol reads it in base (0: by its prefix); *v is what
 * strto(u)l(l) would return. */
static int scan_int(struct scan_src *r, int base, int is_signed, int bits, unsigned long long *v)
{
	unsigned long long m = 0;
	long start = r->n;
	int c = __src_get(r), neg = 0, over = 0, any = 0, d;

	if (c == '+' || c == '-') {
		neg = c == '-';
		c = __src_get(r);
	}
	if (c == '0' && (base == 0 || base == 16)) {
		any = 1;
		c = __src_get(r);
		if ((c | 32) == 'x') {
			/* "0x" must have a hex digit after it: one character of
			 * push-back cannot give the 'x' back */
			base = 16;
			any = 0;
			c = __src_get(r);
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	for (; (d = digit_value(c, base)) >= 0; c = __src_get(r)) {
		any = 1;
		if (m > (ULLONG_MAX - d) / base)
			over = 1;
		else
			m = m * base + d;
	}
	__src_unget(r, c);
	if (!any)
		return r->n == start ? nothing(r) : MATCH_FAIL;
	*v = clamp(m, over, neg, is_signed, bits);
	return OK;
}

static void store_int(void *p, enum size size, unsigned long long v)
{
	switch (size) {
	case SZ_CHAR: *(char *)p = (char)v; break;
	case SZ_SHORT: *(short *)p = (short)v; break;
	case SZ_LONG: *(long *)p = (long)v; break;
	case SZ_LLONG: case SZ_LDOUBLE: *(long long *)p = (long long)v; break;
	case SZ_SIZE: *(size_t *)p = (size_t)v; break;
	case SZ_PTRDIFF: *(ptrdiff_t *)p = (ptrdiff_t)v; break;
	default: *(int *)p = (int)v; break;
	}
}

/* %p: what printf's %p writes, "(nil)" included. */
static int scan_ptr(struct scan_src *r, unsigned long long *v)
{
	static const char nil[] = "(nil)";
	int c = __src_get(r), i;

	if (c != '(') {
		__src_unget(r, c);
		return scan_int(r, 16, 0, 32, v);
	}
	for (i = 1; nil[i]; i++) {
		c = __src_get(r);
		if (c != nil[i]) {
			__src_unget(r, c);
			return MATCH_FAIL;
		}
	}
	*v = 0;
	return OK;
}

/* The set of a %[ conversion; returns the format after its ']'. */
static const char *scanset(const char *f, unsigned char set[256])
{
	int neg = *f == '^', i, c;

	f += neg;
	memset(set, 0, 256);
	/* a ']' first is a member, not the end */
	if (*f == ']')
		set[(unsigned char)*f++] = 1;
	for (; *f && *f != ']'; f++) {
		/* a-z is a range when '-' has a character on each side (glibc's) */
		if (*f == '-' && f[1] && f[1] != ']' && f[-1] != '[' && f[-1] != '^' &&
		    (unsigned char)f[1] >= (unsigned char)f[-1]) {
			for (c = (unsigned char)f[-1]; c <= (unsigned char)f[1]; c++)
				set[c] = 1;
			f++;
		} else {
			set[(unsigned char)*f] = 1;
		}
	}
	if (neg)
		for (i = 0; i < 256; i++)
			set[i] = !set[i];
	return *f ? f + 1 : f;
}

/* %c %s %[: characters into dst (NULL when suppressed). */
static int scan_chars(struct scan_src *r, char conv, const unsigned char *set, long width, char *dst)
{
	long start = r->n, k = 0;
	int c;

	while (k < width && (c = __src_get(r)) != EOF) {
		if ((conv == 's' && isspace(c)) || (conv == '[' && !set[c])) {
			__src_unget(r, c);
			break;
		}
		if (dst)
			dst[k] = (char)c;
		k++;
	}
	if (!k)
		return r->n == start && r->eof ? INPUT_FAIL : MATCH_FAIL;
	/* %c wants exactly its width: fewer is not a matching sequence */
	if (conv == 'c' && k < width)
		return MATCH_FAIL;
	if (dst && conv != 'c')
		dst[k] = 0;
	return OK;
}

static int scan_float(struct scan_src *r, enum size size, void *dst)
{
	union {
		float f;
		double d;
		long double ld;
	} v;
	long start = r->n, good;
	int type = size == SZ_LDOUBLE ? SCAN_LDOUBLE : size == SZ_LONG ? SCAN_DOUBLE : SCAN_FLOAT;

	good = __floatscan(r, type, &v);
	if (good < 0)
		return r->n == start ? nothing(r) : MATCH_FAIL;
	/* "1e+", "0x", "infin": read, and no number */
	if (good != r->n)
		return MATCH_FAIL;
	if (dst && type == SCAN_LDOUBLE)
		*(long double *)dst = v.ld;
	else if (dst)
		memcpy(dst, &v, type == SCAN_DOUBLE ? sizeof v.d : sizeof v.f);	/* the bits: a nan's payload */
	return OK;
}

static int vscan(struct scan_src *r, const char *fmt, va_list ap)
{
	unsigned char set[256];
	int assigned = 0, converted = 0, res = OK, suppress, c;
	long width;
	enum size size;
	unsigned long long v;
	void *dst;
	char conv;

	for (; *fmt && res == OK; fmt++) {
		r->eof = 0;
		r->lim = NO_LIMIT;
		if (isspace((unsigned char)*fmt)) {
			skip_space(r);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%') {
				fmt++;
				skip_space(r);
			}
			c = __src_get(r);
			if (c != (unsigned char)*fmt) {
				__src_unget(r, c);
				res = c == EOF ? INPUT_FAIL : MATCH_FAIL;
			}
			continue;
		}
		fmt++;
		suppress = *fmt == '*';
		fmt += suppress;
		for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width < NO_LIMIT / 10 ? width * 10 + (*fmt - '0') : NO_LIMIT;
		size = SZ_INT;
		switch (*fmt) {
		case 'h': size = fmt[1] == 'h' ? (fmt++, SZ_CHAR) : SZ_SHORT; fmt++; break;
		case 'l': size = fmt[1] == 'l' ? (fmt++, SZ_LLONG) : SZ_LONG; fmt++; break;
		case 'q': case 'j': size = SZ_LLONG; fmt++; break;
		case 'L': size = SZ_LDOUBLE; fmt++; break;
		case 'z': size = SZ_SIZE; fmt++; break;
		case 't': size = SZ_PTRDIFF; fmt++; break;
		}
		conv = *fmt;
		if (!conv)
			break;
		if (conv == '[')
			fmt = scanset(fmt + 1, set) - 1;
		dst = suppress ? NULL : va_arg(ap, void *);
		if (conv == 'n') {
			if (dst)
				store_int(dst, size, (unsigned long long)r->n);
			continue;
		}
		if (conv != '[' && conv != 'c')
			skip_space(r);
		if (width)
			r->lim = width < NO_LIMIT - r->n ? r->n + width : NO_LIMIT;
		switch (conv) {
		case 'c':
		case 's':
		case '[':
			if (size == SZ_LONG) {
				res = MATCH_FAIL;	/* wide characters: not here */
				break;
			}
			res = scan_chars(r, conv, set, width ? width : conv == 'c' ? 1 : NO_LIMIT, dst);
			break;
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
			res = scan_int(r, conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0 : conv == 'o' ? 8 : 16,
				       conv == 'd' || conv == 'i', size == SZ_LLONG || size == SZ_LDOUBLE ? 64 : 32, &v);
			if (res == OK && dst)
				store_int(dst, size, v);
			break;
		case 'p':
			res = scan_ptr(r, &v);
			if (res == OK && dst)
				*(void **)dst = (void *)(uintptr_t)v;
			break;
		case 'e': case 'f': case 'g': case 'a': case 'E': case 'F': case 'G': case 'A':
			res = scan_float(r, size, dst);
			break;
		default:
			res = MATCH_FAIL;	/* an unknown conversion */
			break;
		}
		if (res == OK) {
			converted = 1;
			assigned += dst != NULL;
		}
	}
	return res == INPUT_FAIL && !converted ? EOF : assigned;
}

int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	struct scan_src r = { 0 };

	r.s = (const unsigned char *)s;
	return vscan(&r, fmt, ap);
}

int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct scan_src r = { 0 };
	int n;

	r.f = f;
	__stdio_lock(f);
	n = vscan(&r, fmt, ap);
	__stdio_unlock(f);
	return n;
}

int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int sscanf(const char *restrict s, const char *restrict fmt, ...) { VA_CALL(vsscanf(s, fmt, ap)); }
int fscanf(FILE *restrict f, const char *restrict fmt, ...) { VA_CALL(vfscanf(f, fmt, ap)); }
int scanf(const char *restrict fmt, ...) { VA_CALL(vscanf(fmt, ap)); }
