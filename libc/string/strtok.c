/* Splitting strings into tokens: strtok, strtok_r, strsep. */
#include <string.h>

char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save)
{
	if (!s)
		s = *save;
	s += strspn(s, sep);
	if (!*s) {
		*save = s;
		return NULL;
	}
	*save = s + strcspn(s, sep);
	if (**save)
		*(*save)++ = 0;
	return s;
}

char *strtok(char *restrict s, const char *restrict sep)
{
	static char *save;

	return strtok_r(s, sep, &save);
}

/* Unlike strtok, strsep returns empty fields between adjacent separators. */
char *strsep(char **sp, const char *sep)
{
	char *s = *sp, *end;

	if (!s)
		return NULL;
	end = s + strcspn(s, sep);
	if (*end)
		*end++ = 0;
	else
		end = NULL;
	*sp = end;
	return s;
}
