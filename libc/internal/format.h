/*
 * What the printf engine's two halves share: format.c parses conversions and
 * does the integers and strings, format_float.c does %e %f %g %a.
 */
#ifndef _INTERNAL_FORMAT_H
#define _INTERNAL_FORMAT_H

#include <stdarg.h>
#include "stdio_impl.h"

#define FL_LEFT 1	/* '-' */
#define FL_PLUS 2	/* '+' */
#define FL_SPACE 4	/* ' ' */
#define FL_ALT 8	/* '#' */
#define FL_ZERO 16	/* '0' */

/* LEN_LDOUBLE is 'L': long double for the floating conversions, and (as in
 * glibc) long long for the integer ones. */
enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE, LEN_LDOUBLE };

struct spec {
	int flags;
	int width;
	int prec;	/* -1: none given */
	enum length len;
	char conv;
};

void __fmt_put(struct sink *s, const char *p, size_t n);
void __fmt_pad(struct sink *s, char c, int n);

/* One of e E f F g G a A: reads its double (long double with L) from ap. */
void __format_float(struct sink *s, const struct spec *sp, va_list *ap);

#endif
