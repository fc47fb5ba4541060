/* sleep SECONDS: wait that long (decimal fractions allowed: "0.25"), with nanosleep(2). */
#include <stdio.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 0 };
	const char *p;
	long scale = 100000000;	/* nanoseconds of the first decimal digit */

	if (argc != 2) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 1;
	}
	for (p = argv[1]; *p >= '0' && *p <= '9'; p++)
		ts.tv_sec = ts.tv_sec * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
			ts.tv_nsec += (*p - '0') * scale;
	if (*p || p == argv[1]) {
		fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[1]);
		return 1;
	}
	if (nanosleep(&ts, NULL) != 0) {
		perror("sleep");
		return 1;
	}
	return 0;
}
