/* Clocks, sleeping and timers: clock_gettime(2), gettimeofday(2), nanosleep(2), times(2),
 * setitimer(2), alarm(2). */
#include <errno.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include "syscall.h"

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	return __sys(__NR_clock_gettime, clk, ts);
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	return __sys(__NR_gettimeofday, tv, tz);
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return (time_t)-1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

/* clock(3): processor time of this process, in CLOCKS_PER_SEC (microseconds). */
clock_t clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return (clock_t)-1;
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

clock_t times(struct tms *t)
{
	return __sys(__NR_times, t);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return __sys_cp(__NR_nanosleep, req, rem);
}

unsigned sleep(unsigned seconds)
{
	struct timespec ts = { .tv_sec = seconds, .tv_nsec = 0 };

	if (nanosleep(&ts, &ts) < 0)
		return ts.tv_sec;
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec ts = { .tv_sec = usec / 1000000, .tv_nsec = (usec % 1000000) * 1000 };

	return nanosleep(&ts, 0);
}

int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict old)
{
	return __sys(__NR_setitimer, which, value, old);
}

int getitimer(int which, struct itimerval *value)
{
	return __sys(__NR_getitimer, which, value);
}

unsigned alarm(unsigned seconds)
{
	return (unsigned)__syscall(__NR_alarm, seconds);
}

int pause(void)
{
	return __sys_cp(__NR_pause);
}
