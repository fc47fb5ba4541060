/* string.h, strings.h and ctype.h. */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <strings.h>
#include "check.h"

static void test_mem(void)
{
	char a[64], b[64];
	int i;

	for (i = 0; i < 64; i++)
		a[i] = (char)i;
	CHECK(memcpy(b, a, 64) == b);
	CHECK(memcmp(a, b, 64) == 0);
	/* Unaligned copies and sets, every length around a word. */
	for (i = 0; i < 9; i++) {
		memset(b, 0x55, sizeof b);
		memcpy(b + 1, a + 3, i);
		CHECK(memcmp(b + 1, a + 3, i) == 0 && b[1 + i] == 0x55 && b[0] == 0x55);
	}
	memset(b + 3, 'x', 13);
	CHECK(b[2] != 'x' && b[3] == 'x' && b[15] == 'x' && b[16] != 'x');
	/* memmove both ways over an overlap. */
	strcpy(a, "0123456789");
	memmove(a + 2, a, 5);
	CHECK_STR(a, "0101234789");
	strcpy(a, "0123456789");
	memmove(a, a + 2, 5);
	CHECK_STR(a, "2345656789");
	CHECK(memcmp("abc", "abd", 3) < 0 && memcmp("abd", "abc", 3) > 0);
	CHECK(memcmp("\x80", "\x01", 1) > 0);	/* compared as unsigned */
	strcpy(a, "hello");
	CHECK(memchr(a, 'l', 5) == a + 2);
	CHECK(memchr(a, 'z', 5) == NULL);
	CHECK(memrchr(a, 'l', 5) == a + 3);
}

static void test_str(void)
{
	char buf[64];

	CHECK_EQ(strlen(""), 0);
	CHECK_EQ(strlen("pagewise"), 8);
	CHECK_EQ(strnlen("pagewise", 4), 4);
	CHECK_STR(strcpy(buf, "abc"), "abc");
	CHECK_STR(strcat(buf, "def"), "abcdef");
	CHECK_STR(strncat(buf, "ghijk", 2), "abcdefgh");
	CHECK(stpcpy(buf, "xy") == buf + 2);
	memset(buf, 'z', 10);
	strncpy(buf, "ab", 5);
	CHECK(buf[0] == 'a' && buf[2] == 0 && buf[4] == 0 && buf[5] == 'z');
	CHECK_EQ(strlcpy(buf, "truncated", 5), 9);
	CHECK_STR(buf, "trun");
	CHECK(strcmp("a", "b") < 0 && strcmp("b", "a") > 0 && strcmp("abc", "abc") == 0);
	CHECK(strcmp("ab", "abc") < 0);
	CHECK(strcmp("\xff", "a") > 0);
	CHECK(strncmp("abcd", "abcz", 3) == 0 && strncmp("abcd", "abcz", 4) < 0);
	CHECK(strcasecmp("HeLLo", "hello") == 0 && strncasecmp("ABCx", "abcy", 3) == 0);
	CHECK(strcasecmp("a", "B") < 0);
	strcpy(buf, "a/b/c");
	CHECK(strchr(buf, '/') == buf + 1 && strrchr(buf, '/') == buf + 3);
	CHECK(strchr(buf, 0) == buf + 5 && strchr(buf, 'q') == NULL);
	CHECK(strstr(buf, "b/c") == buf + 2 && strstr(buf, "") == buf && strstr(buf, "cc") == NULL);
	CHECK_EQ(strspn("aabbc", "ab"), 4);
	CHECK_EQ(strcspn("hello world", " "), 5);
	CHECK(strpbrk(buf, "cb") == buf + 2);
}

static void test_tok(void)
{
	char s[] = "  one, two,,three  ";
	char t[] = "a,,b";
	char *p, *save;

	CHECK_STR(strtok(s, " ,"), "one");
	CHECK_STR(strtok(NULL, " ,"), "two");
	CHECK_STR(strtok(NULL, " ,"), "three");
	CHECK(strtok(NULL, " ,") == NULL);
	p = t;
	CHECK_STR(strsep(&p, ","), "a");
	CHECK_STR(strsep(&p, ","), "");
	CHECK_STR(strsep(&p, ","), "b");
	CHECK(p == NULL);
	strcpy(s, "x y");
	CHECK_STR(strtok_r(s, " ", &save), "x");
	CHECK_STR(strtok_r(NULL, " ", &save), "y");
	CHECK(strtok_r(NULL, " ", &save) == NULL);
}

static void test_errors(void)
{
	CHECK_STR(strerror(0), "Success");
	CHECK_STR(strerror(ENOENT), "No such file or directory");
	CHECK_STR(strerror(EBADF), "Bad file descriptor");
	CHECK_STR(strerror(ENOSYS), "Function not implemented");
	CHECK_STR(strerror(12345), "Unknown error 12345");
	CHECK_STR(strerror(-3), "Unknown error -3");
	CHECK_STR(strsignal(SIGSEGV), "Segmentation fault");
}

static void test_ctype(void)
{
	CHECK(isdigit('7') && !isdigit('a') && isxdigit('F') && isxdigit('a') && !isxdigit('g'));
	CHECK(isalpha('q') && isupper('Q') && islower('q') && !isalpha('1'));
	CHECK(isspace(' ') && isspace('\n') && isspace('\v') && !isspace('x'));
	CHECK(isprint(' ') && !isprint('\n') && isgraph('!') && !isgraph(' '));
	CHECK(ispunct('.') && !ispunct('a') && iscntrl(127) && !iscntrl('a'));
	CHECK(toupper('a') == 'A' && tolower('Z') == 'z' && toupper('1') == '1');
	CHECK(!isalpha(0xe9) && !isdigit(-1));
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	test_mem();
	test_str();
	test_tok();
	test_errors();
	test_ctype();
	return check_done();
}
