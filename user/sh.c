/*
 * sh: the pagewise shell, small on purpose.
 *
 *   sh                 read commands from standard input (a prompt when it is a terminal)
 *   sh FILE [ARG...]   run a script
 *   sh -c 'COMMANDS'   run the commands given
 *
 * A line is words separated by blanks; ';' separates commands; '#' starting a
 * word begins a comment; '...' quotes literally, "..." quotes but expands $;
 * a backslash quotes the next character; $? is the status of the last
 * command, $$ the shell's pid, $NAME an environment variable (a word that
 * expands to nothing, unquoted, is dropped). Words NAME=VALUE before a command
 * go into that program's environment only (PAGEWISE_MALLOC_TRACE=1 demo-abcd);
 * a command of nothing but such words sets them in the shell's own environment,
 * which every later program inherits. A word without '/' is looked up in PATH
 * (/bin when unset) and run with fork + execve + wait4. Built in: cd, echo,
 * exit, help, pwd, and for jobs: jobs, fg, bg, wait. No redirections, pipes,
 * unexported variables or control flow.
 *
 * Jobs: a command ending in '&' runs in the background ($! is its pid). A
 * program that stops (SIGTSTP, SIGSTOP) becomes a stopped job; fg [%N] brings a
 * job back to the foreground and waits for it, bg [%N] lets it go on in the
 * background, jobs lists them, kill [-SIG] %N signals one. At a terminal each job is a process group of its
 * own, and the shell makes the running one the terminal's foreground group, so
 * that Ctrl-C and Ctrl-Z reach it and not the shell.
 *
 * Like bash, it reports a program killed by a signal ("Segmentation fault
 * (signal 11)") and then $? is 128 + the signal; at a terminal it also shows a
 * non-zero exit status ("exit 3"). A command that is not found is status 127.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "userlib.h"

#define LINE_MAX_LEN 1024
#define MAX_WORDS 64

static int last_status;		/* $? */
static int interactive;		/* reading a terminal: prompt and "exit N" lines, job control */
static pid_t last_background;	/* $! */

/* ---- reading lines ---------------------------------------------------------------------- */

struct input {
	int fd;			/* -1: the text is all in str */
	const char *str;	/* sh -c */
	int line_no;
};

/*
 * One line without its newline; 0 at the end of input. Standard input is read
 * a byte at a time so that none of it is consumed ahead of a program that the
 * shell starts and that reads the rest itself (bash does the same).
 */
static int read_line(struct input *in, char *buf, size_t size)
{
	size_t n = 0;
	char c;
	int got = 0;

	for (;;) {
		if (in->fd < 0) {
			if (!*in->str)
				break;
			c = *in->str++;
		} else if (read(in->fd, &c, 1) != 1) {
			break;
		}
		got = 1;
		if (c == '\n')
			break;
		if (n + 1 < size)
			buf[n++] = c;
	}
	buf[n] = '\0';
	in->line_no++;
	return got;
}

/* ---- words -------------------------------------------------------------------------------- */

static int name_char(char c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
}

/* Append the text of $?, $!, $$ or $NAME at *out; returns the characters used after the '$'. */
static size_t expand(const char *p, char **out, char *end)
{
	char num[16], name[64];
	const char *text = num;
	size_t used = 1, len;

	if (*p == '?') {
		snprintf(num, sizeof num, "%d", last_status);
	} else if (*p == '!') {
		snprintf(num, sizeof num, "%d", (int)last_background);
	} else if (*p == '$') {
		snprintf(num, sizeof num, "%d", (int)getpid());
	} else if (name_char(*p, 1)) {
		for (used = 0; name_char(p[used], 0); used++)
			if (used + 1 < sizeof name)
				name[used] = p[used];
		name[used < sizeof name ? used : sizeof name - 1] = '\0';
		text = getenv(name) ? getenv(name) : "";
	} else {
		return 0;
	}
	len = strlen(text);
	if (*out + len < end) {
		memcpy(*out, text, len);
		*out += len;
	}
	return used;
}

/* NAME=VALUE, with a valid name: an assignment rather than a command. */
static int assignment(const char *word)
{
	const char *p = word;

	if (!name_char(*p, 1))
		return 0;
	while (name_char(*p, 0))
		p++;
	return *p == '=';
}

/*
 * Split the command starting at *linep into words (in place in buf), stop after
 * a ';' or '&' (then *background is 1) or at the end; *linep moves past it.
 * Returns the word count, or -1 on a syntax error (reported).
 */
static int split(const char **linep, char *buf, size_t size, char **words, int *background)
{
	const char *p = *linep;
	char *out = buf, *end = buf + size - 1;
	int n = 0, quote = 0, in_word = 0, quoted = 0;
	size_t used;

	*background = 0;
	for (;; p++) {
		if (!quote && (*p == '\0' || *p == ';' || *p == '&' || *p == ' ' || *p == '\t' ||
			       (*p == '#' && !in_word))) {
			if (in_word && out == words[n - 1] && !quoted) {
				n--;		/* only an expansion of nothing: no word */
			} else if (in_word) {
				*out++ = '\0';
			}
			in_word = 0;
			if (*p == '\0' || *p == '#') {
				*linep = "";
				break;
			}
			if (*p == ';' || *p == '&') {
				*background = *p == '&';
				*linep = p + 1;
				break;
			}
			continue;
		}
		if (*p == '\0') {
			fprintf(stderr, "sh: unterminated %c quote\n", quote);
			return -1;
		}
		if (!in_word) {
			if (n == MAX_WORDS - 1) {
				fprintf(stderr, "sh: more than %d words\n", MAX_WORDS - 1);
				return -1;
			}
			words[n++] = out;
			in_word = 1;
			quoted = 0;
		}
		if (*p == quote) {
			quote = 0;
		} else if (!quote && (*p == '\'' || *p == '"')) {
			quote = *p;
			quoted = 1;
		} else if (quote != '\'' && *p == '$' && (used = expand(p + 1, &out, end)) > 0) {
			p += used;
		} else if (quote != '\'' && *p == '\\' && p[1]) {
			if (out < end)
				*out++ = *++p;
		} else if (out < end) {
			*out++ = *p;
		}
	}
	words[n] = NULL;
	return n;
}

/* ---- jobs -------------------------------------------------------------------------------- */

#define MAX_JOBS 16

/* A job is one program; at a terminal, in a process group of its own (pgid = pid), as bash
 * does only there. Slot free when pid is 0. */
static struct job {
	pid_t pid;
	int stopped;
	char cmd[80];
} jobs[MAX_JOBS];

static void job_show(int n, const char *state, const char *tail)
{
	printf("[%d]+  %-24s%s%s\n", n + 1, state, jobs[n].cmd, tail);
	fflush(stdout);
}

static int job_of(pid_t pid)
{
	for (int n = 0; n < MAX_JOBS; n++)
		if (jobs[n].pid == pid)
			return n;
	return -1;
}

static int job_add(pid_t pid, char **words)
{
	for (int n = 0; n < MAX_JOBS; n++) {
		if (jobs[n].pid)
			continue;
		jobs[n].pid = pid;
		jobs[n].stopped = 0;
		jobs[n].cmd[0] = '\0';
		for (int i = 0; words[i]; i++) {
			size_t len = strlen(jobs[n].cmd);
			snprintf(jobs[n].cmd + len, sizeof jobs[n].cmd - len, "%s%s", i ? " " : "", words[i]);
		}
		return n;
	}
	return -1;
}

/* What wait4 said of job n: it stopped, went on, or ended (its slot is freed). When told
 * (report), a line says so, as bash's notices do. */
static void job_news(int n, int wstatus, int report)
{
	char what[48];
	if (WIFSTOPPED(wstatus)) {
		jobs[n].stopped = 1;
		job_show(n, "Stopped", "");
		return;
	}
	if (WIFCONTINUED(wstatus)) {
		jobs[n].stopped = 0;
		return;
	}
	if (report) {
		if (WIFSIGNALED(wstatus))
			snprintf(what, sizeof what, "%s", strsignal(WTERMSIG(wstatus)));
		else if (WEXITSTATUS(wstatus))
			snprintf(what, sizeof what, "Exit %d", WEXITSTATUS(wstatus));
		else
			snprintf(what, sizeof what, "Done");
		job_show(n, what, "");
	}
	jobs[n].pid = 0;
}

/* The news of background jobs, before a prompt or a job built-in: at a terminal, a line
 * for each that ended (as bash's notices; a script's jobs end quietly). */
static void reap_jobs(void)
{
	pid_t pid;
	int st;
	while ((pid = wait4(-1, &st, WNOHANG | WUNTRACED | WCONTINUED, NULL)) > 0) {
		int n = job_of(pid);
		if (n >= 0)
			job_news(n, st, interactive);
	}
}

/* The terminal's foreground group, at a terminal only (job control). */
static void foreground(pid_t pgrp)
{
	if (interactive)
		tcsetpgrp(STDIN_FILENO, pgrp);
}

/* Wait for job n in the foreground: until it ends (the slot is freed) or stops. Its status. */
static int job_wait(int n)
{
	int st;
	foreground(jobs[n].pid);
	while (wait4(jobs[n].pid, &st, WUNTRACED, NULL) != jobs[n].pid)
		if (errno != EINTR) {
			fprintf(stderr, "sh: wait4: %s\n", strerror(errno));
			st = 126 << 8;
			break;
		}
	foreground(getpgrp());
	job_news(n, st, 0);
	return st;
}

/* Whom a signal for job n goes to: at a terminal its whole group, else the one process. */
static pid_t job_target(int n)
{
	return interactive ? -jobs[n].pid : jobs[n].pid;
}

/* %N or nothing (the newest job): its slot, or -1 (reported). */
static int job_named(char **words, int n, const char *who)
{
	int k = -1;
	if (n > 1) {
		char *end;
		long j = strtol(words[1] + (words[1][0] == '%'), &end, 10);
		if (*end == '\0' && j >= 1 && j <= MAX_JOBS && jobs[j - 1].pid)
			k = (int)j - 1;
	} else {
		for (int i = 0; i < MAX_JOBS; i++)
			if (jobs[i].pid)
				k = i;
	}
	if (k < 0)
		fprintf(stderr, "sh: %s: %s: no such job\n", who, n > 1 ? words[1] : "current");
	return k;
}

/* kill with a %N among its arguments: the signal to job N (its whole group at a terminal),
 * and SIGCONT after it to a stopped job so that it takes it, as bash does; plain pids too.
 * Without a %N, /bin/kill does it. */
static int builtin_kill(char **words, int n, int *status)
{
	int i = 1, sig = SIGTERM, k;
	for (k = 1; k < n && words[k][0] != '%'; k++)
		;
	if (k == n)
		return 0;
	if (n > 2 && strcmp(words[1], "-s") == 0) {
		sig = sig_number(words[2]);
		i = 3;
	} else if (words[1][0] == '-' && words[1][1]) {
		sig = sig_number(words[1] + 1);
		i = 2;
	}
	if (sig < 0) {
		fprintf(stderr, "sh: kill: unknown signal %s\n", words[i - 1]);
		*status = 2;
		return 1;
	}
	*status = 0;
	for (; i < n; i++) {
		char *one[] = { "kill", words[i], NULL };
		pid_t target;
		if (words[i][0] == '%') {
			if ((k = job_named(one, 2, "kill")) < 0) {
				*status = 1;
				continue;
			}
			target = job_target(k);
		} else {
			k = -1;
			target = (pid_t)atoi(words[i]);
		}
		if (kill(target, sig) != 0) {
			fprintf(stderr, "sh: kill: %s: %s\n", words[i], strerror(errno));
			*status = 1;
		} else if (k >= 0 && jobs[k].stopped && sig != SIGKILL && sig != SIGCONT) {
			kill(target, SIGCONT);
			jobs[k].stopped = 0;
		}
	}
	return 1;
}

/* jobs, fg, bg, wait, kill %N: 1 when words[0] is one of them (its status in *status). */
static int builtin_job(char **words, int n, int *status)
{
	int k, st;
	reap_jobs();
	if (strcmp(words[0], "kill") == 0) {
		return builtin_kill(words, n, status);
	} else if (strcmp(words[0], "jobs") == 0) {
		for (k = 0; k < MAX_JOBS; k++)
			if (jobs[k].pid)
				job_show(k, jobs[k].stopped ? "Stopped" : "Running", jobs[k].stopped ? "" : " &");
		*status = 0;
	} else if (strcmp(words[0], "fg") == 0) {
		if ((k = job_named(words, n, "fg")) < 0) {
			*status = 1;
			return 1;
		}
		printf("%s\n", jobs[k].cmd);
		fflush(stdout);
		foreground(jobs[k].pid);
		kill(job_target(k), SIGCONT);
		st = job_wait(k);
		*status = shell_status(st);
	} else if (strcmp(words[0], "bg") == 0) {
		if ((k = job_named(words, n, "bg")) < 0) {
			*status = 1;
			return 1;
		}
		jobs[k].stopped = 0;
		printf("[%d]+ %s &\n", k + 1, jobs[k].cmd);
		fflush(stdout);
		kill(job_target(k), SIGCONT);
		*status = 0;
	} else if (strcmp(words[0], "wait") == 0) {
		for (k = 0; k < MAX_JOBS; k++)	/* the running ones, till they end */
			while (jobs[k].pid && !jobs[k].stopped && wait4(jobs[k].pid, &st, WUNTRACED, NULL) == jobs[k].pid)
				job_news(k, st, 0);
		*status = 0;
	} else {
		return 0;
	}
	return 1;
}

/* ---- built-ins ---------------------------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* help: the built-ins, then the programs in /bin (read from the directory, so it is never stale). */
static int builtin_help(void)
{
	static char names[8192], *list[256];
	size_t used = 0, len;
	int n = 0, i, col = 0;
	struct dirent *e;
	DIR *d;

	printf("pagewise sh. Built in: cd [DIR], echo [-n] [WORD...], exit [N], help, pwd,\n"
	       "jobs, fg [%%N], bg [%%N], wait, kill [-SIG] %%N. CMD & runs it in the background ($! its pid).\n"
	       "'#' starts a comment, ';' separates commands, $? is the last status.\n"
	       "NAME=VALUE before a command puts it in that program's environment; alone, in the\n"
	       "shell's. $NAME expands. Try PAGEWISE_MALLOC_TRACE=1 demo-abcd --one.\n"
	       "Ctrl-C ends the running program, Ctrl-Z stops it (then fg or bg).\n"
	       "Memory: ps, pmap PID, free, trace [-m] PROG; cat /proc/PID/maps, /proc/PID/status.\n"
	       "Demos of the seed articles: demos runs them all (demos -l lists them), or run one,\n"
	       "e.g. demo-1gib, demo-abcd, demo-threshold, demo-header, demo-segv, demo-faults,\n"
	       "demo-isolation, demo-toy, demo-cow.\n");
	d = opendir(DEFAULT_PATH);
	if (!d) {
		printf("(cannot read %s: %s)\n", DEFAULT_PATH, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL && n < 256) {
		len = strlen(e->d_name) + 1;
		if (e->d_name[0] == '.' || used + len > sizeof names)
			continue;
		list[n++] = memcpy(names + used, e->d_name, len);
		used += len;
	}
	closedir(d);
	qsort(list, n, sizeof list[0], by_name);
	printf("Programs in %s:\n", DEFAULT_PATH);
	for (i = 0; i < n; i++) {
		if (col + strlen(list[i]) + 1 > 72) {
			putchar('\n');
			col = 0;
		}
		col += printf(" %s", list[i]);
	}
	printf("\n");
	return 0;
}

static int builtin_echo(char **words)
{
	int i = 1, newline = 1;

	if (words[1] && strcmp(words[1], "-n") == 0) {
		newline = 0;
		i++;
	}
	for (; words[i]; i++)
		printf("%s%s", words[i], words[i + 1] ? " " : "");
	if (newline)
		putchar('\n');
	return 0;
}

/* Runs a built-in and returns 1, or returns 0 when words[0] is not one. */
static int builtin(char **words, int n, int *status)
{
	const char *dir;
	char *end, cwd[256];

	if (strcmp(words[0], "exit") == 0) {
		if (n > 1) {
			*status = (int)strtol(words[1], &end, 10);
			if (*end || end == words[1]) {
				fprintf(stderr, "sh: exit: %s: numeric argument required\n", words[1]);
				*status = 2;
			}
		}
		fflush(stdout);
		exit(*status & 0xff);
	} else if (strcmp(words[0], "cd") == 0) {
		dir = n > 1 ? words[1] : getenv("HOME") ? getenv("HOME") : "/";
		*status = chdir(dir) == 0 ? 0 : 1;
		if (*status)
			fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
	} else if (strcmp(words[0], "pwd") == 0) {
		*status = getcwd(cwd, sizeof cwd) ? (printf("%s\n", cwd), 0) : (perror("sh: pwd"), 1);
	} else if (strcmp(words[0], "echo") == 0) {
		*status = builtin_echo(words);
	} else if (strcmp(words[0], "help") == 0) {
		*status = builtin_help();
	} else if (!builtin_job(words, n, status)) {
		return 0;
	}
	fflush(stdout);
	return 1;
}

/* ---- running programs --------------------------------------------------------------------- */

/* Put NAME=VALUE words into the environment (setenv copies them). */
static void set_vars(char **assigns, int n)
{
	for (int i = 0; i < n; i++) {
		char *eq = strchr(assigns[i], '=');
		*eq = '\0';
		setenv(assigns[i], eq + 1, 1);
		*eq = '=';
	}
}

/* Run words[0] with the assignments before it (nassign of them, at assigns) in its
 * environment, as a job of its own: waited for, or in the background. */
static int run_program(char **words, char **assigns, int nassign, int background)
{
	char path[256];
	int err = find_program(words[0], path, sizeof path), wstatus, sig;
	pid_t pid;

	if (err) {
		fprintf(stderr, "sh: %s: %s\n", words[0], err == -ENOENT ? "not found" : strerror(-err));
		return 127;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		return 126;
	}
	if (pid == 0) {
		if (interactive) {		/* a group of its own (the parent does it too: no race) */
			setpgid(0, 0);
			if (!background)
				foreground(getpid());
		}
		signal(SIGINT, SIG_DFL);        /* Ctrl-C stops the program, not the shell */
		signal(SIGTSTP, SIG_DFL);
		signal(SIGTTIN, SIG_DFL);
		signal(SIGTTOU, SIG_DFL);
		set_vars(assigns, nassign);     /* the child's own copy of the environment */
		execve(path, words, environ);
		/* Like bash: 127 for a file that is not there, 126 for one that cannot run. */
		err = errno;
		fprintf(stderr, "sh: %s: %s\n", path, strerror(err));
		_exit(err == ENOENT ? 127 : 126);
	}
	if (interactive)
		setpgid(pid, pid);
	int n = job_add(pid, words);
	if (background) {
		last_background = pid;
		if (interactive)
			printf("[%d] %d\n", n + 1, (int)pid);
		return 0;
	}
	if (n < 0) {			/* no slot: wait for it all the same */
		while (wait4(pid, &wstatus, 0, NULL) != pid && errno == EINTR)
			;
		return shell_status(wstatus);
	}
	wstatus = job_wait(n);
	if (WIFSIGNALED(wstatus)) {
		sig = WTERMSIG(wstatus);
		fprintf(stderr, "%s (signal %d)\n", strsignal(sig), sig);
	} else if (interactive && WIFEXITED(wstatus) && WEXITSTATUS(wstatus)) {
		fprintf(stderr, "exit %d\n", WEXITSTATUS(wstatus));
	}
	return shell_status(wstatus);
}

/* Run every command of one line; $? is updated after each. */
static void run_line(const char *line)
{
	char buf[LINE_MAX_LEN], *words[MAX_WORDS];
	int n, k, status, background;

	while (*line) {
		n = split(&line, buf, sizeof buf, words, &background);
		if (n < 0) {
			last_status = 2;
			return;
		}
		if (n == 0)
			continue;
		status = last_status;
		for (k = 0; k < n && assignment(words[k]); k++)
			;
		if (k == n) {
			set_vars(words, n);     /* only assignments: the shell's own environment */
			status = 0;
		} else if (!builtin(words + k, n - k, &status)) {
			status = run_program(words + k, words, k, background);
		}
		last_status = status;
	}
}

int main(int argc, char **argv)
{
	struct input in = { STDIN_FILENO, NULL, 0 };
	char line[LINE_MAX_LEN];

	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		in.fd = -1;
		in.str = argv[2];
	} else if (argc > 1) {
		in.fd = open(argv[1], O_RDONLY | O_CLOEXEC);
		if (in.fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
	} else {
		interactive = isatty(STDIN_FILENO);
	}
	if (interactive) {
		/* Job control: the shell leads a process group of its own, which is the terminal's
		 * foreground while it reads; the keys and background reads do not stop it. */
		signal(SIGINT, SIG_IGN);
		signal(SIGTSTP, SIG_IGN);
		signal(SIGTTIN, SIG_IGN);
		signal(SIGTTOU, SIG_IGN);
		/* A session of its own, as a login shell has: once it exits, its stopped jobs are an
		 * orphaned group, hung up (SIGHUP) instead of stopped for ever. */
		setsid();
		setpgid(0, 0);
		foreground(getpgrp());
	}
	for (;;) {
		reap_jobs();
		if (interactive)
			fprintf(stderr, "$ ");
		if (!read_line(&in, line, sizeof line))
			break;
		run_line(line);
	}
	return last_status;
}
