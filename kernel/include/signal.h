/* Linux's signal numbers (i386), and what the rest of the kernel asks of signals. */
#ifndef SIGNAL_H
#define SIGNAL_H

#include <abi/signal.h>
#include <stdint.h>

/* Where a signal came from, as a SA_SIGINFO handler's siginfo says: si_code (SI_USER, ...)
 * and si_pid, the sender's process, and si_uid, or for a fault si_addr, the address; for
 * SIGCHLD also si_status, the child's exit code or the signal that killed it, which sits where
 * sigqueue's si_value does (the same word of siginfo_t's union), so status carries that too. */
struct sig_origin {
    int32_t code;
    uint32_t pid_or_addr;
    int32_t status;
    uint32_t uid;
};

/* One real-time signal sent and not yet taken: each keeps its own siginfo (kernel/signal.c).
 * A queue holds this many; getrlimit(RLIMIT_SIGPENDING) says so. */
struct sig_queued;
#define SIGQUEUE_MAX 1024

const char *signal_name(int sig);
void itimer_tick(void);         /* itimer.c: SIGALRM for the timers that are due */

#endif
