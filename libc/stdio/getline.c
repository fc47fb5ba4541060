/*
 * getline and getdelim (POSIX.1-2008): the line, delimiter included, into a
 * buffer that grows with realloc.  -1 at end of file with nothing read
 * (errno untouched), EINVAL for a null pointer, ENOMEM (or EOVERFLOW past
 * SSIZE_MAX) when it cannot grow; the stream's error flag on a read error.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include "scan.h"
#include "stdio_impl.h"

ssize_t getdelim(char **restrict line, size_t *restrict n, int delim, FILE *restrict f)
{
	size_t len = 0, want;
	char *p;
	int c;

	if (!line || !n || !f) {
		errno = EINVAL;
		return -1;
	}
	if (!*line)
		*n = 0;
	__stdio_lock(f);
	for (;;) {
		c = __stdio_getc(f);
		if (c == EOF && !len) {
			__stdio_unlock(f);
			return -1;
		}
		/* room for this character and the terminating NUL */
		if (len + 2 > *n) {
			want = *n < 120 ? 120 : *n + *n / 2;
			if (len + 2 > SSIZE_MAX) {
				errno = EOVERFLOW;
				goto fail;
			}
			p = realloc(*line, want);
			if (!p) {
				errno = ENOMEM;
				goto fail;
			}
			*line = p;
			*n = want;
		}
		if (c == EOF)
			break;
		(*line)[len++] = (char)c;
		if (c == (unsigned char)delim)
			break;
	}
	(*line)[len] = 0;
	__stdio_unlock(f);
	return (ssize_t)len;
fail:
	f->flags |= F_ERR;
	__stdio_unlock(f);
	return -1;
}

ssize_t getline(char **restrict line, size_t *restrict n, FILE *restrict f)
{
	return getdelim(line, n, '\n', f);
}
