/*
 * init: process 1. The kernel starts it with descriptors 0, 1 and 2 on the
 * console, and powers the machine off with its exit status when it exits.
 *
 *   init CMD [ARG...]   (the words after " -- " on the kernel command line)
 *                       run that command and exit with its status as a shell
 *                       gives it: the exit code, or 128 + the signal that
 *                       killed it. tools/run-elf and the in-QEMU tests boot so.
 *   init                nobody at the console (standard input not a terminal, or
 *                       PAGEWISE_BATCH=1 in the environment, which the kernel sets
 *                       for tools/qemu-run --batch, where the console is still a
 *                       tty to us): run /bin/sh /etc/rc and exit with its status;
 *                       otherwise: run /bin/sh, and a new one whenever it exits.
 *
 * Programs get init's environment (the kernel gives PATH, HOME and TERM), or
 * PATH=/bin and HOME=/ if it is empty.
 *
 * Orphans are re-parented to init, so while it waits for its own child it
 * reaps whatever else exits (wait4(-1)). Before exiting it reaps the zombies
 * that are left, but does not wait for orphans still running: powering off
 * ends them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <unistd.h>
#include "userlib.h"

#define SHELL "/bin/sh"
#define BOOT_SCRIPT "/etc/rc"

static char *const default_env[] = { "PATH=" DEFAULT_PATH, "HOME=/", NULL };
static char *const *env = default_env;

/* Start argv[0] (looked up in PATH when it has no '/'); returns the pid or -1. */
static pid_t spawn(char *const argv[])
{
	char path[256];
	int err = find_program(argv[0], path, sizeof path);
	pid_t pid;

	if (err) {
		fprintf(stderr, "init: %s: %s\n", argv[0], strerror(-err));
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		execve(path, argv, env);
		fprintf(stderr, "init: %s: %s\n", path, strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (pid < 0)
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	return pid;
}

/* Wait for pid, reaping orphans meanwhile; returns its wait status. */
static int wait_for(pid_t pid)
{
	int wstatus;
	pid_t got;

	for (;;) {
		got = wait4(-1, &wstatus, 0, NULL);
		if (got == pid)
			return wstatus;
		if (got < 0 && errno != EINTR) {
			/* Cannot happen while pid is our child; say so rather than spin. */
			fprintf(stderr, "init: wait4: %s\n", strerror(errno));
			return 127 << 8;
		}
	}
}

/* Reap the zombies that are there now, without waiting for the living. */
static void reap_zombies(void)
{
	int wstatus;

	while (wait4(-1, &wstatus, WNOHANG, NULL) > 0)
		;
}

/* Run argv to its end and return its status, shell-encoded. */
static int run(char *const argv[])
{
	pid_t pid = spawn(argv);
	int status = pid < 0 ? 127 : shell_status(wait_for(pid));

	reap_zombies();
	return status;
}

int main(int argc, char **argv)
{
	static char *const rc[] = { SHELL, BOOT_SCRIPT, NULL };
	static char *const shell[] = { SHELL, NULL };
	int status;

	if (environ && environ[0])
		env = environ;
	if (argc > 1)
		return run(argv + 1);
	/* The kernel sets PAGEWISE_BATCH when nobody is at the console (tools/qemu-run --batch). */
	if (!isatty(STDIN_FILENO) || getenv("PAGEWISE_BATCH"))
		return run(rc);
	for (;;) {
		status = run(shell);
		printf("init: %s ended with status %d; starting a new one\n", SHELL, status);
		fflush(stdout);
		/* A shell that cannot start at all would make this loop spin: pause a little. */
		if (status >= 126)
			sleep(1);
	}
}
