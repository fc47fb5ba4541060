/*
 * Timers and waiting for signals: alarm(2), setitimer(2)/getitimer(2), pause(2),
 * sigsuspend(2), clock_nanosleep(2) and clock_getres(2), mostly through the raw system calls,
 * so that the same checks hold on pagewise and on Linux.
 *
 *   - alarm returns what was left of the previous timer, in (rounded) seconds;
 *   - a one-shot timer sends one SIGALRM after its time, which ends pause() with EINTR;
 *   - an interval timer keeps firing; getitimer shows it; a zero value disarms it;
 *   - sigsuspend waits with a temporary mask and puts the old one back;
 *   - a forked child starts without its parent's timers;
 *   - ITIMER_VIRTUAL counts user time only: sleeping does not bring SIGVTALRM closer,
 *     running does; ITIMER_PROF with an interval fires again and again while we run;
 *   - clock_nanosleep sleeps relative or until an absolute time.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include "check.h"

struct itv { int32_t interval_sec, interval_usec, value_sec, value_usec; };

static volatile int alarms;

static void on_alarm(int sig) { (void)sig; alarms++; }

static volatile int vtalrms, profs;

static void on_cpu_timer(int sig)
{
	if (sig == SIGVTALRM)
		vtalrms++;
	else
		profs++;
}

/* Run in user mode until *count reaches want, or 3 s have gone by. */
static void spin_until(volatile int *count, int want)
{
	long t0 = now_ms();
	while (*count < want && now_ms() - t0 < 3000)
		for (volatile int i = 0; i < 100000; i++)
			;
}

static long timer_left_us(int which)
{
	struct itimerval v;
	if (getitimer(which, &v) < 0)
		return -1;
	return v.it_value.tv_sec * 1000000L + v.it_value.tv_usec;
}

static void cpu_timers(void)
{
	struct itimerval v = { { 0, 0 }, { 0, 30000 } }, off = { { 0, 0 }, { 0, 0 } };

	signal(SIGVTALRM, on_cpu_timer);
	signal(SIGPROF, on_cpu_timer);

	section("ITIMER_VIRTUAL of 30 ms: sleeping does not bring it closer, running does");
	CHECK_EQ(setitimer(ITIMER_VIRTUAL, &v, NULL), 0);
	struct timespec nap = { 0, 100 * 1000 * 1000 };
	nanosleep(&nap, NULL);
	CHECK_EQ(vtalrms, 0);
	long left = timer_left_us(ITIMER_VIRTUAL);
	CHECK(left > 0 && left <= 40000);	/* armed a tick later than asked, at most */
	clock_t c0 = clock();
	spin_until(&vtalrms, 1);
	CHECK_EQ(vtalrms, 1);
	/* Not early: the CPU time it took is what was left, give or take a tick of sampling
	 * (10 ms: on Linux the two clocks are sampled at different moments). */
	CHECK((clock() - c0) / (CLOCKS_PER_SEC / 1000) >= left / 1000 - 10);
	CHECK_EQ(timer_left_us(ITIMER_VIRTUAL), 0);		/* one-shot: disarmed */

	section("ITIMER_PROF of 20 ms, every 20 ms: SIGPROF again and again while we run");
	v = (struct itimerval){ { 0, 20000 }, { 0, 20000 } };
	CHECK_EQ(setitimer(ITIMER_PROF, &v, NULL), 0);
	spin_until(&profs, 3);
	CHECK(profs >= 3);
	struct itimerval old;
	CHECK_EQ(setitimer(ITIMER_PROF, &off, &old), 0);
	CHECK(old.it_interval.tv_sec == 0 && old.it_interval.tv_usec == 20000);
	CHECK_EQ(timer_left_us(ITIMER_PROF), 0);

	section("a forked child starts without its parent's CPU timers");
	v = (struct itimerval){ { 0, 0 }, { 10, 0 } };
	CHECK_EQ(setitimer(ITIMER_VIRTUAL, &v, NULL), 0);
	pid_t pid = xfork();
	if (pid == 0)
		_exit(timer_left_us(ITIMER_VIRTUAL) == 0 ? 0 : 1);
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(timer_left_us(ITIMER_VIRTUAL) > 9000000);
	CHECK_EQ(setitimer(ITIMER_VIRTUAL, &off, NULL), 0);
	signal(SIGVTALRM, SIG_DFL);
	signal(SIGPROF, SIG_DFL);
}

static long set_timer(long value_ms, long interval_ms, struct itv *old)
{
	struct itv v = { (int32_t)(interval_ms / 1000), (int32_t)(interval_ms % 1000 * 1000),
			 (int32_t)(value_ms / 1000), (int32_t)(value_ms % 1000 * 1000) };
	return syscall(__NR_setitimer, 0 /* ITIMER_REAL */, &v, old);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct itv cur, old;
	uint64_t mask = 0, blocked = 0;
	long t0;

	check_init(argc, argv);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);

	section("alarm returns the seconds left of the timer before it");
	CHECK_EQ(syscall(__NR_alarm, 5), 0);
	CHECK_EQ(syscall(__NR_alarm, 3), 5);
	CHECK_EQ(syscall(__NR_alarm, 0), 3);
	CHECK_EQ(syscall(__NR_getitimer, 0, &cur), 0);
	CHECK(cur.value_sec == 0 && cur.value_usec == 0);

	section("a one-shot timer of 30 ms: pause() ends with EINTR after one SIGALRM");
	t0 = now_ms();
	CHECK_EQ(set_timer(30, 0, NULL), 0);
	CHECK_ERR(syscall(__NR_pause), EINTR);
	CHECK_EQ(alarms, 1);
	CHECK(now_ms() - t0 >= 29);
	CHECK_EQ(syscall(__NR_getitimer, 0, &cur), 0);
	CHECK(cur.value_sec == 0 && cur.value_usec == 0);     /* one-shot: disarmed now */

	section("an interval timer of 20 ms fires again and again; a zero value disarms it");
	alarms = 0;
	CHECK_EQ(set_timer(20, 20, NULL), 0);
	for (int i = 0; i < 5; i++)
		CHECK_ERR(syscall(__NR_pause), EINTR);
	CHECK_EQ(alarms, 5);
	CHECK_EQ(syscall(__NR_getitimer, 0, &cur), 0);
	CHECK(cur.interval_sec == 0 && cur.interval_usec == 20000);
	CHECK(cur.value_sec == 0 && cur.value_usec > 0 && cur.value_usec <= 20000);
	CHECK_EQ(set_timer(0, 0, &old), 0);
	CHECK(old.interval_usec == 20000 && old.value_usec > 0);
	CHECK_EQ(syscall(__NR_getitimer, 0, &cur), 0);
	CHECK(cur.value_sec == 0 && cur.value_usec == 0 && cur.interval_usec == 0);

	section("setitimer refuses microseconds past a second, and a timer that does not exist");
	struct itv bad = { 0, 0, 0, 1000000 };
	CHECK_ERR(syscall(__NR_setitimer, 0, &bad, NULL), EINVAL);
	CHECK_ERR(syscall(__NR_setitimer, 99, &bad, NULL), EINVAL);

	section("sigsuspend waits with a temporary mask, then the old mask is back");
	alarms = 0;
	mask = 1ull << (SIGALRM - 1);
	CHECK_EQ(syscall(__NR_rt_sigprocmask, SIG_BLOCK, &mask, NULL, 8), 0);
	CHECK_EQ(set_timer(20, 0, NULL), 0);
	mask = 0;
	CHECK_ERR(syscall(__NR_rt_sigsuspend, &mask, 8), EINTR);
	CHECK_EQ(alarms, 1);
	CHECK_EQ(syscall(__NR_rt_sigprocmask, SIG_BLOCK, NULL, &blocked, 8), 0);
	CHECK(blocked & (1ull << (SIGALRM - 1)));
	mask = 1ull << (SIGALRM - 1);
	CHECK_EQ(syscall(__NR_rt_sigprocmask, SIG_UNBLOCK, &mask, NULL, 8), 0);

	section("a forked child starts without its parent's timer");
	CHECK_EQ(syscall(__NR_alarm, 10), 0);
	pid_t pid = xfork();
	if (pid == 0)
		_exit((int)syscall(__NR_alarm, 0));
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_EQ(syscall(__NR_alarm, 0), 10);

	section("clock_nanosleep: 20 ms relative, until now + 20 ms absolute; clock_getres");
	struct { int32_t sec, nsec; } ts = { 0, 20000000 }, res = { -1, -1 };
	t0 = now_ms();
	CHECK_EQ(syscall(__NR_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, NULL), 0);
	CHECK(now_ms() - t0 >= 19);
	struct timespec abs;
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 20000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	ts.sec = (int32_t)abs.tv_sec;
	ts.nsec = (int32_t)abs.tv_nsec;
	t0 = now_ms();
	CHECK_EQ(syscall(__NR_clock_nanosleep, CLOCK_MONOTONIC, 1 /* TIMER_ABSTIME */, &ts, NULL), 0);
	CHECK(now_ms() - t0 >= 15);
	ts.nsec = 1000000000;
	CHECK_ERR(syscall(__NR_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, NULL), EINVAL);
	CHECK_EQ(syscall(__NR_clock_getres, CLOCK_MONOTONIC, &res), 0);
	CHECK(res.sec == 0 && res.nsec > 0 && res.nsec <= 10000000);

	cpu_timers();
	return check_done();
}
