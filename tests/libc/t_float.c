/*
 * Floating point in printf (%e %f %g %a), strtod, strtof, strtold and atof,
 * against what glibc 2.36 gives for the same calls: every expected string,
 * bit pattern, end offset and errno below was printed by glibc on the host.
 */
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include "check.h"

static char buf[8192];

#define FMT(want, ...)                                                     \
	do {                                                               \
		snprintf(buf, sizeof buf, __VA_ARGS__);                    \
		check_str_at(buf, want, #__VA_ARGS__, __FILE__, __LINE__); \
	} while (0)

/* The same in a rounding mode: glibc rounds in the current one. */
#define FMT_MODE(mode, want, ...)                                          \
	do {                                                               \
		fesetround(mode);                                          \
		snprintf(buf, sizeof buf, __VA_ARGS__);                    \
		fesetround(FE_TONEAREST);                                  \
		check_str_at(buf, want, #mode " " #__VA_ARGS__, __FILE__, __LINE__); \
	} while (0)

static void test_printf(void)
{
	FMT("0.100000", "%f", 0.1);
	FMT("0.10000000000000000555", "%.20f", 0.1);
	FMT("0.10000000000000001", "%.17g", 0.1);
	FMT("1.000000e-01", "%e", 0.1);
	FMT("0x1.999999999999ap-4", "%a", 0.1);
	FMT("99999999999999991611392.000000", "%f", 1e23);
	FMT("99999999999999991611392", "%.0f", 1e23);
	FMT("1.000000e+23", "%e", 1e23);
	FMT("9.99999999999999916e+22", "%.17e", 1e23);
	FMT("1e+23", "%g", 1e23);
	FMT("4.94066e-324", "%g", 5e-324);
	FMT("4.94065645841246544177e-324", "%.20e", 5e-324);
	FMT("0x0.0000000000001p-1022", "%a", 5e-324);
	FMT("5e-324", "%.0e", 5e-324);
	FMT("0.000000", "%f", 5e-324);
	FMT("0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004940656",
	    "%.330f", 5e-324);
	FMT("4.9406564584124654417656879286822137236505980261432476442558568250067550727020875186529983636163599237979656469544571773092665671035593979639877479601078187812630071319031140452784581716784898210368871863605699873072305000638740915356498438731247339727316961514003171538539807412623856559117102665855668676818703956031062493194527159149245532930545654440112748012970999954193198940908041656332452475714786901472678015935523861155013480352649347201937902681071074917033322268447533357208324319360923828934583680601060115061698097530783422773183292479049825247307763759272478746560847782037344696995336470179726777175851256605511991315048911014510378627381672509558373897335989936648099411642057026370902792427675445652290875386825064197182655334472656250e-324",
	    "%.751e", 5e-324);
	FMT("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000",
	    "%f", DBL_MAX);
	FMT("1.797693e+308", "%e", DBL_MAX);
	FMT("1.79769e+308", "%g", DBL_MAX);
	FMT("0x1.fffffffffffffp+1023", "%a", DBL_MAX);
	FMT("0X1.FFFFFFFFFFFFFP+1023", "%A", DBL_MAX);
	FMT("2.225074e-308", "%e", DBL_MIN);
	FMT("0x1p-1022", "%a", DBL_MIN);
	FMT("0", "%.0f", 0.5);
	FMT("2", "%.0f", 1.5);
	FMT("2", "%.0f", 2.5);
	FMT("4", "%.0f", 3.5);
	FMT("-0", "%.0f", -0.5);
	FMT("-2", "%.0f", -2.5);
	FMT("0.2", "%.1f", 0.25);
	FMT("0.3", "%.1f", 0.35);
	FMT("1.00", "%.2f", 1.005);
	FMT("2e+00", "%.0e", 2.5);
	FMT("4e+00", "%.0e", 3.5);
	FMT("10.000", "%.3f", 9.9999);
	FMT("10.00", "%.2f", 9.9999);
	FMT("10", "%.3g", 9.9999);
	FMT("10", "%g", 9.9999999);
	FMT("10", "%.0f", 9.5);
	FMT("1000000.000000", "%f", 999999.9999999);
	FMT("1.000000e-04", "%e", 9.9999999e-5);
	FMT("-0.000000", "%f", -0.0);
	FMT("-0.000000e+00", "%e", -0.0);
	FMT("-0", "%g", -0.0);
	FMT("-0x0p+0", "%a", -0.0);
	FMT("+0.000000", "%+f", 0.0);
	FMT(" 1.000000", "% f", 1.0);
	FMT("0.000000", "%f", 0.0);
	FMT("0e+00", "%.0e", 0.0);
	FMT("0.e+00", "%#.0e", 0.0);
	FMT("1.", "%#.0f", 1.0);
	FMT("0.", "%#.0f", 0.0);
	FMT("inf", "%f", INFINITY);
	FMT("INF", "%F", INFINITY);
	FMT("-inf", "%e", -INFINITY);
	FMT("-INF", "%G", -INFINITY);
	FMT("inf", "%a", INFINITY);
	FMT("nan", "%f", NAN);
	FMT("NAN", "%F", NAN);
	FMT("-nan", "%e", -NAN);
	FMT("+nan", "%+g", NAN);
	FMT(" inf", "% f", INFINITY);
	FMT("       inf", "%010f", INFINITY);
	FMT("nan       |", "%-10f|", NAN);
	FMT("    -inf", "%08.2f", -INFINITY);
	FMT("100000", "%g", 100000.0);
	FMT("1e+06", "%g", 1000000.0);
	FMT("0.0001", "%g", 1e-4);
	FMT("1e-05", "%g", 1e-5);
	FMT("1.23457e+08", "%g", 123456789.0);
	FMT("0.000123457", "%g", 0.0001234567);
	FMT("1E-10", "%G", 1e-10);
	FMT("0", "%.0g", 0.0);
	FMT("1e+02", "%.0g", 123.0);
	FMT("0.9", "%.1g", 0.95);
	FMT("0.0095", "%.2g", 0.0095);
	FMT("1.00000", "%#g", 1.0);
	FMT("0.00000", "%#g", 0.0);
	FMT("1.00", "%#.3g", 1.0);
	FMT("1.", "%#.0g", 1.0);
	FMT("1.23457e+08", "%#g", 123456789.0);
	FMT("0.1000000000", "%#.10g", 0.1);
	FMT("0.1", "%g", 0.1);
	FMT("0.10000000000000000555", "%.20g", 0.1);
	FMT("1e+15", "%g", 1e15);
	FMT("1e+16", "%g", 1e16);
	FMT("3", "%g", 3.0);
	FMT("1.5", "%g", 1.5);
	FMT("0x1p+0", "%a", 1.0);
	FMT("0x1p+1", "%a", 2.0);
	FMT("0x1p-1", "%a", 0.5);
	FMT("0x1.8p+0", "%a", 1.5);
	FMT("0X1.FFP+7", "%A", 255.5);
	FMT("0x2p+0", "%.0a", 1.5);
	FMT("0x1p+1", "%.0a", 2.5);
	FMT("0x2p+0", "%.0a", 1.96875);
	FMT("0x2.0p+0", "%.1a", 1.96875);
	FMT("0x1.0p+0", "%.1a", 1.03125);
	FMT("0x1.000p+0", "%.3a", 1.0);
	FMT("0x1.00000000000000000000p+0", "%.20a", 1.0);
	FMT("0x1.p+0", "%#a", 1.0);
	FMT("0x0.8p-1022", "%a", DBL_MIN/2);
	FMT("0x0p-1022", "%.0a", DBL_MIN/2);
	FMT("0x0.80p-1022", "%.2a", DBL_MIN/2);
	FMT("              0x1p+0|", "%20a|", 1.0);
	FMT("0x1p+0              |", "%-20a|", 1.0);
	FMT("0x000000000000001p+0", "%020a", 1.0);
	FMT("+0x1p+0", "%+a", 1.0);
	FMT(" 0x1p+0", "% a", 1.0);
	FMT("-0x001.p+0", "%#010a", -1.0);
	FMT("     3.142|", "%10.3f|", 3.14159);
	FMT("3.142     |", "%-10.3f|", 3.14159);
	FMT("-00003.142", "%010.3f", -3.14159);
	FMT("+3.142e+00", "%+.3e", 3.14159);
	FMT("+2.50e+00   |", "%-+12.2e|", 2.5);
	FMT("+000000012", "%+010g", 12.0);
	FMT(" 00001.2", "% 08.1f", 1.25);
	FMT("-1.000e-10", "%08.3e", -1e-10);
	FMT("    0", "%5.0f", 1e-300);
	FMT("9.999", "%.3f", 9.9995);
	FMT("0.1000000000000000055511151231257827021182", "%.40f", 0.1);
	FMT("4.940656458412465441765687928682213723650598026143247644255857e-324", "%.60e", 5e-324);
	FMT("0.000", "%.3f", 1e-300);
	FMT("    6.02214e+23|", "%15.5e|", 6.02214076e23);
	FMT("0.333333", "%Lf", 1.0L/3);
	FMT("1.189731e+4932", "%Le", LDBL_MAX);
	FMT("3.3621e-4932", "%Lg", LDBL_MIN);
	FMT("3.36210314311209350626267781732e-4932", "%.30Lg", LDBL_MIN);
	FMT("0x8p-3", "%La", 1.0L);
	FMT("0xcp-2", "%La", 3.0L);
	FMT("0xc.ccccccccccccccdp-7", "%La", 0.1L);
	FMT("0xf.fffffffffffffffp+16380", "%La", LDBL_MAX);
	FMT("0x8p-16385", "%La", LDBL_MIN);
	FMT("0x2p-16385", "%La", LDBL_MIN/4);
	FMT("0x8p-3", "%.0La", 1.0L);
	FMT("0x1p+4", "%.0La", 15.5L);
	FMT("0x1.0p+4", "%.1La", 15.97L);
	FMT("0x1.000p+4", "%.3La", 15.99999L);
	FMT("0x0.00000000000002p-16385", "%La", 0x1p-16440L);
	FMT("0.1000000000000000000013553", "%.25Lf", 0.1L);
	FMT("2", "%.0Lf", 2.5L);
	FMT("3.645200e-4951", "%Le", 0x1p-16445L);
	FMT("3.645e-4951", "%.3Le", 0x1p-16445L);
	FMT("1e+4000", "%Lg", 1e4000L);
	FMT("-INF", "%LG", -HUGE_VALL);
	FMT("nan", "%Lf", (long double)NAN);
	FMT("-nan", "%Lf", -(long double)NAN);
	FMT("1.0000000000e+300", "%.10e", 1e300);
	FMT("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160",
	    "%.0f", 1e300);
}

static void test_printf_modes(void)
{
	volatile double third = 1.0 / 3, two_thirds = 2.0 / 3;

	FMT_MODE(FE_UPWARD, "1", "%.0f", 0.5);
	FMT_MODE(FE_UPWARD, "-0", "%.0f", -0.5);
	FMT_MODE(FE_UPWARD, "0.1", "%.1f", 0.01);
	FMT_MODE(FE_UPWARD, "0x2p+0", "%.0a", 1.1);
	FMT_MODE(FE_UPWARD, "1.01e-300", "%.2e", 1e-300);
	FMT_MODE(FE_UPWARD, "0.666667", "%g", two_thirds);
	FMT_MODE(FE_UPWARD, "0.000", "%.3f", 0.0);
	FMT_MODE(FE_DOWNWARD, "0", "%.0f", 0.5);
	FMT_MODE(FE_DOWNWARD, "-1", "%.0f", -0.5);
	FMT_MODE(FE_DOWNWARD, "-1.01e-300", "%.2e", -1e-300);
	FMT_MODE(FE_DOWNWARD, "0.333333", "%g", third);
	FMT_MODE(FE_DOWNWARD, "-0.000001", "%f", -1e-7);
	FMT_MODE(FE_TOWARDZERO, "0", "%.0f", 0.9);
	FMT_MODE(FE_TOWARDZERO, "-0", "%.0f", -0.9);
	FMT_MODE(FE_TOWARDZERO, "0.0", "%.1f", 0.09);
	FMT_MODE(FE_TOWARDZERO, "0.666666", "%g", two_thirds);
	FMT_MODE(FE_TOWARDZERO, "0x1p+0", "%.0a", 1.9);
	FMT_MODE(FE_TONEAREST, "2", "%.0f", 2.5);
	/* the mode is read back as set */
	CHECK(fesetround(FE_DOWNWARD) == 0 && fegetround() == FE_DOWNWARD);
	CHECK(fesetround(12345) != 0 && fegetround() == FE_DOWNWARD);
	fesetround(FE_TONEAREST);
}

/* Long outputs: every digit of the smallest double, and a long double's
 * 4933-digit integer part. */
static void test_printf_long(void)
{
	int n;

	n = snprintf(buf, sizeof buf, "%.1074f", 5e-324);
	CHECK_EQ(n, 1076);
	CHECK(strncmp(buf, "0.000", 5) == 0 && strcmp(buf + 1076 - 9, "447265625") == 0);
	n = snprintf(buf, sizeof buf, "%.0Lf", LDBL_MAX);
	CHECK_EQ(n, 4933);
	CHECK(strncmp(buf, "11897314953572317650", 20) == 0 && strcmp(buf + 4923, "1989770240") == 0);
	n = snprintf(NULL, 0, "%.5000f", 1.0);
	CHECK_EQ(n, 5002);
	n = snprintf(buf, sizeof buf, "%-3000.2f|", 1.5);
	CHECK(n == 3001 && strncmp(buf, "1.50 ", 5) == 0 && buf[2999] == ' ' && buf[3000] == '|');
	/* printf to a stream, and %L with an integer conversion (glibc: long long) */
	n = snprintf(buf, sizeof buf, "%Ld %.3f %d", 1LL << 40, 2.0, 7);
	CHECK_STR(buf, "1099511627776 2.000 7");
}

static unsigned long long dbits(double d)
{
	unsigned long long b;

	memcpy(&b, &d, sizeof b);
	return b;
}

static unsigned fbits(float f)
{
	unsigned b;

	memcpy(&b, &f, sizeof b);
	return b;
}

static void check_strtod(const char *s, unsigned long long want, int want_end, int want_errno, int line)
{
	char *end;
	double d;
	int e;

	errno = 0;
	d = strtod(s, &end);
	e = errno;
	check_at(dbits(d) == want && end - s == want_end && e == want_errno, s, __FILE__, line);
	if (dbits(d) != want || end - s != want_end || e != want_errno)
		printf("     got %016llx end %d errno %d, want %016llx end %d errno %d\n", dbits(d),
		       (int)(end - s), e, want, want_end, want_errno);
}

static void check_strtof(const char *s, unsigned want, int want_end, int want_errno, int line)
{
	char *end;
	float f;
	int e;

	errno = 0;
	f = strtof(s, &end);
	e = errno;
	check_at(fbits(f) == want && end - s == want_end && e == want_errno, s, __FILE__, line);
	if (fbits(f) != want || end - s != want_end || e != want_errno)
		printf("     got %08x end %d errno %d, want %08x end %d errno %d\n", fbits(f), (int)(end - s),
		       e, want, want_end, want_errno);
}

static void check_strtold(const char *s, unsigned se, unsigned long long m, int want_end, int want_errno,
			  int line)
{
	unsigned char b[16] = { 0 };
	unsigned long long gm;
	unsigned gse;
	long double ld;
	char *end;
	int e;

	errno = 0;
	ld = strtold(s, &end);
	e = errno;
	memcpy(b, &ld, 10);
	memcpy(&gm, b, 8);
	gse = b[8] | b[9] << 8;
	check_at(gse == se && gm == m && end - s == want_end && e == want_errno, s, __FILE__, line);
	if (gse != se || gm != m || end - s != want_end || e != want_errno)
		printf("     got %04x %016llx end %d errno %d, want %04x %016llx end %d errno %d\n", gse, gm,
		       (int)(end - s), e, se, m, want_end, want_errno);
}

#define STRTOD(s, bits, end, err) check_strtod(s, bits, end, err, __LINE__)
#define STRTOF(s, bits, end, err) check_strtof(s, bits, end, err, __LINE__)
#define STRTOLD(s, se, m, end, err) check_strtold(s, se, m, end, err, __LINE__)

static void test_strtod(void)
{
	STRTOD("0.1", 0x3fb999999999999aULL, 3, 0);
	STRTOD("1e23", 0x44b52d02c7e14af6ULL, 4, 0);
	STRTOD("9007199254740993", 0x4340000000000000ULL, 16, 0);
	STRTOD("9007199254740992.5", 0x4340000000000000ULL, 18, 0);
	STRTOD("9007199254740994.5", 0x4340000000000001ULL, 18, 0);
	STRTOD("9007199254740993.000000000000000000000000000000000000000001", 0x4340000000000001ULL, 59, 0);
	STRTOD("2.2250738585072011e-308", 0x000fffffffffffffULL, 23, 34);
	STRTOD("2.2250738585072012e-308", 0x0010000000000000ULL, 23, 34);
	STRTOD("2.2250738585072014e-308", 0x0010000000000000ULL, 23, 0);
	STRTOD("2.4703282292062327e-324", 0x0000000000000000ULL, 23, 34);
	STRTOD("2.4703282292062328e-324", 0x0000000000000001ULL, 23, 34);
	STRTOD("4.9e-324", 0x0000000000000001ULL, 8, 34);
	STRTOD("5e-324", 0x0000000000000001ULL, 6, 34);
	STRTOD("1e-400", 0x0000000000000000ULL, 6, 34);
	STRTOD("-1e-400", 0x8000000000000000ULL, 7, 34);
	STRTOD("1e400", 0x7ff0000000000000ULL, 5, 34);
	STRTOD("-1e400", 0xfff0000000000000ULL, 6, 34);
	STRTOD("1.7976931348623157e308", 0x7fefffffffffffffULL, 22, 0);
	STRTOD("1.7976931348623158e308", 0x7fefffffffffffffULL, 22, 0);
	STRTOD("1.7976931348623159e308", 0x7ff0000000000000ULL, 22, 34);
	STRTOD("0x1p-1074", 0x0000000000000001ULL, 9, 0);
	STRTOD("0x1p-1075", 0x0000000000000000ULL, 9, 34);
	STRTOD("0x1.8p-1075", 0x0000000000000001ULL, 11, 34);
	STRTOD("0x1.fffffffffffff8p1023", 0x7ff0000000000000ULL, 23, 34);
	STRTOD("0x0.FFFFFFFFFFFFFAp-1022", 0x0010000000000000ULL, 24, 34);
	STRTOD("0x0.FFFFFFFFFFFFF9p-1022", 0x0010000000000000ULL, 24, 34);
	STRTOD("0x0.FFFFFFFFFFFFFCp-1022", 0x0010000000000000ULL, 24, 0);
	STRTOD("0x0.FFFFFFFFFFFFFFp-1022", 0x0010000000000000ULL, 24, 0);
	STRTOD("0x0.FFFFFFFFFFFFFBp-1022", 0x0010000000000000ULL, 24, 34);
	STRTOD("0x1.23456789abcdefp+10", 0x40923456789abcdfULL, 22, 0);
	STRTOD("0X1.8P1", 0x4008000000000000ULL, 7, 0);
	STRTOD("0x.8", 0x3fe0000000000000ULL, 4, 0);
	STRTOD("0x1.", 0x3ff0000000000000ULL, 4, 0);
	STRTOD("0x", 0x0000000000000000ULL, 1, 0);
	STRTOD("0xg", 0x0000000000000000ULL, 1, 0);
	STRTOD("0x.p1", 0x0000000000000000ULL, 1, 0);
	STRTOD("0x1p", 0x3ff0000000000000ULL, 3, 0);
	STRTOD("0x1p+", 0x3ff0000000000000ULL, 3, 0);
	STRTOD("1e", 0x3ff0000000000000ULL, 1, 0);
	STRTOD("1e+", 0x3ff0000000000000ULL, 1, 0);
	STRTOD("1e-x", 0x3ff0000000000000ULL, 1, 0);
	STRTOD(".e1", 0x0000000000000000ULL, 0, 0);
	STRTOD(".", 0x0000000000000000ULL, 0, 0);
	STRTOD("-", 0x0000000000000000ULL, 0, 0);
	STRTOD("+.5", 0x3fe0000000000000ULL, 3, 0);
	STRTOD("  +.5e-3x", 0x3f40624dd2f1a9fcULL, 8, 0);
	STRTOD("\t-12.5e+2z", 0xc093880000000000ULL, 9, 0);
	STRTOD("-0", 0x8000000000000000ULL, 2, 0);
	STRTOD("0.000000000000000000000000000000000000000000000000001e51", 0x3ff0000000000000ULL, 56, 0);
	STRTOD("123456789012345678901234567890", 0x45f8ee90ff6c373eULL, 30, 0);
	STRTOD("1000000000000000000000000000000000000000000000000000000000000000000000000e-72", 0x3ff0000000000000ULL, 77, 0);
	STRTOD("inf", 0x7ff0000000000000ULL, 3, 0);
	STRTOD("-INF", 0xfff0000000000000ULL, 4, 0);
	STRTOD("infinity", 0x7ff0000000000000ULL, 8, 0);
	STRTOD("InFiNiTy", 0x7ff0000000000000ULL, 8, 0);
	STRTOD("infin", 0x7ff0000000000000ULL, 3, 0);
	STRTOD("nan", 0x7ff8000000000000ULL, 3, 0);
	STRTOD("-nan", 0xfff8000000000000ULL, 4, 0);
	STRTOD("NaN", 0x7ff8000000000000ULL, 3, 0);
	STRTOD("nan(0x123)", 0x7ff8000000000123ULL, 10, 0);
	STRTOD("nan(123)", 0x7ff800000000007bULL, 8, 0);
	STRTOD("nan(abc)", 0x7ff8000000000000ULL, 8, 0);
	STRTOD("nan(", 0x7ff8000000000000ULL, 3, 0);
	STRTOD("nan()", 0x7ff8000000000000ULL, 5, 0);
	STRTOD("nanx", 0x7ff8000000000000ULL, 3, 0);
	STRTOD("1e99999999999999999999", 0x7ff0000000000000ULL, 22, 34);
	STRTOD("1e-99999999999999999999", 0x0000000000000000ULL, 23, 34);
	STRTOD("0e99999", 0x0000000000000000ULL, 7, 0);
	STRTOD("3.4028235677973366e38", 0x47effffff0000000ULL, 21, 0);
	STRTOD("3.4028236e38", 0x47effffff514a7bcULL, 12, 0);
	STRTOD("1.4e-45", 0x369ff868bf4d956aULL, 7, 0);
	STRTOD("7e-46", 0x368ff868bf4d956aULL, 5, 0);
	STRTOD("1.17549435e-38", 0x380fffffff9fdba8ULL, 14, 0);
}

static void test_strtof(void)
{
	STRTOF("0.1", 0x3dcccccd, 3, 0);
	STRTOF("1e23", 0x65a96816, 4, 0);
	STRTOF("9007199254740993", 0x5a000000, 16, 0);
	STRTOF("9007199254740992.5", 0x5a000000, 18, 0);
	STRTOF("9007199254740994.5", 0x5a000000, 18, 0);
	STRTOF("9007199254740993.000000000000000000000000000000000000000001", 0x5a000000, 59, 0);
	STRTOF("2.2250738585072011e-308", 0x00000000, 23, 34);
	STRTOF("2.2250738585072012e-308", 0x00000000, 23, 34);
	STRTOF("2.2250738585072014e-308", 0x00000000, 23, 34);
	STRTOF("2.4703282292062327e-324", 0x00000000, 23, 34);
	STRTOF("2.4703282292062328e-324", 0x00000000, 23, 34);
	STRTOF("4.9e-324", 0x00000000, 8, 34);
	STRTOF("5e-324", 0x00000000, 6, 34);
	STRTOF("1e-400", 0x00000000, 6, 34);
	STRTOF("-1e-400", 0x80000000, 7, 34);
	STRTOF("1e400", 0x7f800000, 5, 34);
	STRTOF("-1e400", 0xff800000, 6, 34);
	STRTOF("1.7976931348623157e308", 0x7f800000, 22, 34);
	STRTOF("1.7976931348623158e308", 0x7f800000, 22, 34);
	STRTOF("1.7976931348623159e308", 0x7f800000, 22, 34);
	STRTOF("0x1p-1074", 0x00000000, 9, 34);
	STRTOF("0x1p-1075", 0x00000000, 9, 34);
	STRTOF("0x1.8p-1075", 0x00000000, 11, 34);
	STRTOF("0x1.fffffffffffff8p1023", 0x7f800000, 23, 34);
	STRTOF("0x0.FFFFFFFFFFFFFAp-1022", 0x00000000, 24, 34);
	STRTOF("0x0.FFFFFFFFFFFFF9p-1022", 0x00000000, 24, 34);
	STRTOF("0x0.FFFFFFFFFFFFFCp-1022", 0x00000000, 24, 34);
	STRTOF("0x0.FFFFFFFFFFFFFFp-1022", 0x00000000, 24, 34);
	STRTOF("0x0.FFFFFFFFFFFFFBp-1022", 0x00000000, 24, 34);
	STRTOF("0x1.23456789abcdefp+10", 0x4491a2b4, 22, 0);
	STRTOF("0X1.8P1", 0x40400000, 7, 0);
	STRTOF("0x.8", 0x3f000000, 4, 0);
	STRTOF("0x1.", 0x3f800000, 4, 0);
	STRTOF("0x", 0x00000000, 1, 0);
	STRTOF("0xg", 0x00000000, 1, 0);
	STRTOF("0x.p1", 0x00000000, 1, 0);
	STRTOF("0x1p", 0x3f800000, 3, 0);
	STRTOF("0x1p+", 0x3f800000, 3, 0);
	STRTOF("1e", 0x3f800000, 1, 0);
	STRTOF("1e+", 0x3f800000, 1, 0);
	STRTOF("1e-x", 0x3f800000, 1, 0);
	STRTOF(".e1", 0x00000000, 0, 0);
	STRTOF(".", 0x00000000, 0, 0);
	STRTOF("-", 0x00000000, 0, 0);
	STRTOF("+.5", 0x3f000000, 3, 0);
	STRTOF("  +.5e-3x", 0x3a03126f, 8, 0);
	STRTOF("\t-12.5e+2z", 0xc49c4000, 9, 0);
	STRTOF("-0", 0x80000000, 2, 0);
	STRTOF("0.000000000000000000000000000000000000000000000000001e51", 0x3f800000, 56, 0);
	STRTOF("123456789012345678901234567890", 0x6fc77488, 30, 0);
	STRTOF("1000000000000000000000000000000000000000000000000000000000000000000000000e-72", 0x3f800000, 77, 0);
	STRTOF("inf", 0x7f800000, 3, 0);
	STRTOF("-INF", 0xff800000, 4, 0);
	STRTOF("infinity", 0x7f800000, 8, 0);
	STRTOF("InFiNiTy", 0x7f800000, 8, 0);
	STRTOF("infin", 0x7f800000, 3, 0);
	STRTOF("nan", 0x7fc00000, 3, 0);
	STRTOF("-nan", 0xffc00000, 4, 0);
	STRTOF("NaN", 0x7fc00000, 3, 0);
	STRTOF("nan(0x123)", 0x7fc00123, 10, 0);
	STRTOF("nan(123)", 0x7fc0007b, 8, 0);
	STRTOF("nan(abc)", 0x7fc00000, 8, 0);
	STRTOF("nan(", 0x7fc00000, 3, 0);
	STRTOF("nan()", 0x7fc00000, 5, 0);
	STRTOF("nanx", 0x7fc00000, 3, 0);
	STRTOF("1e99999999999999999999", 0x7f800000, 22, 34);
	STRTOF("1e-99999999999999999999", 0x00000000, 23, 34);
	STRTOF("0e99999", 0x00000000, 7, 0);
	STRTOF("3.4028235677973366e38", 0x7f7fffff, 21, 0);
	STRTOF("3.4028236e38", 0x7f800000, 12, 34);
	STRTOF("1.4e-45", 0x00000001, 7, 34);
	STRTOF("7e-46", 0x00000000, 5, 34);
	STRTOF("1.17549435e-38", 0x00800000, 14, 0);
}

static void test_strtold(void)
{
	STRTOLD("0.1", 0x3ffb, 0xcccccccccccccccdULL, 3, 0);
	STRTOLD("1e23", 0x404b, 0xa968163f0a57b400ULL, 4, 0);
	STRTOLD("9007199254740993", 0x4034, 0x8000000000000400ULL, 16, 0);
	STRTOLD("9007199254740992.5", 0x4034, 0x8000000000000200ULL, 18, 0);
	STRTOLD("9007199254740994.5", 0x4034, 0x8000000000000a00ULL, 18, 0);
	STRTOLD("9007199254740993.000000000000000000000000000000000000000001", 0x4034, 0x8000000000000400ULL, 59, 0);
	STRTOLD("2.2250738585072011e-308", 0x3c00, 0xfffffffffffff6d5ULL, 23, 0);
	STRTOLD("2.2250738585072012e-308", 0x3c00, 0xfffffffffffffa12ULL, 23, 0);
	STRTOLD("2.2250738585072014e-308", 0x3c01, 0x8000000000000046ULL, 23, 0);
	STRTOLD("2.4703282292062327e-324", 0x3bcb, 0xffffffffffffff64ULL, 23, 0);
	STRTOLD("2.4703282292062328e-324", 0x3bcc, 0x8000000000000127ULL, 23, 0);
	STRTOLD("4.9e-324", 0x3bcc, 0xfde4b4fb194fced9ULL, 8, 0);
	STRTOLD("5e-324", 0x3bcd, 0x818995ce7aa0e1b2ULL, 6, 0);
	STRTOLD("1e-400", 0x3ace, 0x95fe7e07c91efafaULL, 6, 0);
	STRTOLD("-1e-400", 0xbace, 0x95fe7e07c91efafaULL, 7, 0);
	STRTOLD("1e400", 0x452f, 0xda763fc8cb9ff9e6ULL, 5, 0);
	STRTOLD("-1e400", 0xc52f, 0xda763fc8cb9ff9e6ULL, 6, 0);
	STRTOLD("1.7976931348623157e308", 0x43fe, 0xfffffffffffff7acULL, 22, 0);
	STRTOLD("1.7976931348623158e308", 0x43fe, 0xfffffffffffffbafULL, 22, 0);
	STRTOLD("1.7976931348623159e308", 0x43fe, 0xffffffffffffffb1ULL, 22, 0);
	STRTOLD("0x1p-1074", 0x3bcd, 0x8000000000000000ULL, 9, 0);
	STRTOLD("0x1p-1075", 0x3bcc, 0x8000000000000000ULL, 9, 0);
	STRTOLD("0x1.8p-1075", 0x3bcc, 0xc000000000000000ULL, 11, 0);
	STRTOLD("0x1.fffffffffffff8p1023", 0x43fe, 0xfffffffffffffc00ULL, 23, 0);
	STRTOLD("0x0.FFFFFFFFFFFFFAp-1022", 0x3c00, 0xfffffffffffffa00ULL, 24, 0);
	STRTOLD("0x0.FFFFFFFFFFFFF9p-1022", 0x3c00, 0xfffffffffffff900ULL, 24, 0);
	STRTOLD("0x0.FFFFFFFFFFFFFCp-1022", 0x3c00, 0xfffffffffffffc00ULL, 24, 0);
	STRTOLD("0x0.FFFFFFFFFFFFFFp-1022", 0x3c00, 0xffffffffffffff00ULL, 24, 0);
	STRTOLD("0x0.FFFFFFFFFFFFFBp-1022", 0x3c00, 0xfffffffffffffb00ULL, 24, 0);
	STRTOLD("0x1.23456789abcdefp+10", 0x4009, 0x91a2b3c4d5e6f780ULL, 22, 0);
	STRTOLD("0X1.8P1", 0x4000, 0xc000000000000000ULL, 7, 0);
	STRTOLD("0x.8", 0x3ffe, 0x8000000000000000ULL, 4, 0);
	STRTOLD("0x1.", 0x3fff, 0x8000000000000000ULL, 4, 0);
	STRTOLD("0x", 0x0000, 0x0000000000000000ULL, 1, 0);
	STRTOLD("0xg", 0x0000, 0x0000000000000000ULL, 1, 0);
	STRTOLD("0x.p1", 0x0000, 0x0000000000000000ULL, 1, 0);
	STRTOLD("0x1p", 0x3fff, 0x8000000000000000ULL, 3, 0);
	STRTOLD("0x1p+", 0x3fff, 0x8000000000000000ULL, 3, 0);
	STRTOLD("1e", 0x3fff, 0x8000000000000000ULL, 1, 0);
	STRTOLD("1e+", 0x3fff, 0x8000000000000000ULL, 1, 0);
	STRTOLD("1e-x", 0x3fff, 0x8000000000000000ULL, 1, 0);
	STRTOLD(".e1", 0x0000, 0x0000000000000000ULL, 0, 0);
	STRTOLD(".", 0x0000, 0x0000000000000000ULL, 0, 0);
	STRTOLD("-", 0x0000, 0x0000000000000000ULL, 0, 0);
	STRTOLD("+.5", 0x3ffe, 0x8000000000000000ULL, 3, 0);
	STRTOLD("  +.5e-3x", 0x3ff4, 0x83126e978d4fdf3bULL, 8, 0);
	STRTOLD("\t-12.5e+2z", 0xc009, 0x9c40000000000000ULL, 9, 0);
	STRTOLD("-0", 0x8000, 0x0000000000000000ULL, 2, 0);
	STRTOLD("0.000000000000000000000000000000000000000000000000001e51", 0x3fff, 0x8000000000000000ULL, 56, 0);
	STRTOLD("123456789012345678901234567890", 0x405f, 0xc77487fb61b9f077ULL, 30, 0);
	STRTOLD("1000000000000000000000000000000000000000000000000000000000000000000000000e-72", 0x3fff, 0x8000000000000000ULL, 77, 0);
	STRTOLD("inf", 0x7fff, 0x8000000000000000ULL, 3, 0);
	STRTOLD("-INF", 0xffff, 0x8000000000000000ULL, 4, 0);
	STRTOLD("infinity", 0x7fff, 0x8000000000000000ULL, 8, 0);
	STRTOLD("InFiNiTy", 0x7fff, 0x8000000000000000ULL, 8, 0);
	STRTOLD("infin", 0x7fff, 0x8000000000000000ULL, 3, 0);
	STRTOLD("nan", 0x7fff, 0xc000000000000000ULL, 3, 0);
	STRTOLD("-nan", 0xffff, 0xc000000000000000ULL, 4, 0);
	STRTOLD("NaN", 0x7fff, 0xc000000000000000ULL, 3, 0);
	STRTOLD("nan(0x123)", 0x7fff, 0xc000000000000123ULL, 10, 0);
	STRTOLD("nan(123)", 0x7fff, 0xc00000000000007bULL, 8, 0);
	STRTOLD("nan(abc)", 0x7fff, 0xc000000000000000ULL, 8, 0);
	STRTOLD("nan(", 0x7fff, 0xc000000000000000ULL, 3, 0);
	STRTOLD("nan()", 0x7fff, 0xc000000000000000ULL, 5, 0);
	STRTOLD("nanx", 0x7fff, 0xc000000000000000ULL, 3, 0);
	STRTOLD("1e99999999999999999999", 0x7fff, 0x8000000000000000ULL, 22, 34);
	STRTOLD("1e-99999999999999999999", 0x0000, 0x0000000000000000ULL, 23, 34);
	STRTOLD("0e99999", 0x0000, 0x0000000000000000ULL, 7, 0);
	STRTOLD("3.4028235677973366e38", 0x407e, 0xffffff7fffffffa7ULL, 21, 0);
	STRTOLD("3.4028236e38", 0x407e, 0xffffffa8a53de1e2ULL, 12, 0);
	STRTOLD("1.4e-45", 0x3f69, 0xffc345fa6cab4c58ULL, 7, 0);
	STRTOLD("7e-46", 0x3f68, 0xffc345fa6cab4c58ULL, 5, 0);
	STRTOLD("1.17549435e-38", 0x3f80, 0xfffffffcfedd426eULL, 14, 0);
}

#define STRTOD_MODE(mode, s, bits, end, err) \
	do {                                 \
		fesetround(mode);            \
		check_strtod(s, bits, end, err, __LINE__); \
		fesetround(FE_TONEAREST);    \
	} while (0)

static void test_strtod_modes(void)
{
	STRTOD_MODE(FE_UPWARD, "0.1", 0x3fb999999999999aULL, 3, 0);
	STRTOD_MODE(FE_UPWARD, "-0.1", 0xbfb9999999999999ULL, 4, 0);
	STRTOD_MODE(FE_UPWARD, "1e400", 0x7ff0000000000000ULL, 5, 34);
	STRTOD_MODE(FE_UPWARD, "-1e400", 0xffefffffffffffffULL, 6, 34);
	STRTOD_MODE(FE_UPWARD, "1e-400", 0x0000000000000001ULL, 6, 34);
	STRTOD_MODE(FE_UPWARD, "-1e-400", 0x8000000000000000ULL, 7, 34);
	STRTOD_MODE(FE_UPWARD, "0x1.00000000000008p0", 0x3ff0000000000001ULL, 20, 0);
	STRTOD_MODE(FE_UPWARD, "2.5e-324", 0x0000000000000001ULL, 8, 34);
	STRTOD_MODE(FE_DOWNWARD, "0.1", 0x3fb9999999999999ULL, 3, 0);
	STRTOD_MODE(FE_DOWNWARD, "-0.1", 0xbfb999999999999aULL, 4, 0);
	STRTOD_MODE(FE_DOWNWARD, "1e400", 0x7fefffffffffffffULL, 5, 34);
	STRTOD_MODE(FE_DOWNWARD, "-1e400", 0xfff0000000000000ULL, 6, 34);
	STRTOD_MODE(FE_DOWNWARD, "1e-400", 0x0000000000000000ULL, 6, 34);
	STRTOD_MODE(FE_DOWNWARD, "-1e-400", 0x8000000000000001ULL, 7, 34);
	STRTOD_MODE(FE_DOWNWARD, "0x1.00000000000008p0", 0x3ff0000000000000ULL, 20, 0);
	STRTOD_MODE(FE_DOWNWARD, "2.5e-324", 0x0000000000000000ULL, 8, 34);
	STRTOD_MODE(FE_TOWARDZERO, "0.1", 0x3fb9999999999999ULL, 3, 0);
	STRTOD_MODE(FE_TOWARDZERO, "-0.1", 0xbfb9999999999999ULL, 4, 0);
	STRTOD_MODE(FE_TOWARDZERO, "1e400", 0x7fefffffffffffffULL, 5, 34);
	STRTOD_MODE(FE_TOWARDZERO, "-1e400", 0xffefffffffffffffULL, 6, 34);
	STRTOD_MODE(FE_TOWARDZERO, "1e-400", 0x0000000000000000ULL, 6, 34);
	STRTOD_MODE(FE_TOWARDZERO, "-1e-400", 0x8000000000000000ULL, 7, 34);
	STRTOD_MODE(FE_TOWARDZERO, "0x1.00000000000008p0", 0x3ff0000000000000ULL, 20, 0);
	STRTOD_MODE(FE_TOWARDZERO, "2.5e-324", 0x0000000000000000ULL, 8, 34);
}

/* Digit strings far longer than a double holds: only the first 768 digits
 * can decide, but whatever follows must still break a tie. */
static void test_strtod_long(void)
{
	static char s[4096];
	char *end;
	int n;


	/* 2^53 + 1, exactly halfway: to even (2^53); anything more: up */
	strcpy(s, "9007199254740993.");
	memset(s + 17, '0', 2000);
	s[2017] = 0;
	CHECK_EQ(dbits(strtod(s, &end)), 0x4340000000000000ULL);
	CHECK_EQ(end - s, 2017);
	s[2016] = '1';
	CHECK_EQ(dbits(strtod(s, &end)), 0x4340000000000001ULL);
	/* the same tie written as 1000 digits, the point far to the right */
	strcpy(s, "9007199254740993");
	memset(s + 16, '0', 984);
	strcpy(s + 1000, "e-984");
	CHECK_EQ(dbits(strtod(s, NULL)), 0x4340000000000000ULL);
	s[999] = '1';
	CHECK_EQ(dbits(strtod(s, NULL)), 0x4340000000000001ULL);
	/* 2^-1075, half the smallest subnormal, in all its 751 digits: to
	 * even (zero, ERANGE); one more digit: the smallest subnormal */
	n = snprintf(s, sizeof s, "%.760Le", 0x1p-1075L);
	CHECK_EQ(n, 767);
	CHECK_STR(s,
		"2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991"
		"818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392"
		"290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769"
		"269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374"
		"006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968"
		"951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386"
		"591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995"
		"657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145"
		"437693412532098591327667236328125000000000e-324");
	errno = 0;
	CHECK(dbits(strtod(s, NULL)) == 0 && errno == ERANGE);
	strcpy(strchr(s, 'e'), "1e-324");
	errno = 0;
	CHECK(dbits(strtod(s, NULL)) == 1 && errno == ERANGE);
	/* atof is strtod without the end */
	CHECK_EQ(dbits(atof("  -2.5e-3 rest")), dbits(-2.5e-3));
	CHECK_EQ(dbits(strtod("1.5", NULL)), dbits(1.5));
}

/* printf then strtod gives the double back: %.17g and %a are exact. */
static void test_round_trip(void)
{
	unsigned long long b = 0x123456789abcdefULL, x;
	double d;
	int i, bad = 0;

	for (i = 0; i < 2000; i++) {
		b = b * 6364136223846793005ULL + 1442695040888963407ULL;
		x = b ^ (b >> 29);
		memcpy(&d, &x, sizeof d);
		if (d != d)
			continue;
		snprintf(buf, sizeof buf, "%.17g", d);
		bad += dbits(strtod(buf, NULL)) != x;
		snprintf(buf, sizeof buf, "%a", d);
		bad += dbits(strtod(buf, NULL)) != x;
	}
	CHECK_EQ(bad, 0);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	test_printf();
	test_printf_modes();
	test_printf_long();
	test_strtod();
	test_strtof();
	test_strtold();
	test_strtod_modes();
	test_strtod_long();
	test_round_trip();
	return check_done();
}
