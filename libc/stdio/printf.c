/* The printf family: each one a sink for the engine in format.c. */
#include <string.h>
#include "stdio_impl.h"

/* To a FILE. */
struct file_sink {
	struct sink s;
	FILE *f;
};

static void file_put(struct sink *s, const char *p, size_t n)
{
	fwrite(p, 1, n, ((struct file_sink *)s)->f);
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct file_sink fs = { { file_put, 0 }, f };
	__stdio_lock(f);
	int n = __format(&fs.s, fmt, ap);
	if (ferror(f))
		n = -1;
	__stdio_unlock(f);
	return n;
}

/* To a string: keep what fits in size-1 bytes, count everything. */
struct str_sink {
	struct sink s;
	char *buf;
	size_t size, used;
};

static void str_put(struct sink *s, const char *p, size_t n)
{
	struct str_sink *ss = (struct str_sink *)s;
	size_t room = ss->size ? ss->size - 1 - ss->used : 0;

	if (n > room)
		n = room;
	memcpy(ss->buf + ss->used, p, n);
	ss->used += n;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	struct str_sink ss = { { str_put, 0 }, buf, size, 0 };
	int n = __format(&ss.s, fmt, ap);

	if (size)
		buf[ss.used] = 0;
	return n;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)-1 >> 1, fmt, ap);	/* "big enough" */
}

/* To a file descriptor, through a small stack buffer: no FILE involved, so
   it works in a child after fork or inside the allocator. */
struct fd_sink {
	struct sink s;
	int fd;
	size_t used;
	char buf[256];
};

static void fd_put(struct sink *s, const char *p, size_t n)
{
	struct fd_sink *fs = (struct fd_sink *)s;

	if (fs->used + n > sizeof fs->buf) {
		__stdio_write_all(fs->fd, fs->buf, fs->used);
		fs->used = 0;
	}
	if (n > sizeof fs->buf) {
		__stdio_write_all(fs->fd, p, n);
		return;
	}
	memcpy(fs->buf + fs->used, p, n);
	fs->used += n;
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct fd_sink fs = { .s = { fd_put, 0 }, .fd = fd, .used = 0 };
	int n = __format(&fs.s, fmt, ap);

	__stdio_write_all(fd, fs.buf, fs.used);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...) { VA_CALL(vfprintf(stdout, fmt, ap)); }
int fprintf(FILE *restrict f, const char *restrict fmt, ...) { VA_CALL(vfprintf(f, fmt, ap)); }
int dprintf(int fd, const char *restrict fmt, ...) { VA_CALL(vdprintf(fd, fmt, ap)); }
int sprintf(char *restrict s, const char *restrict fmt, ...) { VA_CALL(vsprintf(s, fmt, ap)); }
int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...) { VA_CALL(vsnprintf(s, n, fmt, ap)); }
