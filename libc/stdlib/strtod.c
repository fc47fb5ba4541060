/* strtod, strtof, strtold, atof (C11 7.22.1.3): leading space, then what
 * floatscan.c reads; with no number at all, 0 and *end = s. */
#include <ctype.h>
#include <stdlib.h>
#include "scan.h"

static void convert(const char *s, char **end, int type, void *out)
{
	const char *p = s;
	struct scan_src r = { 0 };
	long good;

	while (isspace((unsigned char)*p))
		p++;
	r.s = (const unsigned char *)p;
	r.lim = -1UL >> 1;
	good = __floatscan(&r, type, out);
	if (end)
		*end = (char *)(good < 0 ? s : p + good);
}

float strtof(const char *restrict s, char **restrict end)
{
	float f = 0;

	convert(s, end, SCAN_FLOAT, &f);
	return f;
}

double strtod(const char *restrict s, char **restrict end)
{
	double d = 0;

	convert(s, end, SCAN_DOUBLE, &d);
	return d;
}

long double strtold(const char *restrict s, char **restrict end)
{
	long double ld = 0;

	convert(s, end, SCAN_LDOUBLE, &ld);
	return ld;
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
