/* Output: fwrite and the character and string writers built on it. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"
#include "syscall.h"

/* write(2) may write less than asked (a pipe, a signal); keep going. The plain call, as in
 * fread.c: a thread cancelled inside stdio would leave the stream locked. */
size_t __stdio_write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	size_t done = 0;
	ssize_t r;

	while (done < n) {
		r = __sys(__NR_write, fd, c + done, n - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		done += r;
	}
	return done;
}

/* Write out what is buffered.  On error the data is dropped and the stream
   remembers the error, as ferror(3) reports. */
int __stdio_flush(FILE *f)
{
	size_t n = f->wpos;

	if (!(f->flags & F_WRITE) || n == 0)
		return 0;
	f->wpos = 0;
	if (__stdio_write_all(f->fd, f->buf, n) != n) {
		f->flags |= F_ERR;
		return EOF;
	}
	return 0;
}

/* The bytes of p[0..n) that reached the stream (buffer or fd). */
static size_t write_bytes(FILE *f, const unsigned char *p, size_t n)
{
	size_t room, done = 0;

	if (__stdio_to_write(f) < 0)
		return 0;
	/* Large writes, and all writes to an unbuffered stream, skip the
	   buffer once it has been emptied: no point copying them twice. */
	if (f->mode == _IONBF || n >= f->size) {
		if (__stdio_flush(f) == EOF)
			return 0;
		done = __stdio_write_all(f->fd, p, n);
		if (done != n)
			f->flags |= F_ERR;
		return done;
	}
	while (done < n) {
		room = f->size - f->wpos;
		if (room > n - done)
			room = n - done;
		memcpy(f->buf + f->wpos, p + done, room);
		f->wpos += room;
		done += room;
		if (f->wpos == f->size && __stdio_flush(f) == EOF)
			return 0;	/* the buffered bytes were lost */
	}
	if (f->mode == _IOLBF && memchr(p, '\n', n) && __stdio_flush(f) == EOF)
		return 0;
	return done;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	size_t total;

	if (size == 0 || n == 0)
		return 0;
	if (n > (size_t)-1 / size) {
		f->flags |= F_ERR;
		errno = EOVERFLOW;
		return 0;
	}
	total = size * n;
	__stdio_lock(f);
	total = write_bytes(f, p, total);
	__stdio_unlock(f);
	return total / size;
}

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	__stdio_lock(f);
	size_t done = write_bytes(f, &ch, 1);
	__stdio_unlock(f);
	return done == 1 ? ch : EOF;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	size_t n = strlen(s);

	__stdio_lock(f);
	size_t done = write_bytes(f, (const unsigned char *)s, n);
	__stdio_unlock(f);
	return done == n ? 0 : EOF;
}

int puts(const char *s)
{
	__stdio_lock(stdout);
	int r = fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF ? EOF : 0;
	__stdio_unlock(stdout);
	return r;
}

/* perror(3): "s: message\n" on stderr, or just the message if s is empty. */
void perror(const char *s)
{
	const char *msg = strerror(errno);

	__stdio_lock(stderr);
	if (s && *s) {
		fputs(s, stderr);
		fputs(": ", stderr);
	}
	fputs(msg, stderr);
	fputc('\n', stderr);
	__stdio_unlock(stderr);
}
