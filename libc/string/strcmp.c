/* Comparing strings, as unsigned chars (C11 7.24.4). */
#include <string.h>
#include <strings.h>

int strcmp(const char *a, const char *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	return *(const unsigned char *)a - *(const unsigned char *)b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n && *a && *a == *b; n--, a++, b++)
		;
	return n ? *(const unsigned char *)a - *(const unsigned char *)b : 0;
}

/* The "C" locale's collation is byte order. */
int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int strcasecmp(const char *a, const char *b)
{
	const unsigned char *x = (const void *)a, *y = (const void *)b;

	for (; *x && lower(*x) == lower(*y); x++, y++)
		;
	return lower(*x) - lower(*y);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const void *)a, *y = (const void *)b;

	for (; n && *x && lower(*x) == lower(*y); n--, x++, y++)
		;
	return n ? lower(*x) - lower(*y) : 0;
}

int ffs(int i)
{
	return __builtin_ffs(i);
}
