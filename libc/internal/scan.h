/*
 * Where strtod and the scanf family read their characters from: a string or
 * a FILE, one character at a time, with the one character of push-back that
 * C gives a stream (C11 7.21.6.2p9: the input item is the longest prefix of
 * a matching sequence, and the character after it is pushed back).  So the
 * number parser in floatscan.c serves both: strtod on a string, fscanf on a
 * stream that cannot be rewound.
 */
#ifndef _INTERNAL_SCAN_H
#define _INTERNAL_SCAN_H

#include <stdio.h>

struct scan_src {
	const unsigned char *s;	/* a string, or */
	FILE *f;		/* a stream (locked by the caller) */
	long n;			/* characters taken so far */
	long lim;		/* no more than this many: a field width */
	int eof;		/* the stream ended (not the width) */
};

/* fread.c: fgetc and ungetc without taking the lock. */
int __stdio_getc(FILE *f);
int __stdio_ungetc(int c, FILE *f);

static inline int __src_get(struct scan_src *r)
{
	int c;

	if (r->n >= r->lim)
		return EOF;
	if (r->f)
		c = __stdio_getc(r->f);
	else
		c = *r->s ? *r->s++ : EOF;
	if (c == EOF)
		r->eof = 1;
	else
		r->n++;
	return c;
}

/* Give back the character just taken (EOF: nothing was taken). */
static inline void __src_unget(struct scan_src *r, int c)
{
	if (c == EOF)
		return;
	r->n--;
	if (r->f)
		__stdio_ungetc(c, r->f);
	else
		r->s--;
}

/* Floating types, for __floatscan's out. */
enum { SCAN_FLOAT, SCAN_DOUBLE, SCAN_LDOUBLE };

/*
 * Read a floating number (strtod's subject sequence: decimal, hex, inf,
 * infinity, nan, nan(chars)), store it correctly rounded into *out as the
 * type says, and give back the character after what was read.  Returns the
 * position (in r->n's count) where the longest valid number ends, or -1 if
 * there is none; r->n is then where reading stopped, which is further when
 * the input had a prefix of a number that did not complete ("1e+", "0x").
 * Sets errno to ERANGE as glibc's strtod does.
 */
long __floatscan(struct scan_src *r, int type, void *out);

#endif
