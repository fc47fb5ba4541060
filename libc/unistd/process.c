/* Processes: fork(2), execve(2), wait4(2), kill(2) and the ids. */
#include <signal.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/sysinfo.h>
#include "pthread_impl.h"
#include "syscall.h"

pid_t fork(void)
{
	__fork_prepare();
	long r = __syscall(__NR_fork);
	if (r == 0)
		__fork_child();
	else
		__fork_parent();
	return __syscall_ret(r);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return __sys(__NR_execve, path, argv, envp);
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* exit_group, not exit: Linux's exit(1) ends only the calling thread. */
void _exit(int status)
{
	for (;;)
		__syscall(__NR_exit_group, status);
}

/* wait and waitpid go through wait4, which every Linux has. */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return __sys_cp(__NR_wait4, pid, status, options, ru);
}

int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options)
{
	return __sys_cp(__NR_waitid, idtype, id, info, options, 0);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, 0);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, 0);
}

int kill(pid_t pid, int sig)
{
	return __sys(__NR_kill, pid, sig);
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

int sched_yield(void)
{
	return __sys(__NR_sched_yield);
}

/* getpid and getppid cannot fail, so they skip __syscall_ret. */
pid_t getpid(void)
{
	return __syscall(__NR_getpid);
}

pid_t getppid(void)
{
	return __syscall(__NR_getppid);
}

/* Process groups and sessions. */
pid_t getpgrp(void)
{
	return __syscall(__NR_getpgrp);
}

pid_t getpgid(pid_t pid)
{
	return __sys(__NR_getpgid, pid);
}

int setpgid(pid_t pid, pid_t pgid)
{
	return __sys(__NR_setpgid, pid, pgid);
}

pid_t setsid(void)
{
	return __sys(__NR_setsid);
}

pid_t getsid(pid_t pid)
{
	return __sys(__NR_getsid, pid);
}

uid_t getuid(void)
{
	return __sys(__NR_getuid32);
}

uid_t geteuid(void)
{
	return __sys(__NR_geteuid32);
}

gid_t getgid(void)
{
	return __sys(__NR_getgid32);
}

gid_t getegid(void)
{
	return __sys(__NR_getegid32);
}

int sysinfo(struct sysinfo *info)
{
	return __sys(__NR_sysinfo, info);
}
