/*
 * Clocks (clock_gettime(2), gettimeofday(2), nanosleep(2)): the real-time clock carries today's
 * date, the monotonic clock never runs back and resolves well below the 10 ms timer tick, and a
 * sleep lasts at least as long as asked.
 */
#include <sys/time.h>
#include <time.h>
#include "check.h"

#define YEAR_2024 1704067200LL          /* 2024-01-01 00:00:00 UTC */
#define YEAR_2100 4102444800LL

static long long ns_of(const struct timespec *t) { return t->tv_sec * 1000000000LL + t->tv_nsec; }

static long long now_ns(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return ns_of(&t);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);

	section("CLOCK_REALTIME and gettimeofday give a date between 2024 and 2100, and agree");
	struct timespec rt;
	struct timeval tv;
	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &rt), 0);
	CHECK_EQ(gettimeofday(&tv, NULL), 0);
	CHECK(rt.tv_sec > YEAR_2024 && rt.tv_sec < YEAR_2100);
	long long diff = tv.tv_sec * 1000000LL + tv.tv_usec - ns_of(&rt) / 1000;
	CHECK(diff >= 0 && diff < 100000);
	CHECK(time(NULL) >= rt.tv_sec && time(NULL) - rt.tv_sec < 2);

	section("CLOCK_MONOTONIC never runs back, and moves in steps far below 10 ms");
	long long prev = now_ns(CLOCK_MONOTONIC), smallest = 1000000000LL;
	int backwards = 0;
	for (int i = 0; i < 200000; i++) {
		long long t = now_ns(CLOCK_MONOTONIC);
		if (t < prev)
			backwards++;
		else if (t > prev && t - prev < smallest)
			smallest = t - prev;
		prev = t;
	}
	printf("  smallest step seen: %lld ns\n", smallest);
	CHECK_EQ(backwards, 0);
	CHECK(smallest < 1000000);            /* under a millisecond: not tick-sized steps */

	section("nanosleep(50 ms) sleeps at least 50 ms");
	struct timespec nap = { 0, 50 * 1000 * 1000 };
	long long before = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ(nanosleep(&nap, NULL), 0);
	long long slept = now_ns(CLOCK_MONOTONIC) - before;
	printf("  slept %lld us\n", slept / 1000);
	CHECK(slept >= 50000000LL && slept < 1000000000LL);
	return check_done();
}
