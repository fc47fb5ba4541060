/* struct rusage is Linux's for i386 (include/uapi/linux/resource.h): 72 bytes. */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <bits/alltypes.h>
#include <sys/time.h>

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1		/* the calling thread alone (Linux) */

struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	long ru_maxrss;		/* kilobytes */
	long ru_ixrss;
	long ru_idrss;
	long ru_isrss;
	long ru_minflt;		/* page faults served without I/O */
	long ru_majflt;		/* page faults that needed I/O */
	long ru_nswap;
	long ru_inblock;
	long ru_oublock;
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;
	long ru_nivcsw;
};
_Static_assert(sizeof(struct rusage) == 72, "Linux i386 struct rusage");

/* rlim_t is 64 bits: getrlimit and setrlimit use prlimit64. */
typedef unsigned long long rlim_t;
#define RLIM_INFINITY (~0ULL)

struct rlimit {
	rlim_t rlim_cur;
	rlim_t rlim_max;
};

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15

int getrusage(int who, struct rusage *ru);
int getrlimit(int resource, struct rlimit *rl);
int setrlimit(int resource, const struct rlimit *rl);
int prlimit(pid_t pid, int resource, const struct rlimit *new_rl, struct rlimit *old_rl);

#endif
