/* The printf family, compared with what glibc prints for the same calls. */
#include <limits.h>
#include <stdint.h>
#include <unistd.h>
#include "check.h"

static char buf[256];

#define FMT(want, ...)                                   \
	do {                                             \
		snprintf(buf, sizeof buf, __VA_ARGS__);  \
		check_str_at(buf, want, #__VA_ARGS__, __FILE__, __LINE__); \
	} while (0)

static void test_ints(void)
{
	FMT("42", "%d", 42);
	FMT("-42", "%i", -42);
	FMT("-2147483648", "%d", INT_MIN);
	FMT("4294967295", "%u", UINT_MAX);
	FMT("ff FF", "%x %X", 255, 255);
	FMT("777", "%o", 0777);
	FMT("0x1f 0X1F 0", "%#x %#X %#x", 31, 31, 0);
	FMT("017 0", "%#o %#o", 15, 0);
	FMT("+5 -5 +0", "%+d %+d %+d", 5, -5, 0);
	FMT(" 5 -5", "% d % d", 5, -5);
	FMT("+5", "%+ d", 5);
	FMT("   42|42   |00042", "%5d|%-5d|%05d", 42, 42, 42);
	FMT("-0042", "%05d", -42);
	FMT("  042", "%5.3d", 42);
	FMT("00042", "%.5d", 42);
	FMT("|   |", "|%3.0d|", 0);
	FMT("||", "|%.0d|", 0);
	FMT("0x000ff", "%#07x", 255);
	FMT("  0xff", "%#6x", 255);
	FMT("42   |", "%-05d|", 42);	/* '-' beats '0' */
	FMT("   42", "%*d", 5, 42);
	FMT("42   |", "%*d|", -5, 42);	/* negative * width: left-justified */
	FMT("00042", "%.*d", 5, 42);
	FMT("42", "%.*d", -1, 42);	/* negative * precision: none */
	FMT("-1 4294967295 ffffffff", "%ld %lu %lx", -1L, ULONG_MAX, 0xffffffffUL);
	FMT("-9223372036854775808", "%lld", LLONG_MIN);
	FMT("18446744073709551615", "%llu", ULLONG_MAX);
	FMT("123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
	FMT("1000000000000", "%llu", 1000000000000ULL);
	FMT("4294967296", "%llu", 4294967296ULL);
	FMT("12 -12", "%zu %zd", (size_t)12, (ssize_t)-12);
	FMT("-1 255", "%hhd %hhu", 255, 255);
	FMT("-1 65535", "%hd %hu", 65535, 65535);
	FMT("9223372036854775807", "%jd", (intmax_t)INT64_MAX);
}

static void test_other(void)
{
	FMT("a|  b|c  |", "%c|%3c|%-3c|", 'a', 'b', 'c');
	FMT("hello", "%s", "hello");
	FMT("  hi|hi  |hel", "%4s|%-4s|%.3s", "hi", "hi", "hello");
	FMT("   he", "%5.2s", "hello");
	FMT("(null)", "%s", (char *)NULL);
	FMT("(nil)", "%p", (void *)0);
	FMT("0x1234", "%p", (void *)0x1234);
	FMT("0xc0000000", "%p", (void *)0xc0000000);
	FMT("  0x10", "%6p", (void *)0x10);
	FMT("100%", "%d%%", 100);
	FMT("a%zb", "a%%zb");
	FMT("", "%s", "");
}

static void test_sizes(void)
{
	char small[8];
	int n;

	n = snprintf(small, sizeof small, "%s", "0123456789");
	CHECK_EQ(n, 10);	/* the length it would have had */
	CHECK_STR(small, "0123456");
	n = snprintf(small, 1, "abc");
	CHECK(n == 3 && small[0] == 0);
	n = snprintf(NULL, 0, "%d", 12345);
	CHECK_EQ(n, 5);
	n = sprintf(buf, "%s-%d", "x", 7);
	CHECK(n == 3 && strcmp(buf, "x-7") == 0);
	/* Longer than any internal pad block. */
	n = snprintf(buf, sizeof buf, "%100d|", 1);
	CHECK(n == 101 && buf[98] == ' ' && buf[99] == '1' && buf[100] == '|');
}

/* dprintf and printf go through write(2); check the bytes on a pipe. */
static void test_fd(void)
{
	int fds[2];
	ssize_t n;

	if (pipe(fds) < 0) {
		CHECK(!"pipe");
		return;
	}
	CHECK_EQ(dprintf(fds[1], "fd %d %s\n", 3, "ok"), 8);
	n = read(fds[0], buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	CHECK_STR(buf, "fd 3 ok\n");
	close(fds[0]);
	close(fds[1]);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	test_ints();
	test_other();
	test_sizes();
	test_fd();
	return check_done();
}
