/* Moving bytes through file descriptors: read(2), write(2), and friends. */
#include <errno.h>
#include <sys/uio.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#include "syscall.h"

ssize_t read(int fd, void *buf, size_t n)
{
	return __sys_cp(__NR_read, fd, buf, n);
}

/* pread64(2): i386 passes the 64-bit offset in two registers, low word first. */
ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return __sys_cp(__NR_pread64, fd, buf, n, (unsigned long)off, (unsigned long)((unsigned long long)off >> 32));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return __sys_cp(__NR_write, fd, buf, n);
}

/* pwrite64(2): the offset in two registers, as pread. */
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return __sys_cp(__NR_pwrite64, fd, buf, n, (unsigned long)off, (unsigned long)((unsigned long long)off >> 32));
}

ssize_t readv(int fd, const struct iovec *iov, int count)
{
	return __sys_cp(__NR_readv, fd, iov, count);
}

ssize_t writev(int fd, const struct iovec *iov, int count)
{
	return __sys_cp(__NR_writev, fd, iov, count);
}

ssize_t process_vm_readv(pid_t pid, const struct iovec *local, unsigned long nlocal,
			 const struct iovec *remote, unsigned long nremote, unsigned long flags)
{
	return __sys(__NR_process_vm_readv, pid, local, nlocal, remote, nremote, flags);
}

ssize_t process_vm_writev(pid_t pid, const struct iovec *local, unsigned long nlocal,
			  const struct iovec *remote, unsigned long nremote, unsigned long flags)
{
	return __sys(__NR_process_vm_writev, pid, local, nlocal, remote, nremote, flags);
}

int close(int fd)
{
	return __sys_cp(__NR_close, fd);
}

/*
 * off_t is 64 bits, so lseek is _llseek(2): the kernel takes the offset in
 * two halves and writes the 64-bit result through a pointer.
 */
off_t lseek(int fd, off_t off, int whence)
{
	off_t result;
	long r = __sys(__NR__llseek, fd, (unsigned long long)off >> 32, (unsigned long)off,
		       &result, whence);

	return r < 0 ? -1 : result;
}

int dup(int fd)
{
	return __sys(__NR_dup, fd);
}

int dup2(int fd, int newfd)
{
	return __sys(__NR_dup2, fd, newfd);
}

int pipe(int fds[2])
{
	return __sys(__NR_pipe, fds);
}

int pipe2(int fds[2], int flags)
{
	return __sys(__NR_pipe2, fds, flags);
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	return __sys_cp(__NR_poll, fds, nfds, timeout_ms);
}

/* ppoll and pselect take their time-out as const: the kernel's write-back goes to a copy. */
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const void *mask)
{
	struct timespec t, *tp = timeout ? (t = *timeout, &t) : NULL;
	return __sys_cp(__NR_ppoll, fds, nfds, tp, mask, mask ? sizeof(sigset_t) : 0);
}

int select(int n, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout)
{
	return __sys_cp(__NR__newselect, n, rd, wr, ex, timeout);
}

int pselect(int n, fd_set *rd, fd_set *wr, fd_set *ex, const struct timespec *timeout,
	    const sigset_t *mask)
{
	struct timespec t, *tp = timeout ? (t = *timeout, &t) : NULL;
	unsigned long sig[2] = { (unsigned long)mask, sizeof(sigset_t) };
	return __sys_cp(__NR_pselect6, n, rd, wr, ex, tp, mask ? sig : NULL);
}
