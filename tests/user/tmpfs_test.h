/*
 * What the tmpfs tests (tmpfs.c, tmpfs_names.c) share: a fresh directory to work in, made
 * under argv[1], else $TMPFS_TEST_DIR, else /tmp on pagewise and /dev/shm on Linux (whose
 * /tmp may be a disk), and helpers to name, fill, read, stat and list files in it.
 */
#ifndef TMPFS_TEST_H
#define TMPFS_TEST_H

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include "check.h"

#define PAGE 4096

static char base[256];		/* the directory the test works in */

/* base/name, in one of a few rotating buffers */
static inline const char *P(const char *name)
{
	static char buf[8][512];
	static int next;
	char *p = buf[next++ % 8];
	snprintf(p, 512, "%s/%s", base, name);
	return p;
}

static inline long meminfo_kb(const char *field)
{
	static char text[4096];
	size_t k = strlen(field);
	if (read_text("/proc/meminfo", text, sizeof text) <= 0)
		return -1;
	for (char *l = text; l; l = strchr(l, '\n')) {
		l += *l == '\n';
		if (strncmp(l, field, k) == 0 && l[k] == ':')
			return atol(l + k + 1);
	}
	return -1;
}

static inline struct stat st_of(const char *path)
{
	struct stat st;
	memset(&st, 0, sizeof st);
	if (lstat(path, &st) != 0)
		st.st_nlink = (nlink_t)-1;
	return st;
}

static inline struct stat fst_of(int fd)
{
	struct stat st;
	memset(&st, 0, sizeof st);
	if (fstat(fd, &st) != 0)
		st.st_nlink = (nlink_t)-1;
	return st;
}

/* A new file with these bytes; 0 or -1. */
static inline int put(const char *path, const char *text, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, text, n);
	close(fd);
	return w == (ssize_t)n ? 0 : -1;
}

/* The file's bytes into buf (NUL-terminated): their number, or -1. */
static inline ssize_t get(const char *path, char *buf, size_t size)
{
	return read_text(path, buf, size);
}

/* A directory's names but "." and "..", sorted and joined with spaces; "." and ".." counted in
 * *dots. */
static inline const char *listing(const char *path, int *dots)
{
	static char out[1024];
	char names[32][64];
	int n = 0;
	*dots = 0;
	out[0] = 0;
	DIR *d = opendir(path);
	if (!d)
		return "(cannot open)";
	struct dirent *e;
	while ((e = readdir(d)) && n < 32) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
			(*dots)++;
			continue;
		}
		snprintf(names[n++], 64, "%.63s", e->d_name);
	}
	closedir(d);
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (strcmp(names[j], names[i]) < 0) {
				char t[64];
				memcpy(t, names[i], 64);
				memcpy(names[i], names[j], 64);
				memcpy(names[j], t, 64);
			}
	for (int i = 0; i < n; i++) {
		strcat(out, i ? " " : "");
		strcat(out, names[i]);
	}
	return out;
}

static inline int later(struct timespec a, struct timespec b)
{
	return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

static inline int same_time(struct timespec a, struct timespec b)
{
	return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

/* Long enough for Linux's coarse clock (a tick) to move. */
static inline void pause_a_little(void)
{
	struct timespec t = { 0, 30 * 1000 * 1000 };
	nanosleep(&t, NULL);
}

/* Make the test's directory (see above): 0, or -1 after saying why. */
static inline int tmpfs_test_begin(int argc, char **argv, const char *name)
{
	const char *top = argc > 1 && strcmp(argv[1], "-v") ? argv[1] : getenv("TMPFS_TEST_DIR");
	if (!top)
		top = on_pagewise() ? "/tmp" : "/dev/shm";
	snprintf(base, sizeof base, "%s/%s.%d", top, name, (int)getpid());
	if (mkdir(base, 0755) != 0) {
		printf("  FAIL cannot make %s: %s\n", base, strerror(errno));
		return -1;
	}
	printf("in %s\n", base);
	return 0;
}

/* The test's directory must be empty by now: remove it. */
static inline void tmpfs_test_end(void)
{
	int dots;
	CHECK(strcmp(listing(base, &dots), "") == 0);
	CHECK_EQ(rmdir(base), 0);
}

#endif
