/*
 * fpdiff [N] [SEED]: a randomized differential check of floating-point
 * formatting and parsing.  Built twice, against glibc on the host and
 * against pagewise's libc, from the same seed it prints the same calls'
 * results, one per line: printf of random doubles and long doubles (random
 * bit patterns, and values chosen near rounding ties) in random formats and
 * rounding modes; strtod, strtof and strtold of random decimal and hex
 * strings, of round trips, and of exact midpoints between two doubles and
 * their nearest neighbours; sscanf of the same strings.  fpdiff.sh compares
 * the two transcripts line by line.
 */
#include <errno.h>
#include <fenv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long rng_state;

static unsigned long long rnd(void)	/* splitmix64 */
{
	unsigned long long z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static double bits_double(unsigned long long b)
{
	double d;

	memcpy(&d, &b, sizeof d);
	return d;
}

static unsigned long long double_bits(double d)
{
	unsigned long long b;

	memcpy(&b, &d, sizeof b);
	return b;
}

/* A double worth printing: any bit pattern, or one of the kinds where
 * printf's rounding is most often wrong. */
static double random_double(void)
{
	unsigned long long b = rnd();
	char dec[40];
	double d;

	switch (below(6)) {
	case 0: case 1:
		return bits_double(b);
	case 2:	/* everyday magnitudes: 1e-10 .. 1e20 */
		return bits_double((b & 0x800fffffffffffffULL) | (unsigned long long)(990 + below(100)) << 52);
	case 3:	/* halves and short decimals: ties at small precisions */
		d = (double)(long long)(b % 2000001) - 1000000.0;
		return (d + 0.5) / (double)(1u << below(8));
	case 4:	/* a few significant decimal digits (through strtod: x87
		 * arithmetic would round twice, unlike the host's SSE) */
		snprintf(dec, sizeof dec, "%s%llue-%u", below(2) ? "-" : "", b % 100000, below(30));
		return strtod(dec, NULL);
	default:	/* subnormals and the largest values */
		b &= 0x800fffffffffffffULL;
		return bits_double(below(2) ? b : b | 0x7fe0000000000000ULL);
	}
}

/* An x87 long double and its bits: 64-bit mantissa, then sign and exponent. */
union ldbits {
	long double f;
	struct {
		unsigned long long m;
		unsigned short se;
	} i;
};

static long double random_ldouble(void)
{
	union ldbits u;
	unsigned e;

	memset(&u, 0, sizeof u);
	u.i.m = rnd();
	switch (below(4)) {
	case 0: e = below(0x7fff); break;
	case 1: e = 16383 - 40 + below(100); break;
	case 2: e = below(3); break;
	default: e = 0x7ffe - below(3); break;
	}
	/* the explicit integer bit is set exactly for normal numbers */
	if (e)
		u.i.m |= 1ULL << 63;
	else
		u.i.m &= ~(1ULL << 63);
	u.i.se = (unsigned short)(e | (below(2) << 15));
	return u.f;
}

static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
static char fmt[64], out[8192];

static void random_format(int is_ld)
{
	static const char convs[] = "eEfFgGaA";
	char *p = fmt;
	int prec;

	*p++ = '%';
	if (below(3) == 0) {
		if (below(3) == 0) *p++ = '-';
		if (below(3) == 0) *p++ = '+';
		if (below(3) == 0) *p++ = ' ';
		if (below(3) == 0) *p++ = '#';
		if (below(3) == 0) *p++ = '0';
	}
	if (below(3) == 0)
		p += sprintf(p, "%u", below(40));
	if (below(3) != 0) {
		prec = below(4) ? (int)below(20) : (int)below(800);
		p += sprintf(p, ".%d", prec);
	}
	if (is_ld)
		*p++ = 'L';
	*p++ = convs[below(8)];
	*p = 0;
}

static void test_printf(int n)
{
	int i, r;

	for (i = 0; i < n; i++) {
		int is_ld = below(4) == 0, mode = below(8) ? 0 : modes[below(4)];
		double d = 0;
		long double ld = 0;

		random_format(is_ld);
		fesetround(mode);
		if (is_ld) {
			ld = random_ldouble();
			r = snprintf(out, sizeof out, fmt, ld);
		} else {
			d = random_double();
			r = snprintf(out, sizeof out, fmt, d);
		}
		fesetround(FE_TONEAREST);
		printf("P %d %s %d [%s]\n", mode, fmt, r, out);
	}
}

/* A decimal string: random digits, point and exponent; sometimes long. */
static void random_decimal(char *s)
{
	int n = below(8) ? 1 + below(25) : 1 + below(900), dot = below(n + 1), i;

	if (below(4) == 0)
		*s++ = below(2) ? '-' : '+';
	for (i = 0; i < n; i++) {
		if (i == dot && below(2))
			*s++ = '.';
		*s++ = below(5) == 0 ? '0' : '0' + below(10);
	}
	if (below(3))
		s += sprintf(s, "e%d", (int)below(700) - 350);
	else if (below(3) == 0)
		s += sprintf(s, "e%d", (int)below(10000) - 5000);
	*s = 0;
}

static void random_hex(char *s)
{
	int n = 1 + below(24), i, dot = 0;

	s += sprintf(s, "%s0x", below(4) ? "" : "-");
	for (i = 0; i < n; i++) {
		if (!dot && (i == 1 || below(8) == 0)) {
			*s++ = '.';
			dot = 1;
		}
		*s++ = "0123456789abcdefABCDEF"[below(22)];
	}
	*s = 0;
	sprintf(s, "p%d", (int)below(2400) - 1200);
}

static void parse(const char *s)
{
	char *end;
	double d;
	float f;
	int e, n = -1;
	union ldbits u;

	errno = 0;
	d = strtod(s, &end);
	e = errno;
	printf("D %s %016llx %d %d\n", s, double_bits(d), (int)(end - s), e);
	errno = 0;
	f = strtof(s, &end);
	e = errno;
	memcpy(&n, &f, sizeof n);
	printf("F %08x %d %d\n", (unsigned)n, (int)(end - s), e);
	errno = 0;
	memset(&u, 0, sizeof u);
	u.f = strtold(s, &end);
	e = errno;
	printf("L %04x%016llx %d %d\n", u.i.se, u.i.m, (int)(end - s), e);
	d = -1;
	n = -1;
	e = sscanf(s, "%lf%n", &d, &n);
	printf("S %d %016llx %d\n", e, double_bits(d), n);
}

static void test_strtod(int n)
{
	static char s[4096];
	int i, mode;
	double d;
	long double mid;

	for (i = 0; i < n; i++) {
		mode = below(8) ? 0 : modes[below(4)];
		fesetround(mode);
		printf("mode %d\n", mode);
		switch (below(5)) {
		case 0:
			random_decimal(s);
			break;
		case 1:
			random_hex(s);
			break;
		case 2:	/* round trip */
			d = random_double();
			sprintf(s, below(2) ? "%.17g" : "%a", d);
			break;
		default:
			/* The exact midpoint between a double and the next one up,
			 * and the same with its last digit one up or down. */
			d = random_double();
			if (d - d != 0 || bits_double(double_bits(d) + 1) - d != bits_double(double_bits(d) + 1) - d)
				d = 1.5;	/* nan, inf, or the largest double */
			mid = (long double)d;
			mid += ((long double)bits_double(double_bits(d) + 1) - mid) / 2;
			sprintf(s, "%.800Le", mid);
			{
				char *p = strchr(s, 'e'), *q = p - 1;
				while (*q == '0')
					q--;
				memmove(q + 1, p, strlen(p) + 1);
				if (below(3) == 0)
					*q += *q == '9' ? -1 : 1;
			}
			break;
		}
		parse(s);
		fesetround(FE_TONEAREST);
	}
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;

	rng_state = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
	test_printf(n);
	test_strtod(n);
	return 0;
}
