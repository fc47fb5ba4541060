/*
 * String to integer: strtol(3) and its unsigned and long long siblings,
 * all through one parser, so the edge cases (C11 7.22.1.4) are handled once:
 * leading space, a sign, the 0x/0 prefixes, no digits at all (0, *end = s),
 * and overflow (the limit, errno = ERANGE).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;	/* larger than any base */
}

/*
 * Parse the magnitude; lim_pos and lim_neg are the largest magnitudes the
 * caller's type can hold for each sign.  On overflow the digits are still
 * consumed and the limit is returned with *range set.
 */
static unsigned long long parse(const char *s, char **end, int base, unsigned long long lim_pos,
				unsigned long long lim_neg, int *neg, int *range)
{
	const char *p = s, *digits;
	unsigned long long v = 0, lim;
	int d;

	*neg = 0;
	*range = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	/* "0x" counts as a prefix only when a hex digit follows; otherwise the
	   "0" alone is the number and *end points at the 'x'. */
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	lim = *neg ? lim_neg : lim_pos;
	for (digits = p; (d = digit_value((unsigned char)*p)) < base; p++) {
		if (*range || v > (lim - d) / base)
			*range = 1;
		else
			v = v * base + d;
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	if (*range) {
		errno = ERANGE;
		return lim;
	}
	return v;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	int neg, range;
	unsigned long long v = parse(s, end, base, LLONG_MAX, -(unsigned long long)LLONG_MIN, &neg, &range);

	return neg ? (long long)-v : (long long)v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	int neg, range;
	unsigned long long v = parse(s, end, base, LONG_MAX, -(unsigned long long)LONG_MIN, &neg, &range);

	return neg ? (long)-v : (long)v;
}

/* The unsigned ones accept a '-' and negate in the unsigned type, as C says;
   only the magnitude can overflow, and then the answer is the maximum. */
unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	int neg, range;
	unsigned long long v = parse(s, end, base, ULLONG_MAX, ULLONG_MAX, &neg, &range);

	return neg && !range ? -v : v;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	int neg, range;
	unsigned long long v = parse(s, end, base, ULONG_MAX, ULONG_MAX, &neg, &range);

	return neg && !range ? -(unsigned long)v : (unsigned long)v;
}

int atoi(const char *s)
{
	return (int)strtol(s, 0, 10);
}

long atol(const char *s)
{
	return strtol(s, 0, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, 0, 10);
}
