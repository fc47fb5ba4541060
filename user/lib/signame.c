/* Signal names <-> numbers, Linux i386 numbering (signal(7)). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "userlib.h"

static const char *const names[] = {
	[SIGHUP] = "SIGHUP",	 [SIGINT] = "SIGINT",	  [SIGQUIT] = "SIGQUIT",   [SIGILL] = "SIGILL",
	[SIGTRAP] = "SIGTRAP",	 [SIGABRT] = "SIGABRT",	  [SIGBUS] = "SIGBUS",	   [SIGFPE] = "SIGFPE",
	[SIGKILL] = "SIGKILL",	 [SIGUSR1] = "SIGUSR1",	  [SIGSEGV] = "SIGSEGV",   [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE",	 [SIGALRM] = "SIGALRM",	  [SIGTERM] = "SIGTERM",   [SIGSTKFLT] = "SIGSTKFLT",
	[SIGCHLD] = "SIGCHLD",	 [SIGCONT] = "SIGCONT",	  [SIGSTOP] = "SIGSTOP",   [SIGTSTP] = "SIGTSTP",
	[SIGTTIN] = "SIGTTIN",	 [SIGTTOU] = "SIGTTOU",	  [SIGURG] = "SIGURG",	   [SIGXCPU] = "SIGXCPU",
	[SIGXFSZ] = "SIGXFSZ",	 [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF", [SIGWINCH] = "SIGWINCH",
	[SIGIO] = "SIGIO",	 [SIGPWR] = "SIGPWR",	  [SIGSYS] = "SIGSYS",
};
#define NNAMES (int)(sizeof names / sizeof names[0])

const char *sig_name(int sig)
{
	return sig > 0 && sig < NNAMES ? names[sig] : NULL;
}

int sig_number(const char *name)
{
	char *end;
	long n;
	int i;

	if (*name >= '0' && *name <= '9') {
		n = strtol(name, &end, 10);
		return *end == '\0' && n >= 0 && n < NSIG ? (int)n : -1;
	}
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (i = 1; i < NNAMES; i++)
		if (names[i] && strcasecmp(names[i] + 3, name) == 0)
			return i;
	return -1;
}
