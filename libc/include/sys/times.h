#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <bits/alltypes.h>

/* In clock ticks: sysconf(_SC_CLK_TCK) per second (100 on Linux). */
struct tms {
	clock_t tms_utime;
	clock_t tms_stime;
	clock_t tms_cutime;
	clock_t tms_cstime;
};

clock_t times(struct tms *t);

#endif
