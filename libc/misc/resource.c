/* Resource usage and limits: getrusage(2), prlimit64(2). */
#include <sys/resource.h>
#include "syscall.h"

int getrusage(int who, struct rusage *ru)
{
	return __sys(__NR_getrusage, who, ru);
}

/* struct rlimit is already prlimit64's layout (two u64), so no copying. */
int prlimit(pid_t pid, int resource, const struct rlimit *new_rl, struct rlimit *old_rl)
{
	return __sys(__NR_prlimit64, pid, resource, new_rl, old_rl);
}

int getrlimit(int resource, struct rlimit *rl)
{
	return prlimit(0, resource, 0, rl);
}

int setrlimit(int resource, const struct rlimit *rl)
{
	return prlimit(0, resource, rl, 0);
}
