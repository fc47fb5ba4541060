/*
 * What the demo tests share beyond check.h (tests/user) and demo.h (user/lib):
 * keeping the compiler from dropping memory that is only written, and
 * running a program with its output captured.
 */
#ifndef DEMOTEST_H
#define DEMOTEST_H

#include <malloc.h>
#include <stdint.h>
#include "check.h"
#include "demo.h"

#define K 1024

/* The compiler may drop a malloc whose memory is never read: p escapes here. */
static inline void use(const void *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

/* Write one byte in each page of [p, p + len). */
static inline void touch_pages(void *p, size_t len)
{
	for (size_t off = 0; off < len; off += PAGE)
		((volatile char *)p)[off] = 1;
}

/*
 * Run a program (found on PATH) with its standard output and error in out
 * (NUL-terminated, at most size - 1 bytes kept); its wait status, or -1. The
 * kernel's own lines (trace, kill messages) go to the console, not here.
 */
static inline int capture(char *const argv[], char *out, size_t size)
{
	char path[256], rest[256];
	int fds[2], status = -1;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (find_program(argv[0], path, sizeof path) || pipe(fds) < 0)
		return -1;
	pid = xfork();
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execve(path, argv, environ);
		_exit(127);
	}
	close(fds[1]);
	/* Read to the end, dropping what does not fit: a child blocked on a full pipe
	   would never exit. */
	while (pid > 0 && (n = len + 1 < size ? read(fds[0], out + len, size - 1 - len)
					      : read(fds[0], rest, sizeof rest)) > 0)
		if (len + 1 < size)
			len += (size_t)n;
	out[len] = '\0';
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

#endif
