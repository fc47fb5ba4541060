/*
 * A tiny check harness for the libc tests.  Each test program prints one
 * line per failed check (and "ok" lines with -v), ends with
 * "N passed, N failed", and exits 0 only if nothing failed.  The same
 * programs run on Linux i386 (or qemu-i386) and inside pagewise.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed, check_failed, check_verbose;

static inline void check_at(int ok, const char *what, const char *file, int line)
{
	if (ok) {
		check_passed++;
		if (check_verbose)
			printf("ok   %s\n", what);
	} else {
		check_failed++;
		printf("FAIL %s:%d: %s\n", file, line, what);
	}
}

static inline void check_str_at(const char *got, const char *want, const char *what, const char *file,
			 int line)
{
	int ok = got && strcmp(got, want) == 0;

	check_at(ok, what, file, line);
	if (!ok)
		printf("     got  \"%s\"\n     want \"%s\"\n", got ? got : "(null)", want);
}

static inline void check_long_at(long long got, long long want, const char *what, const char *file,
			  int line)
{
	check_at(got == want, what, file, line);
	if (got != want)
		printf("     got %lld, want %lld\n", got, want);
}

#define CHECK(cond) check_at(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) check_str_at((got), (want), #got, __FILE__, __LINE__)
#define CHECK_EQ(got, want) check_long_at((long long)(got), (long long)(want), #got " == " #want, \
					  __FILE__, __LINE__)

/* Call first: -v prints passing checks too. */
static inline void check_init(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "-v") == 0)
		check_verbose = 1;
}

/* Call last: return its value from main. */
static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

/* Where tests may create files: $TMPDIR, or /tmp. */
static inline const char *check_tmpdir(void)
{
	const char *d = getenv("TMPDIR");

	return d && *d ? d : "/tmp";
}

#endif
