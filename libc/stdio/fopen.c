/* Opening, closing and positioning streams; switching a stream's direction. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "pthread_impl.h"
#include "stdio_impl.h"
#include "syscall.h"

/* Before reading: write out pending output. */
int __stdio_to_read(FILE *f)
{
	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	__stdio_setup(f);
	if (f->wpos && __stdio_flush(f) == EOF)
		return -1;
	return 0;
}

/* Before writing: give back read-ahead, so the fd's offset is where the
   program thinks it is, and drop it. */
int __stdio_to_write(FILE *f)
{
	size_t ahead;

	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	__stdio_setup(f);
	ahead = f->rend - f->rpos + (f->unget != EOF);
	if (ahead)
		lseek(f->fd, -(off_t)ahead, SEEK_CUR);	/* fails harmlessly on a pipe */
	f->rpos = f->rend = 0;
	f->unget = EOF;
	return 0;
}

/* Mode string to open(2) flags (C11 7.21.5.3, plus glibc's 'e' and 'x'). */
static int mode_flags(const char *mode, unsigned *sflags)
{
	int flags;

	switch (*mode) {
	case 'r': flags = O_RDONLY; *sflags = F_READ; break;
	case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; *sflags = F_WRITE; break;
	case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; *sflags = F_WRITE | F_APPEND; break;
	default: return -1;
	}
	for (mode++; *mode; mode++) {
		if (*mode == '+') {
			flags = (flags & ~O_ACCMODE) | O_RDWR;
			*sflags |= F_READ | F_WRITE;
		} else if (*mode == 'e') {
			flags |= O_CLOEXEC;
		} else if (*mode == 'x') {
			flags |= O_EXCL;
		}
		/* 'b' and anything else: no meaning on Linux */
	}
	return flags;
}

static volatile int pool_lock;	/* two threads' fopen must not take one slot */

static FILE *take_slot(int fd, unsigned sflags)
{
	int i;
	FILE *f;

	__lock(&pool_lock);
	for (i = 3; i < __stdio_count; i++) {
		f = __stdio_all[i];
		if (!(f->flags & F_INUSE)) {
			memset(f, 0, sizeof *f);
			f->fd = fd;
			f->flags = sflags | F_INUSE;
			f->mode = _IOFBF;
			f->unget = EOF;
			__unlock(&pool_lock);
			return f;
		}
	}
	__unlock(&pool_lock);
	errno = EMFILE;
	return NULL;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	unsigned sflags;
	int flags = mode_flags(mode, &sflags), fd;
	FILE *f;

	if (flags < 0) {
		errno = EINVAL;
		return NULL;
	}
	fd = open(path, flags, 0666);
	if (fd < 0)
		return NULL;
	f = take_slot(fd, sflags);
	if (!f)
		__syscall(__NR_close, fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	unsigned sflags;

	if (mode_flags(mode, &sflags) < 0) {
		errno = EINVAL;
		return NULL;
	}
	return take_slot(fd, sflags);
}

int fclose(FILE *f)
{
	__stdio_lock(f);
	int r = __stdio_flush(f);

	/* Not close(), a cancellation point: the stream is locked. */
	if (__sys(__NR_close, f->fd) < 0)
		r = EOF;
	f->wpos = f->rpos = f->rend = 0;
	__stdio_unlock(f);
	/* A pool slot becomes free; a standard stream just stops working. */
	__atomic_store_n(&f->flags, 0, __ATOMIC_RELEASE);
	return r;
}

static int do_fseek(FILE *f, long off, int whence)
{
	if (f->wpos && __stdio_flush(f) == EOF)
		return -1;
	/* SEEK_CUR is relative to what the program has consumed, not to
	   what we have read ahead. */
	if (whence == SEEK_CUR)
		off -= (long)(f->rend - f->rpos) + (f->unget != EOF);
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->rpos = f->rend = 0;
	f->unget = EOF;
	f->flags &= ~F_EOF;
	return 0;
}

int fseek(FILE *f, long off, int whence)
{
	__stdio_lock(f);
	int r = do_fseek(f, off, whence);
	__stdio_unlock(f);
	return r;
}

long ftell(FILE *f)
{
	__stdio_lock(f);
	off_t pos = lseek(f->fd, 0, SEEK_CUR);
	if (pos >= 0)
		pos += -(off_t)(f->rend - f->rpos) - (f->unget != EOF) + (off_t)f->wpos;
	__stdio_unlock(f);
	return pos < 0 ? -1 : (long)pos;
}

void rewind(FILE *f)
{
	__stdio_lock(f);
	do_fseek(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
	__stdio_unlock(f);
}

/* Only before the first transfer, as C allows (C11 7.21.5.6). */
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	f->mode = mode;
	if (mode == _IONBF) {
		f->buf = NULL;
	} else if (buf && size) {
		f->buf = (unsigned char *)buf;
		f->size = size;
	}
	return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

int fileno(FILE *f) { return f->fd; }
int feof(FILE *f) { return !!(f->flags & F_EOF); }
int ferror(FILE *f) { return !!(f->flags & F_ERR); }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERR); }
