/*
 * The shell (/bin/sh) runs programs with arguments and reports how they
 * ended. Each case runs sh with -c, a script or commands on its standard
 * input, in the data directory, with PATH = our PATH + the data directory (so
 * the helper programs args and segv are found by name), and compares what it
 * printed (stdout and stderr, through one pipe) and its exit status.
 */
#include "check.h"

static char path_env[512];
static char *env[] = { path_env, "HOME=/", NULL };

/*
 * Run sh with the arguments after argv[0], feeding it input (if not NULL);
 * its output goes into out. Returns its wait status.
 */
static int run_sh(char **args, const char *input, char *out, size_t size)
{
	int outp[2], inp[2], st = -1;
	size_t used = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(outp) || pipe(inp))
		return -1;
	pid = xfork();
	if (pid == 0) {
		chdir(data_path(""));
		dup2(inp[0], 0);
		dup2(outp[1], 1);
		dup2(outp[1], 2);
		close(inp[0]), close(inp[1]), close(outp[0]), close(outp[1]);
		args[0] = (char *)program("sh");
		execve(args[0], args, env);
		_exit(126);
	}
	close(inp[0]);
	close(outp[1]);
	/* Small inputs: they fit in the pipe, so writing all first cannot deadlock. */
	if (input)
		write(inp[1], input, strlen(input));
	close(inp[1]);
	while (used + 1 < size && (n = read(outp[0], out + used, size - 1 - used)) > 0)
		used += n;
	out[used] = '\0';
	close(outp[0]);
	waitpid(pid, &st, 0);
	return st;
}

static void print_escaped(const char *s)
{
	for (; *s; s++)
		if (*s == '\n')
			printf("\\n");
		else
			putchar(*s);
}

static void print_words(char **words)
{
	for (; *words; words++)
		printf(strchr(*words, ' ') ? " '%s'" : " %s", *words);
}

/* Check one run: exact output (or, with contains, these lines among it) and status. */
static void expect(char **args, const char *input, const char *want, int exact, int code)
{
	static char out[4096];
	int st = run_sh(args, input, out, sizeof out);
	int ok = exact ? strcmp(out, want) == 0 : strstr(out, want) != NULL;

	printf("checking: sh");
	print_words(args + 1);
	if (input) {
		printf(" <<< \"");
		print_escaped(input);
		printf("\"");
	}
	printf(" -> status %d, output %s\"", code, exact ? "" : "containing ");
	print_escaped(want);
	printf("\"\n");
	CHECK(ok);
	if (!ok) {
		printf("     got \"");
		print_escaped(out);
		printf("\"\n");
	}
	CHECK(WIFEXITED(st));
	if (WIFEXITED(st) && WEXITSTATUS(st) != code)
		printf("     exit status %d, want %d\n", WEXITSTATUS(st), code);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == code);
}

#define SH(...) ((char *[]){ "sh", __VA_ARGS__, NULL })

int main(int argc, char **argv)
{
	const char *path = getenv("PATH");
	char data[256];

	check_init(argc, argv);
	snprintf(data, sizeof data, "%s", data_path(""));
	data[strlen(data) - 1] = '\0';	/* no trailing slash */
	snprintf(path_env, sizeof path_env, "PATH=%s:%s", path && *path ? path : DEFAULT_PATH, data);

	expect(SH("-c", "echo hello   world"), NULL, "hello world\n", 1, 0);
	expect(SH("-c", "args one 'two words' \"three $?\""), NULL, "[one][two words][three 0]\n", 1, 3);
	expect(SH("-c", "cat not-a-program.txt"), NULL,
	       "This is a text file without \"#!\": execve(2) must refuse it with ENOEXEC.\n", 1, 0);
	expect(SH("-c", "exit 3"), NULL, "", 1, 3);
	expect(SH("-c", "false; echo $?; true; echo $?"), NULL, "1\n0\n", 1, 0);
	expect(SH("-c", "nosuchprogram arg"), NULL, "sh: nosuchprogram: not found\n", 1, 127);
	expect(SH("-c", "segv; echo after $?"), NULL, "Segmentation fault (signal 11)\n", 0, 0);
	expect(SH("-c", "segv; echo after $?"), NULL, "after 139\n", 0, 0);
	expect(SH("script.sh"), NULL,
	       "script start\n[one][two words][three 0]\nfalse gave 1\n/\n"
	       "sh: nosuchcommand: not found\nnot found gave 127\n", 1, 7);
	expect(SH("script.sh"), NULL, "", 0, 7);
	/* sh reads standard input a byte at a time: cat gets the lines after its own. */
	expect(SH(NULL), "echo from stdin\ncat\nthis line is for cat\n", "from stdin\nthis line is for cat\n",
	       1, 0);
	expect(SH(NULL), "exit 4\necho not reached\n", "", 1, 4);
	/* The environment: NAME=VALUE before a program is its own; alone, the shell's. */
	expect(SH("-c", "X=hello sh -c 'echo $X'; echo [$X]"), NULL, "hello\n[]\n", 1, 0);
	expect(SH("-c", "Y=2; echo $Y; sh -c 'echo \"$Y\"'"), NULL, "2\n2\n", 1, 0);
	expect(SH("-c", "A=1 B='two words' sh -c 'args $A \"$B\"'"), NULL, "[1][two words]\n", 1, 2);
	expect(SH("-c", "args a $NOPE b '' \"$NOPE\" x$NOPE"), NULL, "[a][b][][][x]\n", 1, 5);
	expect(SH("-c", "X=1 cd /; echo [$X]"), NULL, "[]\n", 1, 0);
	expect(SH("-c", "1X=3"), NULL, "sh: 1X=3: not found\n", 1, 127);
	/* Jobs: a program that stops is a stopped job; fg brings it back, bg lets it go on. */
	expect(SH("-c", "stopme; echo status $?; jobs; fg; echo status $?"), NULL,
	       "before\n[1]+  Stopped                 stopme\nstatus 147\n"
	       "[1]+  Stopped                 stopme\nstopme\nafter\nstatus 0\n", 1, 0);
	expect(SH("-c", "stopme; bg; wait; echo done; jobs"), NULL,
	       "before\n[1]+  Stopped                 stopme\n[1]+ stopme &\nafter\ndone\n", 1, 0);
	expect(SH("-c", "sleep 1 & jobs; wait; echo waited; jobs"), NULL,
	       "[1]+  Running                 sleep 1 &\nwaited\n", 1, 0);
	expect(SH("-c", "exit42 & wait; fg"), NULL, "sh: fg: current: no such job\n", 1, 1);
	expect(SH("-c", "fg %3; bg 1"), NULL, "sh: fg: %3: no such job\nsh: bg: 1: no such job\n", 1, 1);
	/* kill %N: a stopped job is continued too, so that it takes the signal. */
	expect(SH("-c", "stopme; kill %1; wait; jobs; echo done"), NULL,
	       "before\n[1]+  Stopped                 stopme\ndone\n", 1, 0);
	expect(SH("-c", "stopme; kill -KILL %1; kill %2; echo $?"), NULL,
	       "before\n[1]+  Stopped                 stopme\nsh: kill: %2: no such job\n1\n", 1, 0);
	expect(SH("-c", "help"), NULL, "Programs in /bin:", 0, 0);
	expect(SH("-c", "help"), NULL, " sh", 0, 0);
	return check_done();
}
