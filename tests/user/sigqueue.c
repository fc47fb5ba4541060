/*
 * Real-time signals and taking signals without a handler (signal(7), sigqueue(3),
 * sigtimedwait(2)):
 *   - sigqueue's value and SI_QUEUE reach a handler and sigwaitinfo; each real-time signal
 *     sent is queued with its own siginfo and taken in order, lowest number first;
 *   - a standard signal is pending once: a second one is dropped, the first sender's siginfo
 *     stays (from two children: the first one's pid);
 *   - sigtimedwait: a time-out (EAGAIN), a signal from another process waking it, another
 *     signal's handler ending it (EINTR), an ignored signal it waits for still reaching it,
 *     a thread taking the signal sent to it;
 *   - rt_sigqueueinfo's rules: a code that only kill or the kernel may give (SI_USER, ...) is
 *     refused (EPERM) unless a process signals itself; bad pointers, sizes and numbers.
 * On pagewise, a queue holds 1024 real-time signals with their siginfo: the next sigqueue
 * fails with EAGAIN (Linux's limit is RLIMIT_SIGPENDING, counted per user).
 */
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include "check.h"

static sigset_t just(int sig)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	return s;
}

static void block(int sig)
{
	sigset_t s = just(sig);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &s, NULL), 0);
}

/* Nothing of sig is pending: a wait of no time says so. */
static int none_pending(int sig)
{
	sigset_t s = just(sig);
	struct timespec zero = { 0, 0 };
	return sigtimedwait(&s, NULL, &zero) == -1 && errno == EAGAIN;
}

static int queue_int(pid_t pid, int sig, int v)
{
	return sigqueue(pid, sig, (union sigval){ .sival_int = v });
}

/* Take sig (blocked) and check its siginfo: code, pid, and for SI_QUEUE the value. */
static void take(int sig, int code, pid_t pid, int value)
{
	sigset_t s = just(sig);
	siginfo_t info;
	memset(&info, 0, sizeof info);
	CHECK_EQ(sigwaitinfo(&s, &info), sig);
	CHECK_EQ(info.si_signo, sig);
	CHECK_EQ(info.si_code, code);
	CHECK_EQ(info.si_pid, pid);
	if (code == SI_QUEUE) {
		CHECK_EQ(info.si_uid, getuid());
		CHECK_EQ(info.si_int, value);
	}
}

static volatile int got_sig, got_code, got_int, handled;
static void *volatile got_ptr;

static void record(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = info->si_code;
	got_int = info->si_int;
	got_ptr = info->si_ptr;
	handled++;
}

static void catch(int sig)
{
	struct sigaction sa = { .sa_sigaction = record, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(sig, &sa, NULL), 0);
	got_sig = got_code = got_int = handled = 0;
	got_ptr = NULL;
}

/* A child that sends sig to the parent with kill after ms milliseconds, then exits. */
static pid_t kill_later(int sig, int ms)
{
	pid_t parent = getpid(), pid = xfork();
	if (pid == 0) {
		usleep((useconds_t)ms * 1000);
		_exit(kill(parent, sig) == 0 ? 0 : 1);
	}
	CHECK(pid > 0);
	return pid;
}

static void reap(pid_t pid)
{
	int st = -1;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_STATUS(st, EXITED(0));
}

static volatile pid_t thread_tid;
static volatile int thread_value;

static void *take_in_thread(void *arg)
{
	(void)arg;
	sigset_t s = just(SIGRTMIN + 4);
	siginfo_t info;
	thread_tid = (pid_t)syscall(__NR_gettid);
	if (sigwaitinfo(&s, &info) == SIGRTMIN + 4 && info.si_code == SI_QUEUE)
		thread_value = info.si_int;
	return NULL;
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	pid_t me = getpid();

	section("sigqueue: one real-time signal three times, taken in order with its values");
	block(SIGRTMIN);
	CHECK_EQ(queue_int(me, SIGRTMIN, 1), 0);
	CHECK_EQ(queue_int(me, SIGRTMIN, 2), 0);
	CHECK_EQ(queue_int(me, SIGRTMIN, 3), 0);
	sigset_t pend;
	CHECK_EQ(sigpending(&pend), 0);
	CHECK_EQ(sigismember(&pend, SIGRTMIN), 1);
	take(SIGRTMIN, SI_QUEUE, me, 1);
	take(SIGRTMIN, SI_QUEUE, me, 2);
	take(SIGRTMIN, SI_QUEUE, me, 3);
	CHECK(none_pending(SIGRTMIN));
	CHECK_EQ(sigpending(&pend), 0);
	CHECK_EQ(sigismember(&pend, SIGRTMIN), 0);

	section("real-time signals: the lowest number first, each kind in the order sent");
	block(SIGRTMIN + 2);
	CHECK_EQ(queue_int(me, SIGRTMIN + 2, 20), 0);
	CHECK_EQ(queue_int(me, SIGRTMIN, 10), 0);
	CHECK_EQ(queue_int(me, SIGRTMIN + 2, 21), 0);
	sigset_t both = just(SIGRTMIN);
	sigaddset(&both, SIGRTMIN + 2);
	siginfo_t info;
	CHECK_EQ(sigwaitinfo(&both, &info), SIGRTMIN);
	CHECK_EQ(info.si_int, 10);
	CHECK_EQ(sigwaitinfo(&both, &info), SIGRTMIN + 2);
	CHECK_EQ(info.si_int, 20);
	CHECK_EQ(sigwaitinfo(&both, &info), SIGRTMIN + 2);
	CHECK_EQ(info.si_int, 21);

	section("a standard signal is pending once, with the first sender's siginfo");
	block(SIGUSR1);
	CHECK_EQ(queue_int(me, SIGUSR1, 5), 0);
	CHECK_EQ(queue_int(me, SIGUSR1, 6), 0);	/* dropped */
	take(SIGUSR1, SI_QUEUE, me, 5);
	CHECK(none_pending(SIGUSR1));
	block(SIGUSR2);
	pid_t first = kill_later(SIGUSR2, 0);
	reap(first);
	pid_t second = kill_later(SIGUSR2, 0);
	reap(second);
	take(SIGUSR2, SI_USER, first, 0);
	CHECK(none_pending(SIGUSR2));

	section("kill of a real-time signal by three children: three, each with its sender");
	block(SIGRTMIN + 1);
	pid_t senders[3];
	for (int i = 0; i < 3; i++) {
		senders[i] = kill_later(SIGRTMIN + 1, 0);
		reap(senders[i]);
	}
	for (int i = 0; i < 3; i++)
		take(SIGRTMIN + 1, SI_USER, senders[i], 0);
	CHECK(none_pending(SIGRTMIN + 1));

	section("a SA_SIGINFO handler gets sigqueue's value, int or pointer");
	catch(SIGRTMIN + 3);
	CHECK_EQ(queue_int(me, SIGRTMIN + 3, 77), 0);
	CHECK_EQ(handled, 1);
	CHECK_EQ(got_sig, SIGRTMIN + 3);
	CHECK_EQ(got_code, SI_QUEUE);
	CHECK_EQ(got_int, 77);
	static int cookie;
	CHECK_EQ(sigqueue(me, SIGRTMIN + 3, (union sigval){ .sival_ptr = &cookie }), 0);
	CHECK_EQ(handled, 2);
	CHECK(got_ptr == &cookie);

	section("sigtimedwait: a time-out, a wake from another process, EINTR");
	struct timespec t50 = { 0, 50 * 1000 * 1000 }, t5s = { 5, 0 };
	sigset_t rt = just(SIGRTMIN);
	long t0 = now_ms();
	CHECK_ERR(sigtimedwait(&rt, &info, &t50), EAGAIN);
	long waited = now_ms() - t0;
	CHECK(waited >= 40 && waited < 2000);
	pid_t waker = kill_later(SIGRTMIN, 50);
	memset(&info, 0, sizeof info);
	CHECK_EQ(sigtimedwait(&rt, &info, &t5s), SIGRTMIN);
	CHECK_EQ(info.si_code, SI_USER);
	CHECK_EQ(info.si_pid, waker);
	reap(waker);
	catch(SIGALRM);
	pid_t interrupter = kill_later(SIGALRM, 50);
	t0 = now_ms();
	CHECK_ERR(sigtimedwait(&rt, &info, &t5s), EINTR);
	CHECK(now_ms() - t0 < 4000);
	CHECK_EQ(handled, 1);
	CHECK_EQ(got_sig, SIGALRM);
	reap(interrupter);
	int sig = 0;
	pid_t waker2 = kill_later(SIGRTMIN, 20);
	CHECK_EQ(sigwait(&rt, &sig), 0);
	CHECK_EQ(sig, SIGRTMIN);
	reap(waker2);
	/* Ignored, but blocked and waited for: sent while the wait lets it through, it is not
	 * dropped (Linux's sig_ignored looks at the mask from before the wait). */
	signal(SIGRTMIN + 6, SIG_IGN);
	block(SIGRTMIN + 6);
	sigset_t ign = just(SIGRTMIN + 6);
	pid_t waker3 = kill_later(SIGRTMIN + 6, 50);
	CHECK_EQ(sigtimedwait(&ign, &info, &t5s), SIGRTMIN + 6);
	reap(waker3);

	section("rt_tgsigqueueinfo: to one thread, which takes it with sigwaitinfo");
	block(SIGRTMIN + 4);	/* and the thread inherits the mask */
	pthread_t th;
	CHECK_EQ(pthread_create(&th, NULL, take_in_thread, NULL), 0);
	CHECK(poll_at_least((volatile int *)&thread_tid, 1, 5000));
	siginfo_t out;
	memset(&out, 0, sizeof out);
	out.si_signo = SIGRTMIN + 4;
	out.si_code = SI_QUEUE;
	out.si_pid = me;
	out.si_uid = (int)getuid();
	out.si_int = 9;
	CHECK_EQ(syscall(__NR_rt_tgsigqueueinfo, me, thread_tid, SIGRTMIN + 4, &out), 0);
	CHECK_EQ(pthread_join(th, NULL), 0);
	CHECK_EQ(thread_value, 9);

	section("rt_sigqueueinfo's rules and errors");
	out.si_code = SI_USER;	/* a process may say so of itself... */
	out.si_pid = 12345;
	CHECK_EQ(syscall(__NR_rt_sigqueueinfo, me, SIGRTMIN, &out), 0);
	take(SIGRTMIN, SI_USER, 12345, 0);
	pid_t other = kill_later(0, 500);	/* ... but not to another */
	CHECK_ERR(syscall(__NR_rt_sigqueueinfo, other, SIGRTMIN, &out), EPERM);
	out.si_code = SI_TKILL;
	CHECK_ERR(syscall(__NR_rt_sigqueueinfo, other, SIGRTMIN, &out), EPERM);
	out.si_code = SI_KERNEL;
	CHECK_ERR(syscall(__NR_rt_sigqueueinfo, other, SIGRTMIN, &out), EPERM);
	reap(other);
	CHECK_EQ(queue_int(me, 0, 1), 0);	/* signal 0: only "does it exist" */
	CHECK_ERR(queue_int(other, SIGRTMIN, 1), ESRCH);	/* reaped */
	CHECK_ERR(queue_int(me, 65, 1), EINVAL);
	CHECK_ERR(syscall(__NR_rt_sigqueueinfo, me, SIGRTMIN, (void *)16), EFAULT);
	CHECK_ERR(syscall(__NR_rt_tgsigqueueinfo, me, 0, SIGRTMIN, &out), EINVAL);
	CHECK_ERR(syscall(__NR_rt_sigtimedwait, &rt, NULL, NULL, 4), EINVAL);
	CHECK_ERR(syscall(__NR_rt_sigtimedwait, (void *)16, NULL, NULL, 8), EFAULT);
	struct timespec bad = { 0, 1000000000 };
	CHECK_ERR(sigtimedwait(&rt, NULL, &bad), EINVAL);
	CHECK_ERR(sigtimedwait(&rt, NULL, (void *)16), EFAULT);
	CHECK_EQ(queue_int(me, SIGRTMIN, 3), 0);	/* taken, then its siginfo has nowhere to go */
	CHECK_ERR(sigtimedwait(&rt, (void *)16, NULL), EFAULT);
	CHECK(none_pending(SIGRTMIN));

	if (on_pagewise()) {
		section("pagewise: 1024 real-time signals queued, then EAGAIN; all come back in order");
		struct rlimit rl;
		CHECK_EQ(getrlimit(RLIMIT_SIGPENDING, &rl), 0);
		CHECK_EQ(rl.rlim_cur, 1024);	/* what getrlimit says is the queue's size */
		block(SIGRTMIN + 5);
		int sent = 0;
		while (sent < 1024 && queue_int(me, SIGRTMIN + 5, sent) == 0)
			sent++;
		CHECK_EQ(sent, 1024);
		CHECK_ERR(queue_int(me, SIGRTMIN + 5, sent), EAGAIN);
		int in_order = 0;
		sigset_t s5 = just(SIGRTMIN + 5);
		for (int i = 0; i < 1024; i++)
			in_order += sigwaitinfo(&s5, &info) == SIGRTMIN + 5 && info.si_int == i;
		CHECK_EQ(in_order, 1024);
		CHECK(none_pending(SIGRTMIN + 5));
	}
	return check_done();
}
