/*
 * ls [-l] [-a] [PATH...]: list directories (sorted, one name a line) or name files.
 * -l adds the type and permissions and the size; -a shows names starting with '.'.
 *
 * Names are kept in static arrays rather than malloc'd: ls is a tool for
 * looking at memory, so it leaves the heap alone.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_ENTRIES 1024
#define NAME_SPACE 65536

static char names[NAME_SPACE];
static char *entries[MAX_ENTRIES];
static int opt_long, opt_all;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void mode_string(unsigned mode, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	out[0] = S_ISDIR(mode) ? 'd' : S_ISCHR(mode) ? 'c' : S_ISBLK(mode) ? 'b' : S_ISFIFO(mode) ? 'p'
		 : S_ISLNK(mode) ? 'l' : S_ISSOCK(mode) ? 's' : '-';
	for (i = 0; i < 9; i++)
		out[i + 1] = mode & (0400 >> i) ? rwx[i] : '-';
	out[10] = '\0';
}

/* One line: the name, and with -l what stat says about path. */
static int show(const char *path, const char *name)
{
	struct stat st;
	char mode[11];

	if (!opt_long) {
		printf("%s\n", name);
		return 0;
	}
	if (stat(path, &st) != 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	mode_string(st.st_mode, mode);
	printf("%s %9lld %s\n", mode, (long long)st.st_size, name);
	return 0;
}

static int list_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t used = 0, len;
	int n = 0, i, status = 0;
	char path[512];

	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && !opt_all)
			continue;
		len = strlen(e->d_name) + 1;
		if (n == MAX_ENTRIES || used + len > NAME_SPACE) {
			fprintf(stderr, "ls: %s: too many entries, showing the first %d\n", dir, n);
			break;
		}
		entries[n++] = memcpy(names + used, e->d_name, len);
		used += len;
	}
	closedir(d);
	qsort(entries, n, sizeof entries[0], by_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, entries[i]);
		status |= show(path, entries[i]);
	}
	return status;
}

static int list(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return S_ISDIR(st.st_mode) ? list_dir(path) : show(path, path);
}

int main(int argc, char **argv)
{
	int i = 1, status = 0, first;
	const char *o;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (o = argv[i] + 1; *o; o++) {
			if (*o == 'l')
				opt_long = 1;
			else if (*o == 'a')
				opt_all = 1;
			else {
				fprintf(stderr, "usage: ls [-l] [-a] [PATH...]\n");
				return 2;
			}
		}
	}
	if (i == argc)
		return list(".");
	for (first = i; i < argc; i++) {
		if (argc - first > 1)
			printf("%s%s:\n", i > first ? "\n" : "", argv[i]);
		status |= list(argv[i]);
	}
	return status;
}
