/* stdlib.h: string to number, sorting and searching, rand, environment. */
#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include "check.h"

static void test_strtol(void)
{
	char *end;

	CHECK_EQ(strtol("  -123xyz", &end, 10), -123);
	CHECK_STR(end, "xyz");
	CHECK_EQ(strtol("+42", NULL, 10), 42);
	CHECK_EQ(strtol("0x1F", NULL, 0), 31);
	CHECK_EQ(strtol("0X1f", NULL, 16), 31);
	CHECK_EQ(strtol("017", NULL, 0), 15);
	CHECK_EQ(strtol("z", NULL, 36), 35);
	CHECK_EQ(strtol("1010", NULL, 2), 10);
	/* No digits: 0, and end at the start of the string. */
	end = NULL;
	CHECK_EQ(strtol("  +", &end, 10), 0);
	CHECK_STR(end, "  +");
	/* "0x" with no hex digit: the 0 is the number. */
	CHECK_EQ(strtol("0xg", &end, 16), 0);
	CHECK_STR(end, "xg");
	/* Limits and overflow. */
	errno = 0;
	CHECK_EQ(strtol("2147483647", NULL, 10), LONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtol("-2147483648", NULL, 10), LONG_MIN);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtol("2147483648", &end, 10), LONG_MAX);
	CHECK_EQ(errno, ERANGE);
	CHECK_STR(end, "");
	errno = 0;
	CHECK_EQ(strtol("-2147483649", NULL, 10), LONG_MIN);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK_EQ(strtoul("4294967295", NULL, 10), ULONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoul("4294967296", NULL, 10), ULONG_MAX);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK_EQ(strtoul("-1", NULL, 10), ULONG_MAX);	/* negated, as C says */
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoll("-9223372036854775808", NULL, 10), LLONG_MIN);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoll("9223372036854775808", NULL, 10), LLONG_MAX);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK(strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX && errno == 0);
	CHECK(strtoull("18446744073709551616", NULL, 10) == ULLONG_MAX && errno == ERANGE);
	errno = 0;
	CHECK_EQ(strtol("12", &end, 1), 0);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(atoi(" 77 "), 77);
	CHECK_EQ(atol("-5"), -5);
	CHECK_EQ(atoll("123456789012"), 123456789012LL);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_sort(void)
{
	int v[200], i, sorted = 1, key, *hit;
	const char *names[] = { "pear", "apple", "fig", "kiwi", "banana" };

	srand(7);
	for (i = 0; i < 200; i++)
		v[i] = rand() % 1000 - 500;
	qsort(v, 200, sizeof v[0], cmp_int);
	for (i = 1; i < 200; i++)
		sorted &= v[i - 1] <= v[i];
	CHECK(sorted);
	key = v[123];
	hit = bsearch(&key, v, 200, sizeof v[0], cmp_int);
	CHECK(hit && *hit == key);
	key = 5000;
	CHECK(bsearch(&key, v, 200, sizeof v[0], cmp_int) == NULL);
	qsort(names, 5, sizeof names[0], cmp_str);
	CHECK(!strcmp(names[0], "apple") && !strcmp(names[4], "pear"));
	qsort(v, 0, sizeof v[0], cmp_int);	/* nothing to do, must not crash */
	CHECK(bsearch(&key, v, 0, sizeof v[0], cmp_int) == NULL);
}

static void test_misc(void)
{
	int a, b;
	div_t d = div(-7, 2);

	CHECK(abs(-3) == 3 && labs(-4L) == 4 && llabs(-5LL) == 5);
	CHECK(d.quot == -3 && d.rem == -1);
	srand(1);
	a = rand();
	srand(1);
	b = rand();
	CHECK(a == b && a >= 0 && a <= RAND_MAX);
	CHECK(getenv("PAGEWISE_SURELY_UNSET") == NULL);
}

/* The parts of libc that allocate: setenv, strdup, getcwd(NULL, 0). */
static void test_alloc_users(void)
{
	char *d, *cwd;

	CHECK_EQ(setenv("PW_TEST", "one", 1), 0);
	CHECK_STR(getenv("PW_TEST"), "one");
	CHECK_EQ(setenv("PW_TEST", "two", 0), 0);	/* no overwrite */
	CHECK_STR(getenv("PW_TEST"), "one");
	CHECK_EQ(setenv("PW_TEST", "three", 1), 0);
	CHECK_STR(getenv("PW_TEST"), "three");
	CHECK(getenv("PW_TES") == NULL && getenv("PW_TEST_") == NULL);
	CHECK_EQ(unsetenv("PW_TEST"), 0);
	CHECK(getenv("PW_TEST") == NULL);
	CHECK(setenv("A=B", "x", 1) == -1 && errno == EINVAL);
	d = strdup("copy me");
	CHECK(d && strcmp(d, "copy me") == 0);
	free(d);
	d = strndup("abcdef", 3);
	CHECK(d && strcmp(d, "abc") == 0);
	free(d);
	cwd = getcwd(NULL, 0);
	CHECK(cwd && cwd[0] == '/');
	free(cwd);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	test_strtol();
	test_sort();
	test_misc();
	test_alloc_users();
	return check_done();
}
