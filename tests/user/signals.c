/*
 * Signal handlers (signal(7), sigaction(2), sigprocmask(2)): a handler runs and the program
 * goes on where it was, with its registers and floating-point state intact; SA_SIGINFO gets
 * its siginfo; a blocked signal waits until it is unblocked; SIG_IGN ignores; a sleep is
 * interrupted with EINTR; a fault can be caught, a stack overflow too (on a sigaltstack);
 * SA_RESETHAND makes the second one fatal.
 */
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include "check.h"

static volatile int hits, last_sig, info_signo;

static void on_signal(int sig) { hits++; last_sig = sig; }

static void on_siginfo(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	hits++;
	last_sig = sig;
	info_signo = info->si_signo;
}

/* Clobbers the FPU: the interrupted code must not see it. */
static void on_signal_fpu(int sig)
{
	volatile double x = 3.0;
	for (int i = 0; i < 10; i++)
		x = x * 1.5 + sig;
	hits++;
}

static void on_segv_exit(int sig) { _exit(sig == SIGSEGV ? 42 : 1); }

/* sigaltstack: a SIGSEGV from running out of stack is caught on a stack of its own. */
static char altstack[16384];

static void on_segv_altstack(int sig)
{
	char here;
	stack_t now, other = { altstack, 0, sizeof altstack };
	int inside = &here >= altstack && &here < altstack + sizeof altstack;
	int flagged = sigaltstack(NULL, &now) == 0 && (now.ss_flags & SS_ONSTACK);
	int eperm = sigaltstack(&other, NULL) == -1 && errno == EPERM;   /* not while on it */
	_exit(sig == SIGSEGV && inside && flagged && eperm ? 42 : 43);
}

static int recurse(int n)
{
	volatile char pad[512];
	pad[0] = (char)n;
	if (n == -1)                          /* never: it runs out of stack first */
		return 0;
	return recurse(n + 1) + pad[0];       /* not a tail call: every level keeps its frame */
}

static void overflow_on_altstack(void)
{
	stack_t ss = { altstack, 0, sizeof altstack };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_segv_altstack;
	sa.sa_flags = SA_ONSTACK;
	if (sigaltstack(&ss, NULL) != 0 || sigaction(SIGSEGV, &sa, NULL) != 0)
		_exit(2);
	_exit(recurse(0));
}

static void install(int sig, void (*fn)(int), unsigned long flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(sig, &sa, NULL), 0);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);

	section("a handler runs, and the program goes on with its registers");
	install(SIGUSR1, on_signal, 0);
	volatile int keep = 12345;
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	CHECK_EQ(hits, 1);
	CHECK_EQ(last_sig, SIGUSR1);
	CHECK_EQ(keep, 12345);

	section("SA_SIGINFO: the handler gets the signal number in its siginfo");
	struct sigaction sa = { .sa_sigaction = on_siginfo, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	CHECK_EQ(hits, 2);
	CHECK_EQ(info_signo, SIGUSR2);

	section("floating point survives a handler that uses it");
	install(SIGUSR1, on_signal_fpu, 0);
	volatile double d = 1.25;
	double before = d * 3.0;
	kill(getpid(), SIGUSR1);
	CHECK(d * 3.0 == before && before == 3.75);

	section("a blocked signal waits, shows as pending, and comes when unblocked");
	install(SIGUSR1, on_signal, 0);
	sigset_t set, pending;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	int before_hits = hits;
	kill(getpid(), SIGUSR1);
	CHECK_EQ(hits, before_hits);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK_EQ(sigismember(&pending, SIGUSR1), 1);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	CHECK_EQ(hits, before_hits + 1);

	/* Linux keeps what is sent to the thread (tkill, tgkill) apart from what is sent to the
	 * process (kill), and queues every real-time signal (signal(7)). */
	section("blocked: SIGUSR1 by kill and by tgkill comes twice, a real-time signal sent 3 times 3 times");
	install(34, on_signal, 0);
	sigaddset(&set, 34);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	before_hits = hits;
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);                                /* the same again: no change */
	syscall(__NR_tgkill, getpid(), getpid(), SIGUSR1);
	for (int i = 0; i < 3; i++)
		kill(getpid(), 34);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	CHECK_EQ(hits, before_hits + 2 + 3);

	section("a blocked signal is kept even while ignored: a handler set before unblocking gets it");
	sigemptyset(&set);
	sigaddset(&set, SIGURG);
	signal(SIGURG, SIG_IGN);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	kill(getpid(), SIGURG);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK_EQ(sigismember(&pending, SIGURG), 1);
	install(SIGURG, on_signal, 0);
	before_hits = hits;
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	CHECK_EQ(hits, before_hits + 1);
	CHECK_EQ(last_sig, SIGURG);

	section("sigaltstack: set, read back, refused sizes and flags, disabled");
	stack_t ss, old;
	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK_EQ(old.ss_flags, SS_DISABLE);
	ss = (stack_t){ altstack, 0, 1000 };
	CHECK_ERR(sigaltstack(&ss, NULL), ENOMEM);
	ss = (stack_t){ altstack, 5, sizeof altstack };
	CHECK_ERR(sigaltstack(&ss, NULL), EINVAL);
	ss = (stack_t){ altstack, 0, sizeof altstack };
	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK(old.ss_sp == altstack && old.ss_flags == 0 && old.ss_size == sizeof altstack);
	ss = (stack_t){ NULL, SS_DISABLE, 0 };
	CHECK_EQ(sigaltstack(&ss, &old), 0);
	CHECK(old.ss_sp == altstack && old.ss_flags == 0);
	CHECK_EQ(sigaltstack(NULL, &old), 0);
	CHECK_EQ(old.ss_flags, SS_DISABLE);

	section("a stack overflow is caught by a SIGSEGV handler on the signal stack (it exits 42)");
	int ost = status_of(overflow_on_altstack);
	CHECK(WIFEXITED(ost) && WEXITSTATUS(ost) == 42);
	if (!(WIFEXITED(ost) && WEXITSTATUS(ost) == 42))
		printf("     got %s\n", status_text(ost));

	section("SIG_IGN: SIGTERM does nothing");
	install(SIGTERM, SIG_IGN, 0);
	CHECK_EQ(kill(getpid(), SIGTERM), 0);
	install(SIGTERM, SIG_DFL, 0);

	section("a sleep is interrupted: nanosleep says EINTR after the handler ran");
	pid_t parent = getpid(), child = fork();
	if (child == 0) {
		struct timespec t = { 0, 100 * 1000 * 1000 };
		nanosleep(&t, NULL);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	before_hits = hits;
	struct timespec t = { 5, 0 };
	CHECK_ERR(nanosleep(&t, NULL), EINTR);
	CHECK_EQ(hits, before_hits + 1);
	int st;
	CHECK_EQ(waitpid(child, &st, 0), child);

	section("a read interrupted by a handler: EINTR, or carried on with SA_RESTART");
	for (int restart = 0; restart < 2; restart++) {
		int fds[2];
		CHECK_EQ(pipe(fds), 0);
		install(SIGUSR1, on_signal, restart ? SA_RESTART : 0);
		child = fork();
		if (child == 0) {
			struct timespec t = { 0, 50 * 1000 * 1000 };
			nanosleep(&t, NULL);
			kill(parent, SIGUSR1);
			nanosleep(&t, NULL);
			write(fds[1], "x", 1);
			_exit(0);
		}
		close(fds[1]);
		before_hits = hits;
		char c = 0;
		if (restart) {
			CHECK_EQ(read(fds[0], &c, 1), 1);      /* the handler ran, then the read went on */
			CHECK_EQ(c, 'x');
		} else {
			CHECK_ERR(read(fds[0], &c, 1), EINTR);
		}
		CHECK_EQ(hits, before_hits + 1);
		CHECK_EQ(waitpid(child, &st, 0), child);
		close(fds[0]);
	}

	section("a fault can be caught: the SIGSEGV handler runs (and exits 42)");
	child = fork();
	if (child == 0) {
		install(SIGSEGV, on_segv_exit, 0);
		*(volatile int *)0 = 1;
		_exit(1);
	}
	CHECK_EQ(waitpid(child, &st, 0), child);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42);

	section("SA_RESETHAND: the first SIGUSR1 is caught, the second kills");
	child = fork();
	if (child == 0) {
		install(SIGUSR1, on_signal, SA_RESETHAND);
		kill(getpid(), SIGUSR1);
		if (hits == 0)
			_exit(2);
		kill(getpid(), SIGUSR1);
		_exit(3);
	}
	CHECK_EQ(waitpid(child, &st, 0), child);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1);

	section("SIGKILL cannot be caught");
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	return check_done();
}
