#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <bits/alltypes.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

int gettimeofday(struct timeval *restrict tv, void *restrict tz);

/* Interval timers: SIGALRM after real time, SIGVTALRM after user CPU time, SIGPROF after
 * user and system CPU time; then again every it_interval. */
#define ITIMER_REAL    0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF    2

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict old);
int getitimer(int which, struct itimerval *value);

#endif
