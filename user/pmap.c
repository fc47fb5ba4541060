/*
 * pmap: the address space of a process, region by region.
 *
 *   pmap PID...      ("self" for pmap's own)
 *
 * Reads /proc/PID/maps (proc(5)) and prints, like Linux's pmap, each
 * region's start, size and permissions and what is in it: the program file
 * it maps, [heap] (the brk area), [stack], or [ anon ] (mmapped memory, the
 * program's bss). The total is the VSZ of ps; the resident part (VmRSS) is
 * shown beside it, because a region's size says nothing of how much of it
 * has frames.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "demo.h"

static char maps[16384];

static int show(const char *pid)
{
	char path[64], *line, *save = NULL, *name;
	unsigned long start, end, total = 0;
	char perms[8];
	struct demo_stat st;
	int id = strcmp(pid, "self") == 0 ? 0 : atoi(pid);

	snprintf(path, sizeof path, "/proc/%s/maps", pid);
	if (demo_read_file(path, maps, sizeof maps) < 0 || (id && demo_read_stat(id, &st) < 0)) {
		fprintf(stderr, "pmap: no process %s\n", pid);
		return 1;
	}
	if (!id) {
		demo_read_stat(getpid(), &st);
		id = st.pid;
	}
	printf("%d:   %s\n", id, st.comm);
	printf("ADDRESS      KBYTES MODE  MAPPING\n");
	for (line = strtok_r(maps, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		/* "start-end perms offset dev inode [path]" */
		start = strtoul(line, &name, 16);
		if (*name != '-')
			continue;
		end = strtoul(name + 1, &name, 16);
		snprintf(perms, sizeof perms, "%.4s", name + 1);
		name = line;
		for (int field = 0; field < 5 && name; field++) {
			name = strchr(name, ' ');
			while (name && *name == ' ')
				name++;
		}
		if (!name || !*name)
			name = "[ anon ]";
		else if (name[0] == '/')
			name = strrchr(name, '/') + 1;	/* like pmap: the file's name */
		total += end - start;
		/* pmap's mode column: rwx plus s for shared, - for private */
		printf("%08lx %9luK %c%c%c%c- %s\n", start, (end - start) / 1024, perms[0], perms[1], perms[2],
		       perms[3] == 's' ? 's' : '-', name);
	}
	printf(" total    %9luK   (resident now: %ldK, VmRSS of /proc/%s/status)\n", total / 1024,
	       demo_status_kb(strcmp(pid, "self") == 0 ? 0 : id, "VmRSS"), pid);
	return 0;
}

int main(int argc, char **argv)
{
	int i, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: pmap PID...   (or: pmap self)\n");
		return 2;
	}
	for (i = 1; i < argc; i++)
		failed |= show(argv[i]);
	return failed;
}
