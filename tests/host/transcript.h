/*
 * transcript.h - what the differential tests (memdiff, fddiff) share: a seeded generator, so a
 * seed names one run, and a transcript kept in memory and written once at the end, so that
 * printing never allocates or maps anything while the calls under test run.
 */
#ifndef TRANSCRIPT_H
#define TRANSCRIPT_H

#include <stdarg.h>
#include <stdio.h>

static char out[1 << 20];
static size_t used;
static unsigned long long seed;

static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out + used, sizeof out - used, fmt, ap);
	va_end(ap);
	if (n > 0 && used + (size_t)n < sizeof out)
		used += (size_t)n;
}

/* 0 .. n-1 */
static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(seed >> 33) % n;
}

static void say_flush(void)
{
	fwrite(out, 1, used, stdout);
}

#endif
