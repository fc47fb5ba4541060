/*
 * execve(2) hands the new program its arguments and environment exactly, on the
 * initial stack the i386 System V ABI describes: argc, argv[], NULL, envp[], NULL,
 * then the auxiliary vector. The helper data/showargs prints what it got.
 *
 * An empty environment is the case that once went wrong here: the NULL after
 * argv was left out, so envp began at the auxiliary vector (envp[0] was the
 * number 3, AT_PHDR). An empty argv becomes one empty argv[0], as on Linux
 * since 5.18 (checked on pagewise only: on the host the helper runs behind a
 * wrapper script, which brings its own argv[0]).
 */
#include <sys/syscall.h>
#include "check.h"

/* Run showargs with argv/envp as given (NULL too, through the raw call); its output line. */
static const char *show(char *const argv[], char *const envp[])
{
	static char out[512];
	/* On the host the helper is reached through PATH (a qemu-i386 wrapper). */
	const char *path = on_pagewise() ? data_path("showargs") : program("showargs");
	int fds[2], st = 0;
	ssize_t n, got = 0;

	out[0] = 0;
	if (pipe(fds) != 0)
		return "pipe failed";
	pid_t pid = xfork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		syscall(__NR_execve, path, argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while (got + 1 < (ssize_t)sizeof out && (n = read(fds[0], out + got, sizeof out - 1 - got)) > 0)
		got += n;
	out[got] = 0;
	close(fds[0]);
	waitpid(pid, &st, 0);
	if (got && out[got - 1] == '\n')
		out[got - 1] = 0;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return status_text(st);
	return out;
}

/*
 * On pagewise, exactly want. On the host the helper runs behind a shell script,
 * which adds PWD to the environment and may reorder it: there the arguments must
 * match, every variable of want must be there, and the auxiliary vector be found.
 */
static int matches(const char *got, const char *want)
{
	const char *genv = strstr(got, " envc="), *wenv = strstr(want, " envc=");
	const char *item, *end;
	char one[64];

	if (on_pagewise() || !genv || !wenv)
		return strcmp(got, want) == 0;
	if (genv - got != wenv - want || strncmp(got, want, (size_t)(genv - got)) ||
	    !strstr(got, " auxv=ok"))
		return 0;
	for (item = strchr(wenv, '['); item; item = strchr(end, '[')) {
		end = strchr(item, ']');
		if (!end || end - item + 2 > (long)sizeof one)
			return 0;
		snprintf(one, sizeof one, "%.*s", (int)(end - item + 1), item);
		if (!strstr(genv, one))
			return 0;
	}
	return 1;
}

#define CHECK_SHOW(argv, envp, want) do {                                               \
	const char *got_ = show(argv, envp);                                             \
	check_at(matches(got_, want), want, __FILE__, __LINE__);                         \
	if (!matches(got_, want))                                                         \
		printf("    got: %s\n", got_);                                            \
} while (0)

int main(int argc, char **argv)
{
	char *none[] = { NULL };
	char *args[] = { "showargs", "a", "b c", "", NULL };
	char *env[] = { "A=1", "B=x y", NULL };
	char *one[] = { "showargs", NULL };

	check_init(argc, argv);

	section("arguments and an environment");
	CHECK_SHOW(args, env, "argc=4 [a][b c][] envc=2 [A=1][B=x y] auxv=ok");

	section("an empty environment: envp is one NULL, then the auxiliary vector");
	CHECK_SHOW(args, none, "argc=4 [a][b c][] envc=0  auxv=ok");
	CHECK_SHOW(one, none, "argc=1  envc=0  auxv=ok");

	if (on_pagewise()) {
		section("an empty or NULL argv gives argc 1 with an empty argv[0] (Linux 5.18); NULL envp is empty");
		CHECK_SHOW(none, env, "argc=1  envc=2 [A=1][B=x y] auxv=ok");
		CHECK_SHOW(NULL, NULL, "argc=1  envc=0  auxv=ok");
		CHECK_SHOW(one, NULL, "argc=1  envc=0  auxv=ok");
	}
	return check_done();
}
