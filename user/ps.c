/*
 * ps: the processes and their memory, from /proc.
 *
 *   ps [PID...]
 *
 * One line per process, the columns of Linux's
 * `ps -o pid,ppid,stat,vsz,rss,minflt,majflt,cmd`:
 *   VSZ     the size of the address space, kB (every region, touched or not)
 *   RSS     what of it is in RAM now, kB (pages that have a frame)
 *   MINFLT  page faults served without reading a file (zero-fill, copy-on-write)
 *   MAJFLT  page faults that read a file (program text, file mappings)
 * all from /proc/PID/stat (proc(5) fields 3, 4, 10, 12, 23, 24). Without a
 * PID, every process, in pid order.
 */
#include <dirent.h>
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include "demo.h"

#define MAX_PROCS 256

static int by_number(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Every pid in /proc, sorted; the count. */
static int all_pids(int *pids, int max)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (!d) {
		perror("ps: /proc");
		return -1;
	}
	while ((e = readdir(d)) != NULL && n < max)
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
			pids[n++] = atoi(e->d_name);
	closedir(d);
	qsort(pids, n, sizeof pids[0], by_number);
	return n;
}

/* The command line from /proc/PID/cmdline, arguments joined by spaces; the short name when the
 * process has none (a zombie) or it cannot be read. */
static const char *command_of(int pid, const char *comm)
{
	static char line[128];
	char path[32];
	snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return comm;
	ssize_t n = read(fd, line, sizeof line - 1);
	close(fd);
	if (n <= 0)
		return comm;
	for (ssize_t i = 0; i < n; i++)
		if (line[i] == '\0')
			line[i] = ' ';
	line[n] = '\0';
	while (n > 0 && line[n - 1] == ' ')
		line[--n] = '\0';
	return line;
}

int main(int argc, char **argv)
{
	static int pids[MAX_PROCS];
	struct demo_stat st;
	int n, i, missing = 0;

	if (argc > 1) {
		for (n = 0; n + 1 < argc && n < MAX_PROCS; n++)
			pids[n] = atoi(argv[n + 1]);
	} else if ((n = all_pids(pids, MAX_PROCS)) < 0) {
		return 1;
	}
	printf("  PID  PPID STAT      VSZ     RSS  MINFLT  MAJFLT CMD\n");
	for (i = 0; i < n; i++) {
		/* A process may exit between readdir and here: then it is just not shown. */
		if (demo_read_stat(pids[i], &st) < 0) {
			missing++;
			continue;
		}
		printf("%5d %5d %-4c %8lu %7lu %7lu %7lu %s\n", st.pid, st.ppid, st.state, st.vsize / 1024,
		       st.rss * (PAGE / 1024), st.minflt, st.majflt, command_of(st.pid, st.comm));
	}
	/* Like procps: asking for pids of which none exists is an error. */
	return argc > 1 && missing == n ? 1 : 0;
}
