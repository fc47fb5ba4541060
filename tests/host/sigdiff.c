/*
 * sigdiff SEED [OPS]: a random run of signal system calls whose transcript must be the same on
 * pagewise and on Linux.
 *
 * The program sends signals only to itself. Each step installs a handler (with SA_NODEFER,
 * SA_RESETHAND or a mask), ignores a signal or restores its default (only for signals whose
 * default is to be ignored), changes the blocked mask, sends a signal with kill or tgkill,
 * sends one with sigqueue and a value (the step's number), takes a pending one with
 * sigtimedwait (no waiting), or reads the pending set; the handler notes each signal it takes
 * and where its siginfo says it came from (kill: SI_USER, tgkill: SI_TKILL, sigqueue: SI_QUEUE
 * and the value, and our pid), and sometimes sends another signal from inside. Real-time
 * signals queue one per sending, standard ones are pending once: which handler runs how often,
 * and which value sigtimedwait takes first, show it. Bad arguments are tried too. Every line
 * gives the call and its result, then the signals handled meanwhile.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "transcript.h"

/* Signals whose default action is to terminate get only handlers or SIG_IGN; the others
 * (SIGCHLD, SIGURG, SIGWINCH) may also go back to SIG_DFL. 34 and 40 are real-time signals
 * (glibc keeps 32 and 33 for itself). */
static const int sigs[] = { SIGUSR1, SIGUSR2, SIGCHLD, SIGURG, SIGWINCH, 34, 40 };
#define NSIGS (int)(sizeof sigs / sizeof sigs[0])

static volatile int depth, nest_sig;

static int harmless_default(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH;
}

/* The blocked set, as a string of our signals ("USR1 34 ..."), read with sigprocmask. */
static const char *mask_text(const sigset_t *set)
{
	static char buf[8][64];
	static int next;
	char *b = buf[next++ % 8];
	b[0] = 0;
	for (int i = 0; i < NSIGS; i++)
		if (sigismember(set, sigs[i]))
			snprintf(b + strlen(b), 64 - strlen(b), "%s%d", b[0] ? "," : "", sigs[i]);
	return b[0] ? b : "-";
}

/* Where a siginfo says a signal came from, as a number: 0 kill from us, 1 tgkill from us,
 * 2 sigqueue from us, 3 anything else; times 1024, plus sigqueue's value. */
static int origin(const siginfo_t *info)
{
	if (info->si_pid != getpid())
		return 3 * 1024;
	switch (info->si_code) {
	case SI_USER: return 0;
	case SI_TKILL: return 1024;
	case SI_QUEUE: return 2 * 1024 + info->si_int % 1024;
	default: return 3 * 1024;
	}
}

static const char *origin_text(int o)
{
	static char buf[4][16];
	static int next;
	char *b = buf[next++ % 4];
	const char *kinds[] = { "", "(tgkill)", "(q", "(?)" };
	snprintf(b, 16, "%s", kinds[o / 1024]);
	if (o / 1024 == 2)
		snprintf(b, 16, "(q%d)", o % 1024);
	return b;
}

/* The signals handled during the current step, in the order they came: the number times
 * 4096, plus origin(). */
static int got[64], ngot;

static void handler(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	if (ngot < 64)
		got[ngot++] = sig * 4096 + origin(info);
	if (nest_sig && depth == 0) {
		int s = nest_sig;
		nest_sig = 0;
		depth++;
		kill(getpid(), s);
		depth--;
	}
}

static int by_number(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* After each step: which signals were handled, how many times, sorted. The order is left
 * out: when several become deliverable at once, Linux (and pagewise) stacks a frame for each
 * before going back to the program, so the last one set up runs first, and qemu-user, which
 * stands in for Linux here, does not always do it the same way. */
static void say_handled(void)
{
	if (!ngot)
		return;
	qsort(got, ngot, sizeof got[0], by_number);
	say("  handled");
	for (int i = 0; i < ngot; i++)
		say(" %d%s", got[i] / 4096, origin_text(got[i] % 4096));
	say("\n");
	ngot = 0;
}

static void step(int i)
{
	int sig = sigs[rnd(NSIGS)];
	struct sigaction sa;
	sigset_t set;

	switch (rnd(11)) {
	case 0:
	case 1: {
		memset(&sa, 0, sizeof sa);
		unsigned kind = rnd(harmless_default(sig) ? 4 : 3);
		if (kind < 2)
			sa.sa_sigaction = handler;
		else
			sa.sa_handler = kind == 2 ? SIG_IGN : SIG_DFL;
		sa.sa_flags = (rnd(3) == 0 ? SA_NODEFER : 0) |
			      (harmless_default(sig) && rnd(3) == 0 ? SA_RESETHAND : 0) |
			      (kind < 2 ? SA_SIGINFO : 0);
		sigemptyset(&sa.sa_mask);
		if (rnd(2))
			sigaddset(&sa.sa_mask, sigs[rnd(NSIGS)]);
		say("%d sigaction %d %s flags %#x mask %s = %d\n", i, sig,
		    kind == 2 ? "ignore" : kind == 3 ? "default" : "handler", sa.sa_flags,
		    mask_text(&sa.sa_mask), sigaction(sig, &sa, NULL) ? -errno : 0);
		break;
	}
	case 2:
	case 3: {
		int how = (int[]){ SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK, 7 }[rnd(4)];
		sigemptyset(&set);
		for (int k = 0; k < NSIGS; k++)
			if (rnd(3) == 0)
				sigaddset(&set, sigs[k]);
		long r = syscall(SYS_rt_sigprocmask, how, &set, NULL, 8);
		say("%d sigprocmask %d %s = %ld\n", i, how, mask_text(&set), r ? -errno : 0);
		break;
	}
	case 4:
	case 5:
	case 6:
		nest_sig = rnd(3) == 0 ? sigs[rnd(NSIGS)] : 0;
		if (rnd(2))
			say("%d kill %d = %d\n", i, sig, kill(getpid(), sig) ? -errno : 0);
		else
			say("%d tgkill %d = %ld\n", i, sig,
			    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig) ? -errno : 0L);
		nest_sig = 0;
		break;
	case 7:
		/* Only the result: qemu-user answers with its own pending set, not the program's. */
		say("%d sigpending = %d\n", i, sigpending(&set) ? -errno : 0);
		break;
	case 8:
		/* Not SIGCHLD: qemu-user, which stands in for Linux here, reports a queued SIGCHLD
		 * with the value of an earlier sigqueue. */
		if (sig == SIGCHLD)
			sig = SIGUSR2;
		nest_sig = rnd(3) == 0 ? sigs[rnd(NSIGS)] : 0;
		say("%d sigqueue %d %d = %d\n", i, sig, i,
		    sigqueue(getpid(), sig, (union sigval){ .sival_int = i }) ? -errno : 0);
		nest_sig = 0;
		break;
	case 9: {
		sigemptyset(&set);
		for (int k = 0; k < NSIGS; k++)
			if (rnd(2) == 0)
				sigaddset(&set, sigs[k]);
		siginfo_t info;
		struct timespec zero = { 0, 0 };
		int r = sigtimedwait(&set, &info, &zero);
		say("%d sigtimedwait %s = %d%s\n", i, mask_text(&set), r < 0 ? -errno : r,
		    r > 0 ? origin_text(origin(&info)) : "");
		break;
	}
	default:
		switch (rnd(4)) {
		case 0:
			say("%d kill-0 = %d kill-65 = %d\n", i, kill(getpid(), 0) ? -errno : 0,
			    kill(getpid(), 65) ? -errno : 0);
			break;
		case 1:
			memset(&sa, 0, sizeof sa);
			sa.sa_sigaction = handler;
			sa.sa_flags = SA_SIGINFO;
			say("%d sigaction-kill = %d sigaction-stop = %d sigaction-0 = %d\n", i,
			    sigaction(SIGKILL, &sa, NULL) ? -errno : 0, sigaction(SIGSTOP, &sa, NULL) ? -errno : 0,
			    (int)(syscall(SYS_rt_sigaction, 0, &sa, NULL, 8) ? -errno : 0));
			break;
		case 2:
			say("%d sigprocmask-size-4 = %ld\n", i,
			    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &set, 4) ? -errno : 0L);
			break;
		default: {
			/* SIGKILL and SIGSTOP cannot be blocked: asking is no error, and they stay out. */
			sigset_t all, now;
			sigfillset(&all);
			sigdelset(&all, SIGUSR1);
			sigprocmask(SIG_SETMASK, NULL, &now);
			int r = sigprocmask(SIG_BLOCK, &all, NULL) ? -errno : 0;
			sigset_t got;
			sigprocmask(SIG_SETMASK, &now, &got);
			say("%d block-all = %d kill-blocked %d stop-blocked %d\n", i, r,
			    sigismember(&got, SIGKILL), sigismember(&got, SIGSTOP));
		}
		}
	}
}

int main(int argc, char **argv)
{
	int ops = argc > 2 ? atoi(argv[2]) : 400;

	seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
	printf("sigdiff seed %llu, %d steps\n", seed, ops);
	fflush(stdout);
	/* Every signal starts with the handler: none may end the program. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	for (int i = 0; i < NSIGS; i++)
		sigaction(sigs[i], &sa, NULL);
	for (int i = 0; i < ops; i++) {
		step(i);
		say_handled();
	}
	sigset_t set;
	sigprocmask(SIG_SETMASK, NULL, &set);
	say("final: blocked %s\n", mask_text(&set));
	say_flush();
	return 0;
}
