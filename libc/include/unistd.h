#ifndef _UNISTD_H
#define _UNISTD_H

#include <bits/alltypes.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* access() modes */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#define _SC_PAGESIZE 30
#define _SC_PAGE_SIZE _SC_PAGESIZE
#define _SC_CLK_TCK 2

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
/* read at offset off, the file's position untouched */
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
int ftruncate(int fd, off_t len);
int truncate(const char *path, off_t len);
int fsync(int fd);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int dup(int fd);
int dup2(int fd, int newfd);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);	/* O_NONBLOCK, O_CLOEXEC */
int isatty(int fd);
int unlink(const char *path);
int rmdir(const char *path);
int access(const char *path, int mode);
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size);
ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t size);
int unlinkat(int dirfd, const char *path, int flags);
int link(const char *old, const char *new);
int linkat(int olddirfd, const char *old, int newdirfd, const char *new, int flags);
int symlink(const char *target, const char *path);
int symlinkat(const char *target, int dirfd, const char *path);
int faccessat(int dirfd, const char *path, int mode, int flags);
int fchdir(int fd);
int chown(const char *path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);

pid_t fork(void);
pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
__attribute__((__noreturn__)) void _exit(int status);
pid_t getpid(void);
pid_t getppid(void);
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t setsid(void);
pid_t getsid(pid_t pid);
/* The terminal's foreground process group (TIOCGPGRP, TIOCSPGRP). */
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);

int brk(void *end);
void *sbrk(long increment);
int getpagesize(void);
long sysconf(int name);

unsigned sleep(unsigned seconds);
unsigned alarm(unsigned seconds);
int pause(void);
int usleep(useconds_t usec);

/* The raw system call: returns -1 and sets errno like every other wrapper. */
long syscall(long nr, ...);

#endif
