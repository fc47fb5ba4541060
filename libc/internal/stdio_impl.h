/*
 * The inside of FILE.  A stream moves in one direction at a time: while
 * writing, buf[0..wpos) waits to be written; while reading, buf[rpos..rend)
 * has been read from the fd but not yet handed out.  Switching direction
 * empties the buffer first (stdio/fopen.c: __stdio_to_read/__stdio_to_write).
 *
 * Every FILE and buffer is static (three standard streams plus a pool for
 * fopen): stdio never calls malloc (getline's realloc of the caller's line
 * aside), so the allocator being studied here can print its own diagnostics
 * without recursing into itself.
 */
#ifndef _INTERNAL_STDIO_IMPL_H
#define _INTERNAL_STDIO_IMPL_H

#include <stdarg.h>
#include <stdio.h>

#define F_READ 1	/* opened for reading */
#define F_WRITE 2	/* opened for writing */
#define F_EOF 4		/* end of file seen */
#define F_ERR 8		/* an I/O error happened */
#define F_INUSE 16	/* this pool slot is taken */
#define F_APPEND 32	/* O_APPEND: every write goes to the end */

#define MODE_UNSET (-1)	/* buffering decided on first use (stdout: isatty) */

struct __file {
	int fd;
	unsigned flags;
	int mode;		/* _IOFBF, _IOLBF, _IONBF or MODE_UNSET */
	unsigned char *buf;
	size_t size;
	size_t wpos;
	size_t rpos, rend;
	int unget;		/* a character pushed back by ungetc, or EOF */
	unsigned char one;	/* the buffer of an unbuffered stream */
	volatile int lock;	/* flockfile's: a futex lock (thread/futex.c) ... */
	void *owner;		/* ... held by this thread ... */
	int depth;		/* ... this many times more than once */
};

/* lock.c: every stdio function holds its stream's lock (recursively: printf's writes
 * come back through fwrite), so threads' output interleaves by whole calls. */
void __stdio_lock(FILE *f);
void __stdio_unlock(FILE *f);

/* stdfiles.c */
extern FILE *const __stdio_all[];
extern const int __stdio_count;
void __stdio_setup(FILE *f);

/* fwrite.c */
int __stdio_flush(FILE *f);
size_t __stdio_write_all(int fd, const void *p, size_t n);

/* fopen.c */
int __stdio_to_read(FILE *f);
int __stdio_to_write(FILE *f);

/* format.c: the printf engine writes through a sink. */
struct sink {
	void (*put)(struct sink *s, const char *p, size_t n);
	size_t count;		/* characters produced so far */
};
int __format(struct sink *s, const char *fmt, va_list ap);

/* The body of a variadic function that hands its arguments on to call (which
 * names them ap): printf to vfprintf, sscanf to vsscanf, ... */
#define VA_CALL(call)      \
	int r;             \
	va_list ap;        \
	va_start(ap, fmt); \
	r = call;          \
	va_end(ap);        \
	return r

#endif
