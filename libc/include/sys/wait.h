/*
 * Wait status encoding, as Linux builds it (kernel/exit.c): exit status in
 * bits 8-15 with the low 7 bits zero; a fatal signal in bits 0-6 with bit 7
 * for a core dump; 0x7f in the low byte for a stopped child (the signal in
 * bits 8-15); 0xffff for one that was continued.
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <bits/alltypes.h>
#include <signal.h>
#include <sys/resource.h>

#define WNOHANG 1
#define WUNTRACED 2
#define WSTOPPED 2
#define WEXITED 4
#define WCONTINUED 8
#define WNOWAIT 0x01000000

/* waitid's idtype */
typedef enum { P_ALL = 0, P_PID = 1, P_PGID = 2 } idtype_t;

#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s) ((s) & 0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)
#define WCOREDUMP(s) ((s) & 0x80)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSTOPPED(s) (((s) & 0xff) == 0x7f)
#define WIFSIGNALED(s) (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#define WIFCONTINUED(s) ((s) == 0xffff)

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);
/* The child's news in *info (si_pid, si_code CLD_EXITED, CLD_KILLED, CLD_STOPPED or
 * CLD_CONTINUED, si_status); 0. */
int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options);

#endif
