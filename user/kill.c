/*
 * kill [-SIGNAL | -s SIGNAL] PID...: send a signal (SIGTERM unless told) with kill(2).
 * kill -l lists the signal names. SIGNAL is a name (KILL, SIGKILL) or a number.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "userlib.h"

static int usage(void)
{
	fprintf(stderr, "usage: kill [-SIGNAL | -s SIGNAL] PID...\n       kill -l\n");
	return 2;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;
	char *end;
	long pid;

	if (argc == 2 && strcmp(argv[1], "-l") == 0) {
		for (sig = 1; sig < NSIG; sig++)
			if (sig_name(sig))
				printf("%2d %s\n", sig, sig_name(sig) + 3);
		return 0;
	}
	if (i < argc && strcmp(argv[i], "-s") == 0) {
		if (i + 1 >= argc)
			return usage();
		sig = sig_number(argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] && (argv[i][1] < '0' || argv[i][1] > '9' ||
								   i + 1 < argc)) {
		/* "-9 PID" is a signal; a lone "-5" would be a process group, which pagewise has not. */
		sig = sig_number(argv[i] + 1);
		i++;
	}
	if (sig < 0) {
		fprintf(stderr, "kill: unknown signal %s\n", argv[i - 1]);
		return 2;
	}
	if (i >= argc)
		return usage();
	for (; i < argc; i++) {
		pid = strtol(argv[i], &end, 10);
		if (*end || end == argv[i]) {
			fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
			status = 1;
		} else if (kill((pid_t)pid, sig) != 0) {
			fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
