/* Finding a command like a shell does (the PATH search of execvp(3)). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "userlib.h"

int find_program(const char *name, char *out, size_t size)
{
	const char *path = getenv("PATH"), *dir, *end;
	struct stat st;
	int err = -ENOENT;

	if (strchr(name, '/')) {
		if (strlen(name) >= size)
			return -ENAMETOOLONG;
		strcpy(out, name);
		return 0;
	}
	if (!path || !*path)
		path = DEFAULT_PATH;
	for (dir = path; *dir; dir = *end ? end + 1 : end) {
		end = strchr(dir, ':');
		if (!end)
			end = dir + strlen(dir);
		/* An empty entry means the current directory, as in POSIX. */
		if ((size_t)snprintf(out, size, "%.*s%s%s", (int)(end - dir), dir,
				     end > dir ? "/" : "", name) >= size) {
			err = -ENAMETOOLONG;
			continue;
		}
		if (stat(out, &st) == 0 && S_ISREG(st.st_mode))
			return 0;
	}
	return err;
}

int shell_status(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	if (WIFSTOPPED(wstatus))
		return 128 + WSTOPSIG(wstatus);
	return WEXITSTATUS(wstatus);
}
