/*
 * trace.c - a tiny formatter for the allocator's own messages.
 *
 * printf may allocate (glibc's does for some formats and for stream
 * buffers), and calling malloc from inside malloc would deadlock on our own
 * lock. So messages are formatted here into a stack buffer and written with
 * one write(2): %s, %p, %zu (with an optional width), %u.
 */
#include <stdarg.h>

#include "chunk.h"

static char *put_num(char *o, char *end, uintptr_t v, unsigned base, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (width-- > n && o < end)
		*o++ = ' ';
	while (n && o < end)
		*o++ = tmp[--n];
	return o;
}

void __malloc_print(const char *fmt, ...)
{
	char buf[256], *o = buf, *end = buf + sizeof buf;
	va_list ap;
	va_start(ap, fmt);
	for (; *fmt && o < end; fmt++) {
		if (*fmt != '%') {
			*o++ = *fmt;
			continue;
		}
		int width = 0;
		while (fmt[1] >= '0' && fmt[1] <= '9')
			width = width * 10 + (*++fmt - '0');
		switch (*++fmt) {
		case 's':
			for (const char *s = va_arg(ap, const char *); *s && o < end; s++)
				*o++ = *s;
			break;
		case 'p':
			if (o + 2 < end) {
				*o++ = '0';
				*o++ = 'x';
			}
			o = put_num(o, end, (uintptr_t)va_arg(ap, void *), 16, width);
			break;
		case 'z':
			fmt++;	/* %zu */
			o = put_num(o, end, va_arg(ap, size_t), 10, width);
			break;
		case 'u':
			o = put_num(o, end, va_arg(ap, unsigned), 10, width);
			break;
		default:
			*o++ = *fmt;
			if (!*fmt)
				fmt--;
		}
	}
	va_end(ap);
	glue_write_err(buf, (size_t)(o - buf));
}

/* One line per call: what was asked, what came back, the path taken. */
void __malloc_trace(const char *op, const void *p, size_t n, const void *ret,
		    unsigned path)
{
	char name[96];
	pw_malloc_path_name(path, name, sizeof name);
	if (p)
		__malloc_print("pw-malloc: %s(%p, %zu) = %p [%s]\n", op, p, n, ret, name);
	else
		__malloc_print("pw-malloc: %s(%zu) = %p [%s]\n", op, n, ret, name);
}

void __malloc_trace_free(const void *p, unsigned path, size_t size)
{
	char name[96];
	pw_malloc_path_name(path, name, sizeof name);
	__malloc_print("pw-malloc: free(%p) [%s] chunk %zu\n", p, name, size);
}
