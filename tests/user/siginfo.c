/*
 * What a SA_SIGINFO handler learns from its siginfo (sigaction(2)): where the signal came from.
 *   - kill: si_code SI_USER and the sender's pid; tgkill: SI_TKILL and the pid (glibc's
 *     pthread_cancel ignores a SIGCANCEL that does not say SI_TKILL and our pid);
 *   - a timer: SI_KERNEL;
 *   - a write to a pipe nobody reads: SIGPIPE, SI_USER and our own pid;
 *   - a fault: SIGSEGV with SEGV_MAPERR where nothing is mapped, SEGV_ACCERR where the mapping
 *     does not allow the access, and si_addr the address the instruction touched.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include "check.h"

static volatile int got_signo, got_code;
static volatile pid_t got_pid;
static void *volatile got_addr;

static void record(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	got_signo = sig;
	got_code = info->si_code;
	got_pid = info->si_pid;
}

static void catch(int sig)
{
	struct sigaction sa = { .sa_sigaction = record, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(sig, &sa, NULL), 0);
	got_signo = got_code = got_pid = 0;
}

/* A fault's handler: the child exits 42 when the siginfo says code at want_addr. */
static volatile int want_code;
static void *volatile want_addr;

static void on_fault(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	_exit(sig == SIGSEGV && info->si_code == want_code && info->si_addr == want_addr ? 42 : 43);
}

/* In a child: touch addr (a write if write), which must fault with code. */
static int fault_status(char *addr, int write, int code)
{
	pid_t pid = xfork();
	if (pid == 0) {
		struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };
		sigemptyset(&sa.sa_mask);
		sigaction(SIGSEGV, &sa, NULL);
		want_code = code;
		want_addr = addr;
		if (write)
			*(volatile char *)addr = 1;
		else
			(void)*(volatile char *)addr;
		_exit(44);			/* no fault at all */
	}
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	pid_t me = getpid();

	section("kill: SI_USER and the sender's pid");
	catch(SIGUSR1);
	CHECK_EQ(kill(me, SIGUSR1), 0);
	CHECK_EQ(got_signo, SIGUSR1);
	CHECK_EQ(got_code, SI_USER);
	CHECK_EQ(got_pid, me);

	section("tgkill: SI_TKILL and the sender's pid");
	catch(SIGUSR2);
	CHECK_EQ(syscall(__NR_tgkill, me, syscall(__NR_gettid), SIGUSR2), 0);
	CHECK_EQ(got_signo, SIGUSR2);
	CHECK_EQ(got_code, SI_TKILL);
	CHECK_EQ(got_pid, me);

	section("a timer: SI_KERNEL");
	catch(SIGALRM);
	struct itimerval t = { { 0, 0 }, { 0, 10000 } };
	CHECK_EQ(setitimer(ITIMER_REAL, &t, NULL), 0);
	while (!got_signo)
		pause();
	CHECK_EQ(got_signo, SIGALRM);
	CHECK_EQ(got_code, SI_KERNEL);

	section("SIGPIPE: SI_USER, sent by the writer to itself");
	catch(SIGPIPE);
	int fds[2];
	CHECK_EQ(pipe(fds), 0);
	close(fds[0]);
	CHECK_ERR(write(fds[1], "x", 1), EPIPE);
	CHECK_EQ(got_signo, SIGPIPE);
	CHECK_EQ(got_code, SI_USER);
	CHECK_EQ(got_pid, me);
	close(fds[1]);

	section("a fault: SEGV_MAPERR or SEGV_ACCERR, and the address in si_addr");
	char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED);
	CHECK_EQ(fault_status(page + 100, 1, SEGV_ACCERR), 42);		/* read-only */
	CHECK_EQ(munmap(page, 4096), 0);
	CHECK_EQ(fault_status(page + 200, 0, SEGV_MAPERR), 42);		/* gone */
	return check_done();
}
