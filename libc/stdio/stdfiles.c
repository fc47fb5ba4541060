/*
 * The standard streams and the pool behind fopen, and flushing them all.
 *
 * Buffering (C11 7.21.3p7, and what glibc does): stderr unbuffered; stdout
 * line-buffered on a terminal and fully buffered otherwise, decided on its
 * first use by asking isatty (TCGETS) once; stdin buffered.
 */
#include <unistd.h>
#include "libc.h"
#include "stdio_impl.h"

static unsigned char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];
static unsigned char pool_buf[FOPEN_MAX - 3][BUFSIZ];

static struct __file files[FOPEN_MAX] = {
	{ .fd = 0, .flags = F_READ | F_INUSE, .mode = _IOFBF, .buf = stdin_buf, .size = BUFSIZ, .unget = EOF },
	{ .fd = 1, .flags = F_WRITE | F_INUSE, .mode = MODE_UNSET, .buf = stdout_buf, .size = BUFSIZ, .unget = EOF },
	{ .fd = 2, .flags = F_WRITE | F_INUSE, .mode = _IONBF, .unget = EOF },
};

#undef stdin
#undef stdout
#undef stderr
FILE *const stdin = &files[0];
FILE *const stdout = &files[1];
FILE *const stderr = &files[2];

FILE *const __stdio_all[FOPEN_MAX] = {
	&files[0], &files[1], &files[2], &files[3], &files[4], &files[5], &files[6], &files[7],
	&files[8], &files[9], &files[10], &files[11], &files[12], &files[13], &files[14], &files[15],
};
const int __stdio_count = FOPEN_MAX;
_Static_assert(FOPEN_MAX == 16, "__stdio_all lists every FILE");

/* Called before a stream's first transfer; a stream with no buffer (or
   setvbuf _IONBF) uses its one-byte buffer. */
void __stdio_setup(FILE *f)
{
	int i;

	if (f->mode == MODE_UNSET)
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
	if (!f->buf) {
		i = (int)(f - files);
		if (f->mode != _IONBF && i >= 3) {
			f->buf = pool_buf[i - 3];
			f->size = BUFSIZ;
		} else {
			f->mode = _IONBF;
			f->buf = &f->one;
			f->size = 1;
		}
	}
}

int fflush(FILE *f)
{
	int i, r = 0;

	if (f) {
		__stdio_lock(f);
		r = __stdio_flush(f);
		__stdio_unlock(f);
		return r;
	}
	for (i = 0; i < __stdio_count; i++)
		if ((__stdio_all[i]->flags & (F_INUSE | F_WRITE)) == (F_INUSE | F_WRITE) &&
		    fflush(__stdio_all[i]) == EOF)
			r = EOF;
	return r;
}

/* The strong definition of what exit() calls (a weak no-op there). */
void __stdio_exit(void)
{
	fflush(NULL);
}
