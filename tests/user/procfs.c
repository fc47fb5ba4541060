/*
 * /proc as Linux has it (proc(5)): the process's own files through /proc/self, and the
 * per-process files programs like ps read: exe, cmdline, status, stat; /proc/meminfo;
 * /proc/PID/syscall, the call a process is blocked in (pagewise only: under qemu-user it
 * shows the host's calls).
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include "check.h"

static char text[4096];

static const char *slurp(const char *path, ssize_t *len)
{
	*len = read_text(path, text, sizeof text);
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

	if (on_pagewise()) {
		section("/proc/PID/syscall: \"3 0xfd 0xbuf 0xcount ...\" for a child blocked in read");
		int fds[2];
		char path[64];
		CHECK_EQ(pipe(fds), 0);
		pid_t pid = xfork();
		if (pid == 0) {
			char c;
			_exit(read(fds[0], &c, 1) == 1 ? 0 : 1);
		}
		snprintf(path, sizeof path, "/proc/%d/syscall", (int)pid);
		long t0 = now_ms();
		do		/* until the child has reached its read */
			slurp(path, &n);
		while (strncmp(text, "3 ", 2) && now_ms() - t0 < 5000);
		char want[64];
		snprintf(want, sizeof want, "3 0x%x ", (unsigned)fds[0]);
		CHECK(strncmp(text, want, strlen(want)) == 0);
		char *e = text;
		for (int field = 0; field < 3; field++)
			e = strchr(e, ' ') + 1;
		CHECK(strncmp(e, "0x1 ", 4) == 0);		/* the count */
		CHECK_EQ(write(fds[1], "x", 1), 1);
		int st;
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		close(fds[0]);
		close(fds[1]);
		slurp("/proc/self/syscall", &n);	/* we are in our own read */
		CHECK_EQ(strtol(text, NULL, 10), __NR_read);
	}

	section("a pid that does not exist has no directory");
	CHECK_ERR(open("/proc/99999/status", O_RDONLY), ENOENT);
	return check_done();
}
