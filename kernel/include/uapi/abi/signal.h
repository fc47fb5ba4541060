/* Signal numbers, Linux i386 (arch/x86/include/uapi/asm/signal.h), shared by the kernel and
 * libc. */
#ifndef ABI_SIGNAL_H
#define ABI_SIGNAL_H

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGIOT SIGABRT
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define NSIG 65

/* si_code: where a signal came from (siginfo_t, sigaction(2)). */
#define SI_USER     0                   /* kill; and SIGPIPE, sent by the writer to itself */
#define SI_KERNEL   0x80                /* the kernel: timers, the terminal */
#define SI_QUEUE    (-1)                /* sigqueue (rt_sigqueueinfo) */
#define SI_TKILL    (-6)                /* tkill, tgkill */
#define SEGV_MAPERR 1                   /* SIGSEGV: no mapping at si_addr */
#define SEGV_ACCERR 2                   /* SIGSEGV: a mapping that does not allow the access */
#define BUS_ADRERR  2                   /* SIGBUS: past the end of a mapped file */
#define CLD_EXITED  1                   /* SIGCHLD and waitid: the child exited */
#define CLD_KILLED  2                   /* ... was killed by a signal */
#define CLD_DUMPED  3                   /* ... and dumped core */
#define CLD_STOPPED 5                   /* ... was stopped (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) */
#define CLD_CONTINUED 6                 /* ... was continued (SIGCONT) */

#endif
