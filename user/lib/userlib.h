/*
 * What init, sh, runtests and friends share: signal names, finding a program
 * on PATH, and turning a wait status into a shell's $?.
 */
#ifndef USERLIB_H
#define USERLIB_H

#include <stddef.h>

/* Where programs are looked up when PATH is unset (init sets PATH=/bin). */
#define DEFAULT_PATH "/bin"

/* "SIGSEGV", "SEGV" or "11" -> 11 ("0" -> 0, for kill -0); -1 when it names no signal. */
int sig_number(const char *name);
/* 11 -> "SIGSEGV"; NULL for a number without a name. */
const char *sig_name(int sig);

/*
 * The file to execve for a command name, as a shell finds it: a name with a
 * '/' is used as it is; otherwise the first regular file in the directories
 * of PATH. Writes it into out; returns 0 or -errno (-ENOENT when nowhere).
 */
int find_program(const char *name, char *out, size_t size);

/* A wait status as a shell's $?: the exit code, or 128 + the signal that killed. */
int shell_status(int wstatus);

#endif
