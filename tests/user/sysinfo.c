/*
 * sysinfo(2), sched_getaffinity(2), sched_setaffinity(2), sync(2) and syncfs(2):
 *   - sysinfo's total memory is /proc/meminfo's MemTotal (on pagewise), its free memory at
 *     most that, its uptime /proc/uptime's (rounded up), and it counts at least this process;
 *   - the affinity mask has CPU 0 (pagewise has one CPU: the mask is 1, four bytes long);
 *     a length that is not a whole number of longs is EINVAL; setting the mask we have is 0,
 *     an empty one EINVAL;
 *   - sync is 0; syncfs is 0 on an open descriptor, EBADF on a closed one.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include "check.h"

/* The number after name in a /proc file, or -1. */
static long proc_number(const char *path, const char *name)
{
	char buf[1024];
	if (read_text(path, buf, sizeof buf) < 0)
		return -1;
	const char *p = strstr(buf, name);
	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

int main(int argc, char **argv)
{
	struct sysinfo si;
	uint32_t mask[32];

	check_init(argc, argv);

	section("sysinfo: MemTotal, free memory, uptime, processes");
	memset(&si, 0xff, sizeof si);
	CHECK_EQ(sysinfo(&si), 0);
	unsigned long long total = (unsigned long long)si.totalram * si.mem_unit;
	if (on_pagewise())	/* qemu-user passes a 64-bit host's figures on, cut to 32 bits */
		CHECK_EQ(total / 1024, (unsigned long long)proc_number("/proc/meminfo", "MemTotal:"));
	CHECK(si.freeram <= si.totalram && si.freeram > 0);
	long up = proc_number("/proc/uptime", "");
	CHECK(si.uptime >= up && si.uptime <= up + 2);
	CHECK(si.procs >= 1);

	section("sched_getaffinity and sched_setaffinity: CPU 0; EINVAL for odd lengths or no CPU");
	memset(mask, 0, sizeof mask);
	long len = syscall(__NR_sched_getaffinity, 0, sizeof mask, mask);
	CHECK(len >= 4 && (mask[0] & 1));
	if (on_pagewise())
		CHECK(len == 4 && mask[0] == 1);
	CHECK_ERR(syscall(__NR_sched_getaffinity, 0, 6, mask), EINVAL);
	CHECK_ERR(syscall(__NR_sched_getaffinity, 0x3ffffff, 6, mask), EINVAL);	/* before ESRCH */
	CHECK_ERR(syscall(__NR_sched_getaffinity, 0x3ffffff, sizeof mask, mask), ESRCH);
	CHECK_EQ(syscall(__NR_sched_setaffinity, 0, (size_t)len, mask), 0);
	uint32_t none[32] = { 0 };
	CHECK_ERR(syscall(__NR_sched_setaffinity, 0, sizeof none, none), EINVAL);

	section("sync and syncfs");
	CHECK_EQ(syscall(__NR_sync), 0);
	int fd = open("/", O_RDONLY);
	CHECK_EQ(syscall(__NR_syncfs, fd), 0);
	close(fd);
	CHECK_ERR(syscall(__NR_syncfs, fd), EBADF);
	return check_done();
}
