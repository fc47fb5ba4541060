/*
 * pmap: the address space of a process, region by region.
 *
 *   pmap [-x] PID...      ("self" for pmap's own)
 *
 * Reads /proc/PID/maps (proc(5)) and prints, like Linux's pmap, each
 * region's start, size and permissions and what is in it: the program file
 * it maps, [heap] (the brk area), [stack], or [ anon ] (mmapped memory, the
 * program's bss). The total is the VSZ of ps; the resident part (VmRSS) is
 * shown beside it, because a region's size says nothing of how much of it
 * has frames. -x (as Linux's pmap -x) reads /proc/PID/smaps instead and gives
 * each region's resident and dirty kilobytes, and their totals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "demo.h"

static char maps[131072];

/* A maps line "start-end perms offset dev inode [path]": its range, perms and pmap's name for
 * it; 0 for a line that is not one (smaps' field lines). */
static int region(char *line, unsigned long *start, unsigned long *end, char perms[8], const char **name)
{
	char *p;
	*start = strtoul(line, &p, 16);
	if (*p != '-')
		return 0;
	*end = strtoul(p + 1, &p, 16);
	if (*p != ' ')
		return 0;
	snprintf(perms, 8, "%.4s", p + 1);
	p = line;
	for (int field = 0; field < 5 && p; field++) {
		p = strchr(p, ' ');
		while (p && *p == ' ')
			p++;
	}
	if (!p || !*p)
		*name = "[ anon ]";
	else if (p[0] == '/')
		*name = strrchr(p, '/') + 1;	/* like pmap: the file's name */
	else
		*name = p;
	return 1;
}

/* pmap's mode column: rwx plus s for shared, - for private */
static const char *mode(const char perms[8])
{
	static char m[8];
	snprintf(m, sizeof m, "%c%c%c%c-", perms[0], perms[1], perms[2], perms[3] == 's' ? 's' : '-');
	return m;
}

static int show(const char *pid, int extended)
{
	char path[64], *line, *save = NULL, perms[8] = "----";
	const char *name = NULL;
	unsigned long start = 0, end = 0, total = 0, rss = 0, dirty = 0, r_rss = 0, r_dirty = 0;
	struct demo_stat st;
	int id = strcmp(pid, "self") == 0 ? 0 : atoi(pid), open_region = 0;

	snprintf(path, sizeof path, "/proc/%s/%s", pid, extended ? "smaps" : "maps");
	if (demo_read_file(path, maps, sizeof maps) < 0 || (id && demo_read_stat(id, &st) < 0)) {
		fprintf(stderr, "pmap: no process %s\n", pid);
		return 1;
	}
	if (!id) {
		demo_read_stat(getpid(), &st);
		id = st.pid;
	}
	printf("%d:   %s\n", id, st.comm);
	printf(extended ? "ADDRESS      KBYTES      RSS    DIRTY MODE  MAPPING\n" : "ADDRESS      KBYTES MODE  MAPPING\n");
	for (line = strtok_r(maps, "\n", &save);; line = strtok_r(NULL, "\n", &save)) {
		unsigned long s, e;
		char pm[8];
		const char *nm;
		int is_region = line && region(line, &s, &e, pm, &nm);
		/* -x: a region's line is printed once its fields (the lines after it) are read. */
		if (extended && open_region && (!line || is_region)) {
			printf("%08lx %9luK %7luK %7luK %s %s\n", start, (end - start) / 1024, r_rss, r_dirty,
			       mode(perms), name);
			rss += r_rss;
			dirty += r_dirty;
			open_region = 0;
		}
		if (!line)
			break;
		if (!is_region) {
			if (!strncmp(line, "Rss:", 4))
				r_rss = strtoul(line + 4, NULL, 10);
			else if (!strncmp(line, "Shared_Dirty:", 13) || !strncmp(line, "Private_Dirty:", 14))
				r_dirty += strtoul(strchr(line, ':') + 1, NULL, 10);
			continue;
		}
		start = s;
		end = e;
		memcpy(perms, pm, sizeof perms);
		name = nm;
		total += end - start;
		if (extended) {
			open_region = 1;
			r_rss = r_dirty = 0;
		} else {
			printf("%08lx %9luK %s %s\n", start, (end - start) / 1024, mode(perms), name);
		}
	}
	if (extended)
		printf(" total    %9luK %7luK %7luK\n", total / 1024, rss, dirty);
	else
		printf(" total    %9luK   (resident now: %ldK, VmRSS of /proc/%s/status)\n", total / 1024,
		       demo_status_kb(strcmp(pid, "self") == 0 ? 0 : id, "VmRSS"), pid);
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, failed = 0, extended = 0;

	if (argc > 1 && strcmp(argv[1], "-x") == 0) {
		extended = 1;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: pmap [-x] PID...   (or: pmap self)\n");
		return 2;
	}
	for (; i < argc; i++)
		failed |= show(argv[i], extended);
	return failed;
}
