#ifndef _STDIO_H
#define _STDIO_H

#include <bits/alltypes.h>

/* FILE is opaque: its layout lives in libc/internal/stdio_impl.h. */
typedef struct __file FILE;

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
#define stdin (stdin)
#define stdout (stdout)
#define stderr (stderr)

#define EOF (-1)
#define BUFSIZ 4096
#define FOPEN_MAX 16
#define FILENAME_MAX 4096

#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
int rename(const char *old, const char *new);
int renameat(int olddirfd, const char *old, int newdirfd, const char *new);
/* flags: RENAME_NOREPLACE, RENAME_EXCHANGE (<abi/fcntl.h>, also in <fcntl.h>) */
int renameat2(int olddirfd, const char *old, int newdirfd, const char *new, unsigned flags);
int fflush(FILE *f);
/* A stream's lock, which every stdio call takes: hold it across several calls to keep their
 * output together when threads share the stream. */
void flockfile(FILE *f);
int ftrylockfile(FILE *f);
void funlockfile(FILE *f);
int fileno(FILE *f);
int fseek(FILE *f, long off, int whence);
long ftell(FILE *f);
void rewind(FILE *f);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict f, char *restrict buf);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f);
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *restrict s, int n, FILE *restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);
void perror(const char *s);

int printf(const char *restrict fmt, ...) __attribute__((__format__(__printf__, 1, 2)));
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __attribute__((__format__(__printf__, 2, 3)));
int dprintf(int fd, const char *restrict fmt, ...) __attribute__((__format__(__printf__, 2, 3)));
int sprintf(char *restrict s, const char *restrict fmt, ...) __attribute__((__format__(__printf__, 2, 3)));
int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...) __attribute__((__format__(__printf__, 3, 4)));
int vprintf(const char *restrict fmt, va_list ap) __attribute__((__format__(__printf__, 1, 0)));
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap) __attribute__((__format__(__printf__, 2, 0)));
int vdprintf(int fd, const char *restrict fmt, va_list ap) __attribute__((__format__(__printf__, 2, 0)));
int vsprintf(char *restrict s, const char *restrict fmt, va_list ap) __attribute__((__format__(__printf__, 2, 0)));
int vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap) __attribute__((__format__(__printf__, 3, 0)));

/* C11's scanf: a number is the longest prefix of one, and fails when that prefix is not whole
 * ("1e+" for %f, "0x" for %x), where glibc converts the part before. */
int scanf(const char *restrict fmt, ...) __attribute__((__format__(__scanf__, 1, 2)));
int fscanf(FILE *restrict f, const char *restrict fmt, ...) __attribute__((__format__(__scanf__, 2, 3)));
int sscanf(const char *restrict s, const char *restrict fmt, ...) __attribute__((__format__(__scanf__, 2, 3)));
int vscanf(const char *restrict fmt, va_list ap) __attribute__((__format__(__scanf__, 1, 0)));
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap) __attribute__((__format__(__scanf__, 2, 0)));
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap) __attribute__((__format__(__scanf__, 2, 0)));

/* POSIX: a whole line (or up to delim) into *line, grown with realloc as needed. */
ssize_t getline(char **restrict line, size_t *restrict n, FILE *restrict f);
ssize_t getdelim(char **restrict line, size_t *restrict n, int delim, FILE *restrict f);

#endif
