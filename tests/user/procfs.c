/*
 * /proc as Linux has it (proc(5)): the process's own files through /proc/self, and the
 * per-process files programs like ps read: exe, cmdline, status, stat; /proc/meminfo.
 */
#include <fcntl.h>
#include "check.h"

static char text[4096];

static const char *slurp(const char *path, ssize_t *len)
{
	int fd = open(path, O_RDONLY);
	*len = fd < 0 ? -1 : read(fd, text, sizeof text - 1);
	if (fd >= 0)
		close(fd);
	text[*len > 0 ? *len : 0] = '\0';
	return text;
}

int main(int argc, char **argv)
{
	ssize_t n;
	check_init(argc, argv);

	section("/proc/self/exe links to the program file");
	char link[256];
	n = readlink("/proc/self/exe", link, sizeof link - 1);
	CHECK(n > 0);
	link[n > 0 ? n : 0] = '\0';
	const char *base = strrchr(link, '/');
	CHECK(base && strcmp(base, "/procfs") == 0);

	section("/proc/self/cmdline is argv, each followed by a NUL");
	slurp("/proc/self/cmdline", &n);
	size_t want = 0;
	for (int i = 0; i < argc; i++)
		want += strlen(argv[i]) + 1;
	CHECK_EQ(n, (long)want);
	CHECK(strcmp(text, argv[0]) == 0);

	section("/proc/self/status names the process and its parent");
	slurp("/proc/self/status", &n);
	if (on_pagewise())        /* under qemu-user the host process is named qemu-i386 */
		CHECK(strstr(text, "Name:\tprocfs\n") != NULL);
	char line[64];
	snprintf(line, sizeof line, "\nPid:\t%d\n", getpid());
	CHECK(strstr(text, line) != NULL);
	snprintf(line, sizeof line, "\nPPid:\t%d\n", getppid());
	CHECK(strstr(text, line) != NULL);
	CHECK(strstr(text, "\nVmRSS:") != NULL);

	section("/proc/self/stat starts with \"pid (comm) state ppid\"");
	slurp("/proc/self/stat", &n);
	/* qemu-user makes up this file, with a state of "0": there only the start is checked. */
	if (on_pagewise())
		snprintf(line, sizeof line, "%d (procfs) R %d ", getpid(), getppid());
	else
		snprintf(line, sizeof line, "%d (procfs) ", getpid());
	CHECK(strncmp(text, line, strlen(line)) == 0);

	section("/proc/meminfo: MemTotal and MemFree in kB");
	slurp("/proc/meminfo", &n);
	CHECK(strncmp(text, "MemTotal:", 9) == 0);
	CHECK(strstr(text, "\nMemFree:") != NULL && strstr(text, " kB\n") != NULL);

	section("a pid that does not exist has no directory");
	CHECK_ERR(open("/proc/99999/status", O_RDONLY), ENOENT);
	return check_done();
}
