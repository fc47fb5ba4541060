/* Input: fread, fgetc, ungetc, fgets. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "scan.h"
#include "stdio_impl.h"
#include "syscall.h"

/* read(2), retrying when a signal interrupts it. The plain call, not read(): stdio is no
 * cancellation point, as in musl, since a thread cancelled here would leave the stream
 * locked for good. */
static ssize_t read_some(FILE *f, void *p, size_t n)
{
	ssize_t r;

	/* A program that prompts on stdout and then reads stdin expects to
	   see its prompt first (what glibc does for line-buffered output). */
	if (f == stdin)
		__stdio_flush(stdout);
	do
		r = __sys(__NR_read, f->fd, p, n);
	while (r < 0 && errno == EINTR);
	if (r == 0)
		f->flags |= F_EOF;
	else if (r < 0)
		f->flags |= F_ERR;
	return r;
}

/* Refill an empty buffer: the bytes now available, or 0 at end/error. */
static size_t fill(FILE *f)
{
	ssize_t r = read_some(f, f->buf, f->size);

	f->rpos = 0;
	f->rend = r > 0 ? (size_t)r : 0;
	return f->rend;
}

static size_t do_fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *d = p;
	size_t total, done = 0, k;
	ssize_t r;

	if (size == 0 || n == 0 || __stdio_to_read(f) < 0)
		return 0;
	if (n > (size_t)-1 / size) {
		errno = EOVERFLOW;
		return 0;
	}
	total = size * n;
	if (f->unget != EOF) {
		d[done++] = (unsigned char)f->unget;
		f->unget = EOF;
	}
	while (done < total) {
		k = f->rend - f->rpos;
		if (k) {
			if (k > total - done)
				k = total - done;
			memcpy(d + done, f->buf + f->rpos, k);
			f->rpos += k;
			done += k;
		} else if (total - done >= f->size) {
			/* Big reads go straight to the caller's memory. */
			r = read_some(f, d + done, total - done);
			if (r <= 0)
				break;
			done += r;
		} else if (!fill(f)) {
			break;
		}
	}
	return done / size;
}

int __stdio_getc(FILE *f)
{
	int c;

	if (__stdio_to_read(f) < 0)
		return EOF;
	if (f->unget != EOF) {
		c = f->unget;
		f->unget = EOF;
		return c;
	}
	if (f->rpos == f->rend && !fill(f))
		return EOF;
	return f->buf[f->rpos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

/* One character of push-back, as C guarantees (C11 7.21.7.10). */
int __stdio_ungetc(int c, FILE *f)
{
	if (c == EOF || f->unget != EOF || __stdio_to_read(f) < 0)
		return EOF;
	f->unget = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

/* Up to n-1 characters, through the first newline; NULL if nothing was read. */
static char *do_fgets(char *restrict s, int n, FILE *restrict f)
{
	int i = 0, c;

	if (n <= 0)
		return NULL;
	while (i < n - 1 && (c = __stdio_getc(f)) != EOF) {
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && n > 1)
		return NULL;
	s[i] = 0;
	return s;
}

/* The same, each holding the stream's lock. */
size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	__stdio_lock(f);
	size_t r = do_fread(p, size, n, f);
	__stdio_unlock(f);
	return r;
}

int fgetc(FILE *f)
{
	__stdio_lock(f);
	int c = __stdio_getc(f);
	__stdio_unlock(f);
	return c;
}

int ungetc(int c, FILE *f)
{
	__stdio_lock(f);
	c = __stdio_ungetc(c, f);
	__stdio_unlock(f);
	return c;
}

char *fgets(char *restrict s, int n, FILE *restrict f)
{
	__stdio_lock(f);
	s = do_fgets(s, n, f);
	__stdio_unlock(f);
	return s;
}
