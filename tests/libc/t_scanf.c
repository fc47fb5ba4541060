/*
 * The scanf family and getline/getdelim.  Results are glibc's for the same
 * calls except where glibc departs from C11 7.21.6.2 (marked "glibc:"): a
 * number's input item is the longest prefix of a matching sequence, and a
 * prefix that is not a whole number ("1e+", "0x") is a matching failure.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include "check.h"

static void test_ints(void)
{
	int i = -7, j = -7, n = -1;
	unsigned u;
	unsigned char hh;
	short h;
	long l;
	long long ll;
	unsigned long long ull;
	intmax_t im;
	size_t z;
	ptrdiff_t t;
	void *p;

	CHECK(sscanf("42", "%d", &i) == 1 && i == 42);
	CHECK(sscanf("  -17  ", "%d", &i) == 1 && i == -17);
	CHECK(sscanf("+5", "%d", &i) == 1 && i == 5);
	CHECK(sscanf("0x1f", "%i", &i) == 1 && i == 31);
	CHECK(sscanf("-0X10", "%i", &i) == 1 && i == -16);
	CHECK(sscanf("017", "%i", &i) == 1 && i == 15);
	CHECK(sscanf("08", "%i%n", &i, &n) == 1 && i == 0 && n == 1);	/* octal ends at 8 */
	CHECK(sscanf("777", "%o", &u) == 1 && u == 0777);
	CHECK(sscanf("ff 0xFF", "%x %X", &u, &i) == 2 && u == 255 && i == 255);
	CHECK(sscanf("4294967295", "%u", &u) == 1 && u == 4294967295u);
	CHECK(sscanf("-1", "%u", &u) == 1 && u == 4294967295u);	/* as strtoul */
	/* out of range: strtol's limits on i386 (glibc), ERANGE */
	errno = 0;
	CHECK(sscanf("99999999999", "%d", &i) == 1 && i == INT32_MAX && errno == ERANGE);
	CHECK(sscanf("-99999999999", "%d", &i) == 1 && i == INT32_MIN);
	CHECK(sscanf("300 70000", "%hhu %hd", &hh, &h) == 2 && hh == 44 && h == 4464);
	CHECK(sscanf("-2147483648", "%ld", &l) == 1 && l == -2147483647L - 1);
	CHECK(sscanf("123456789012", "%lld", &ll) == 1 && ll == 123456789012LL);
	CHECK(sscanf("18446744073709551615", "%llu", &ull) == 1 && ull == 18446744073709551615ULL);
	CHECK(sscanf("-9223372036854775808", "%jd", &im) == 1 && im == INT64_MIN);
	CHECK(sscanf("12345678901", "%Ld", &ll) == 1 && ll == 12345678901LL);	/* L: long long */
	CHECK(sscanf("7 -3", "%zu %td", &z, &t) == 2 && z == 7 && t == -3);
	CHECK(sscanf("0x7fff1234", "%p", &p) == 1 && p == (void *)0x7fff1234);
	CHECK(sscanf("(nil)", "%p%n", &p, &n) == 1 && p == NULL && n == 5);	/* printf's %p of NULL */
	/* widths count the sign and prefix */
	CHECK(sscanf("12345", "%3d%d", &i, &j) == 2 && i == 123 && j == 45);
	CHECK(sscanf("-12", "%2d%d", &i, &j) == 2 && i == -1 && j == 2);
	CHECK(sscanf("0x1g", "%x%n", &i, &n) == 1 && i == 1 && n == 3);
	CHECK(sscanf("777", "%2o%n", &i, &n) == 1 && i == 63 && n == 2);
	CHECK(sscanf("0x12", "%1x%n", &i, &n) == 1 && i == 0 && n == 1);
	/* no digits: matching failures, nothing stored */
	i = -7;
	CHECK(sscanf("abc", "%d", &i) == 0 && i == -7);
	CHECK(sscanf("+", "%d", &i) == 0 && i == -7);
	CHECK(sscanf("- 1", "%d", &i) == 0 && i == -7);
	CHECK(sscanf("9", "%o", &i) == 0 && i == -7);
	/* glibc: 1 (the 0 before the x) */
	CHECK(sscanf("0xg", "%x", &i) == 0 && i == -7);
	CHECK(sscanf("-0x", "%i", &i) == 0 && i == -7);
}

static void test_floats(void)
{
	float f = -1;
	double d = -1;
	long double ld = -1;
	char s[32];
	int n = -1;

	CHECK(sscanf("1.5", "%f", &f) == 1 && f == 1.5f);
	CHECK(sscanf("0.1", "%lf", &d) == 1 && d == 0.1);
	CHECK(sscanf("0.1", "%Lf", &ld) == 1 && ld == 0.1L);
	CHECK(sscanf("0.1", "%f", &f) == 1 && f == 0.1f);	/* rounded once, to float */
	CHECK(sscanf("-2.5e-3", "%le", &d) == 1 && d == -2.5e-3);
	CHECK(sscanf("1E10", "%lg", &d) == 1 && d == 1e10);
	CHECK(sscanf("0x1.8p3", "%la", &d) == 1 && d == 12.0);
	CHECK(sscanf("  .5", "%lE%n", &d, &n) == 1 && d == 0.5 && n == 4);
	CHECK(sscanf("7.", "%lG%n", &d, &n) == 1 && d == 7.0 && n == 2);
	CHECK(sscanf("inf -INFINITY", "%lF %LA", &d, &ld) == 2 && d == HUGE_VAL && ld == -HUGE_VALL);
	CHECK(sscanf("nan", "%lf", &d) == 1 && isnan(d));
	/* glibc: reads "-nan" and leaves "(0x5)", which strtod takes */
	CHECK(sscanf("-nan(0x5)x", "%lf%n", &d, &n) == 1 && isnan(d) && signbit(d) && n == 9);
	CHECK(sscanf("1e400", "%lf", &d) == 1 && d == HUGE_VAL);
	CHECK(sscanf("1.5e3", "%3lf%s", &d, s) == 2 && d == 1.5 && strcmp(s, "e3") == 0);
	CHECK(sscanf("12.5x", "%lf%s", &d, s) == 2 && d == 12.5 && strcmp(s, "x") == 0);
	/* a prefix that is not a whole number: matching failure, nothing stored
	 * (glibc: 1, from the part before the 'e' or 'x'; C11's "100ergs") */
	d = -1;
	CHECK(sscanf("1e+x", "%lf", &d) == 0 && d == -1);
	CHECK(sscanf("100ergs", "%lf", &d) == 0 && d == -1);
	CHECK(sscanf("1e", "%lf", &d) == 0 && d == -1);
	CHECK(sscanf("1e-5", "%2lf", &d) == 0 && d == -1);
	CHECK(sscanf("0x", "%lf", &d) == 0 && d == -1);
	CHECK(sscanf("infin", "%lf", &d) == 0 && d == -1);
	CHECK(sscanf("-", "%lf", &d) == 0 && d == -1);
	CHECK(sscanf(".", "%lf", &d) == 0 && d == -1);
	CHECK(sscanf("inf", "%2lf", &d) == 0 && d == -1);
	CHECK(sscanf("", "%lf", &d) == EOF);
	CHECK(sscanf("   ", "%lf", &d) == EOF);
}

static void test_strings(void)
{
	char s[32], t[32];
	int n = -1, i = -7;
	char c[4] = "???";

	CHECK(sscanf("  hello world", "%s%n", s, &n) == 1 && strcmp(s, "hello") == 0 && n == 7);
	CHECK(sscanf("abcdef", "%3s%s", s, t) == 2 && strcmp(s, "abc") == 0 && strcmp(t, "def") == 0);
	CHECK(sscanf("  ab", "%c%n", c, &n) == 1 && c[0] == ' ' && n == 1);	/* %c keeps space */
	CHECK(sscanf("  ab", " %c", c) == 1 && c[0] == 'a');
	CHECK(sscanf("abcdef", "%3c%n", c, &n) == 1 && memcmp(c, "abc", 3) == 0 && n == 3);
	/* %3c on two characters: no matching sequence (glibc: 1) */
	CHECK(sscanf("ab", "%3c", c) == 0);
	CHECK(sscanf("abc123", "%[a-c]%n", s, &n) == 1 && strcmp(s, "abc") == 0 && n == 3);
	CHECK(sscanf("abc123", "%[^0-9]%d", s, &i) == 2 && strcmp(s, "abc") == 0 && i == 123);
	CHECK(sscanf("]x]y", "%[]x]", s) == 1 && strcmp(s, "]x]") == 0);	/* ']' first: a member */
	CHECK(sscanf("a-b", "%[-a]", s) == 1 && strcmp(s, "a-") == 0);
	CHECK(sscanf("a-b", "%[a-]", s) == 1 && strcmp(s, "a-") == 0);
	CHECK(sscanf("key = value;", "%[^ =] = %[^;]", s, t) == 2 && strcmp(s, "key") == 0 &&
	      strcmp(t, "value") == 0);
	CHECK(sscanf("aaaa", "%2[a]", s) == 1 && strcmp(s, "aa") == 0);
	CHECK(sscanf("xyz", "%[a-c]", s) == 0);
	CHECK(sscanf("", "%[a-c]", s) == EOF);
	CHECK(sscanf("", "%s", s) == EOF);
	CHECK(sscanf("", "%c", c) == EOF);
}

static void test_directives(void)
{
	int i = -7, j = -7, n = -1, m = -1;

	/* return values: assigned items; EOF only for input failure first */
	CHECK(sscanf("1 2", "%*d %d%n", &i, &n) == 1 && i == 2 && n == 3);
	CHECK(sscanf("1-2", "%d-%d", &i, &j) == 2 && i == 1 && j == 2);
	CHECK(sscanf("1 - 2", "%d-%d", &i, &j) == 1);
	CHECK(sscanf("  42abc", "%n%d%n", &m, &i, &n) == 1 && m == 0 && i == 42 && n == 4);
	CHECK(sscanf("x", "x%n", &n) == 0 && n == 1);
	CHECK(sscanf("", "%n", &n) == 0 && n == 0);
	CHECK(sscanf("", "%d", &i) == EOF);
	CHECK(sscanf(" ", " %d", &i) == EOF);
	CHECK(sscanf("", "x") == EOF);
	CHECK(sscanf("a", "b%d", &i) == 0);
	CHECK(sscanf("a", "a b%n", &n) == EOF);
	CHECK(sscanf("1", "%d %d", &i, &j) == 1);	/* input failure after a conversion */
	/* ... even a suppressed one: 0 (glibc and musl: EOF, counting only assignments) */
	CHECK(sscanf("1", "%*d %d", &j) == 0);
	CHECK(sscanf("5 %", "%d %%%n", &i, &n) == 1 && n == 3);
	CHECK(sscanf("5%", "%d %%%n", &i, &n) == 1 && n == 2);
	CHECK(sscanf("a\n\t b", "a b%n", &n) == 0 && n == 5);	/* any white space matches any */
	n = -1;
	CHECK(sscanf("12", "%*2d%n", &n) == 0 && n == 2);
	CHECK(sscanf("1", "%hhn%d", (signed char *)&n, &i) == 1);
	CHECK(sscanf("7", "%y", &i) == 0);	/* an unknown conversion fails */
}

/* fscanf on a stream: the character after each field is pushed back, so the
 * next read sees it. */
static void test_stream(void)
{
	char path[256], s[32];
	FILE *f;
	int i = -7, r;
	double d = -1;

	snprintf(path, sizeof path, "%s/t_scanf.%d", check_tmpdir(), (int)getpid());
	f = fopen(path, "w");
	if (!f) {
		CHECK(!"fopen");
		return;
	}
	fputs("12abc 3.5e+x 0x1p4\nrest", f);
	fclose(f);
	f = fopen(path, "r");
	CHECK(fscanf(f, "%d", &i) == 1 && i == 12);
	CHECK_EQ(fgetc(f), 'a');
	CHECK(fscanf(f, "%s", s) == 1 && strcmp(s, "bc") == 0);
	r = fscanf(f, "%lf", &d);	/* reads "3.5e+", fails before the x (glibc: 1, 3.5) */
	CHECK(r == 0 && d == -1);
	CHECK_EQ(fgetc(f), 'x');
	CHECK(fscanf(f, "%la", &d) == 1 && d == 16.0);
	CHECK_EQ(fgetc(f), '\n');
	CHECK(fscanf(f, "%s", s) == 1 && strcmp(s, "rest") == 0);
	CHECK(fscanf(f, "%s", s) == EOF);
	CHECK(feof(f));
	fclose(f);
	unlink(path);
}

static void test_getline(void)
{
	char path[256], *line = NULL, *small;
	size_t cap = 0;
	ssize_t n;
	FILE *f;
	int i, ok;

	snprintf(path, sizeof path, "%s/t_getline.%d", check_tmpdir(), (int)getpid());
	f = fopen(path, "w");
	if (!f) {
		CHECK(!"fopen");
		return;
	}
	/* a long line (larger than stdio's buffer), an empty one, one without '\n' */
	for (i = 0; i < 10000; i++)
		fputc('a' + i % 26, f);
	fputs("\n\nshort\nlast", f);
	fclose(f);

	f = fopen(path, "r");
	n = getline(&line, &cap, f);
	CHECK_EQ(n, 10001);
	ok = line && cap > 10001 && line[10000] == '\n' && line[10001] == 0;
	for (i = 0; ok && i < 10000; i++)
		ok = line[i] == 'a' + i % 26;
	CHECK(ok);
	CHECK(getline(&line, &cap, f) == 1 && strcmp(line, "\n") == 0);
	CHECK(getline(&line, &cap, f) == 6 && strcmp(line, "short\n") == 0);
	CHECK(getline(&line, &cap, f) == 4 && strcmp(line, "last") == 0);
	errno = 1234;
	CHECK(getline(&line, &cap, f) == -1 && errno == 1234);	/* end of file: errno untouched */
	CHECK(feof(f));
	rewind(f);
	/* getdelim with another delimiter, into a caller's malloc'd buffer */
	small = malloc(4);
	cap = 4;
	CHECK(getdelim(&small, &cap, 'c', f) == 3 && strcmp(small, "abc") == 0);
	CHECK(getdelim(&small, &cap, 'c', f) == 26 && strncmp(small, "defghijklmnopqrstuvwxyzabc", 26) == 0);
	free(small);
	errno = 0;
	CHECK(getline(NULL, &cap, f) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(getline(&line, NULL, f) == -1 && errno == EINVAL);
	fclose(f);
	free(line);
	unlink(path);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	test_ints();
	test_floats();
	test_strings();
	test_directives();
	test_stream();
	test_getline();
	return check_done();
}
