/*
 * fsync, fdatasync and ftruncate on each kind of descriptor, with Linux's answers:
 *   - fsync of a file or directory on the initrd (on Linux: of the disk) is 0; of a pipe,
 *     /dev/null or a /proc file EINVAL (they have no fsync); of a closed descriptor EBADF;
 *   - ftruncate needs a regular file open for writing: a file open to read, a pipe or
 *     /dev/null is EINVAL; a negative length EINVAL; a closed descriptor EBADF.
 */
#include <fcntl.h>
#include <sys/syscall.h>
#include "check.h"

int main(int argc, char **argv)
{
	int fds[2];

	check_init(argc, argv);
	int file = open("/bin/sh", O_RDONLY), dir = open("/", O_RDONLY);
	int null = open("/dev/null", O_WRONLY), proc = open("/proc/meminfo", O_RDONLY);
	CHECK(file >= 0 && dir >= 0 && null >= 0 && proc >= 0);
	CHECK_EQ(pipe(fds), 0);
	int closed = dup(file);
	close(closed);

	section("fsync and fdatasync: 0 for a file or directory, EINVAL for what has no fsync");
	CHECK_EQ(syscall(__NR_fsync, file), 0);
	CHECK_EQ(syscall(__NR_fsync, dir), 0);
	CHECK_EQ(syscall(__NR_fdatasync, file), 0);
	CHECK_ERR(syscall(__NR_fsync, fds[0]), EINVAL);
	CHECK_ERR(syscall(__NR_fsync, fds[1]), EINVAL);
	CHECK_ERR(syscall(__NR_fsync, null), EINVAL);
	CHECK_ERR(syscall(__NR_fdatasync, proc), EINVAL);
	CHECK_ERR(syscall(__NR_fsync, closed), EBADF);

	section("ftruncate: EINVAL unless a regular file open for writing; EBADF; negative length");
	CHECK_ERR(syscall(__NR_ftruncate, file, 0), EINVAL);
	CHECK_ERR(syscall(__NR_ftruncate, fds[1], 0), EINVAL);
	CHECK_ERR(syscall(__NR_ftruncate, null, 0), EINVAL);
	CHECK_ERR(syscall(__NR_ftruncate, closed, 0), EBADF);
	CHECK_ERR(syscall(__NR_ftruncate, null, -1), EINVAL);
	CHECK_ERR(syscall(__NR_ftruncate64, file, 4096, 0), EINVAL);
	CHECK_ERR(syscall(__NR_ftruncate64, closed, 0, 1), EBADF);
	return check_done();
}
