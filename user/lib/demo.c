/* The demos' shared measuring helpers (demo.h). No malloc anywhere in here: see demo.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "demo.h"
#include "userlib.h"

static char filebuf[8192];	/* /proc files are small; maps of a demo fits */
static int unexpected;

long demo_read_file(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	/* procfs hands out the text in pieces as read asks: read to the end. */
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	return (long)len;
}

unsigned long long demo_pagemap_entry(int fd, uintptr_t addr)
{
	unsigned long long e = 0;

	if (pread(fd, &e, sizeof e, (off_t)(addr / PAGE) * 8) != sizeof e)
		e = 0;
	return e;
}

unsigned long demo_frame(const void *addr)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	unsigned long long e;

	if (fd < 0)
		return 0;
	e = demo_pagemap_entry(fd, (uintptr_t)addr);
	close(fd);
	return e & PAGEMAP_PRESENT ? PAGEMAP_FRAME(e) : 0;
}

/* "NAME:   123 kB" anywhere in text (at a line start): 123, or -1. */
static long field_kb(const char *text, const char *name)
{
	size_t len = strlen(name);
	const char *p = text;

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, name, len) == 0 && p[len] == ':')
			return strtol(p + len + 1, NULL, 10);
	return -1;
}

long demo_status_kb(pid_t pid, const char *field)
{
	char path[48];

	if (pid)
		snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	else
		strcpy(path, "/proc/self/status");
	if (demo_read_file(path, filebuf, sizeof filebuf) < 0)
		return -1;
	return field_kb(filebuf, field);
}

long demo_meminfo_kb(const char *field)
{
	if (demo_read_file("/proc/meminfo", filebuf, sizeof filebuf) < 0)
		return -1;
	return field_kb(filebuf, field);
}

struct demo_faults demo_faults(void)
{
	struct rusage ru;
	struct demo_faults f = { -1, -1 };

	if (getrusage(RUSAGE_SELF, &ru) == 0) {
		f.minflt = ru.ru_minflt;
		f.majflt = ru.ru_majflt;
	}
	return f;
}

int demo_read_stat(pid_t pid, struct demo_stat *st)
{
	char path[48], *open_paren, *close_paren, *p;
	unsigned long v[64];
	int n = 3;		/* the fields after "(comm)" start at number 3 */

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (demo_read_file(path, filebuf, sizeof filebuf) <= 0)
		return -1;
	/* The name may hold blanks and ')': it ends at the last ')' (proc(5)). */
	open_paren = strchr(filebuf, '(');
	close_paren = strrchr(filebuf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren)
		return -1;
	memset(st, 0, sizeof *st);
	st->pid = atoi(filebuf);
	snprintf(st->comm, sizeof st->comm, "%.*s", (int)(close_paren - open_paren - 1), open_paren + 1);
	p = close_paren + 1;
	while (*p == ' ')
		p++;
	st->state = *p++;
	for (n = 4; n < 64 && *p; n++)
		v[n] = strtoul(p, &p, 10);	/* -1 (tpgid) reads as ULONG_MAX: not used */
	if (n < 48)
		return -1;
	st->ppid = (int)v[4];
	st->minflt = v[10];
	st->majflt = v[12];
	st->vsize = v[23];
	st->rss = v[24];
	st->start_brk = v[47];
	return 0;
}

void demo_show_maps(uintptr_t lo, uintptr_t hi)
{
	char *line, *save = NULL;
	unsigned long start, end;

	if (demo_read_file("/proc/self/maps", filebuf, sizeof filebuf) < 0) {
		printf("    (cannot read /proc/self/maps: %s)\n", strerror(errno));
		return;
	}
	for (line = strtok_r(filebuf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		start = strtoul(line, NULL, 16);
		end = strtoul(strchr(line, '-') + 1, NULL, 16);
		if (!hi || (end > lo && start < hi))
			printf("    %s\n", line);
	}
}

const char *demo_maps_line(uintptr_t addr)
{
	static char line[160];
	char *p, *nl;
	unsigned long start, end;

	if (demo_read_file("/proc/self/maps", filebuf, sizeof filebuf) < 0)
		return NULL;
	for (p = filebuf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p) - 1;
		start = strtoul(p, NULL, 16);
		end = strtoul(strchr(p, '-') + 1, NULL, 16);
		if (addr >= start && addr < end) {
			snprintf(line, sizeof line, "%.*s", (int)(nl - p), p);
			return line;
		}
	}
	return NULL;
}

void demo_warm_up(void)
{
	struct demo_stat st;
	volatile char deep[8192];	/* the stack the measuring calls will need */

	deep[0] = deep[sizeof deep - 1] = 0;
	memset(filebuf, 0, sizeof filebuf);
	demo_status_kb(0, "VmRSS");
	demo_read_stat(getpid(), &st);
	demo_maps_line(0);
	demo_faults();
	fflush(stdout);
}

int demo_run(char *const argv[])
{
	char path[256];
	int status, err = find_program(argv[0], path, sizeof path);
	pid_t pid;

	if (err) {
		printf("    (cannot find %s: %s)\n", argv[0], strerror(-err));
		return -1;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(path, argv, environ);
		_exit(127);
	}
	return waitpid(pid, &status, 0) == pid ? status : -1;
}

void demo_putenv_early(char *name_value)
{
	static char *env[64];
	size_t len = strchr(name_value, '=') - name_value + 1, n = 0, i;

	for (i = 0; environ && environ[i] && n + 2 < 64; i++)
		if (strncmp(environ[i], name_value, len) != 0)
			env[n++] = environ[i];
	env[n++] = name_value;
	env[n] = NULL;
	environ = env;
}

void demo_step(const char *fmt, ...)
{
	va_list ap;

	printf("\n== ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

int demo_expect(int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return 1;
	unexpected++;
	printf("UNEXPECTED: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return 0;
}

int demo_exit_status(void)
{
	return unexpected ? 1 : 0;
}
