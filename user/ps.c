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
		       st.rss * (PAGE / 1024), st.minflt, st.majflt, st.comm);
	}
	/* Like procps: asking for pids of which none exists is an error. */
	return argc > 1 && missing == n ? 1 : 0;
}
