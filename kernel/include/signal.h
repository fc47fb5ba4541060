/* Linux's signal numbers (i386), and what the rest of the kernel asks of signals. */
#ifndef SIGNAL_H
#define SIGNAL_H

#include <abi/signal.h>
#include <stdint.h>

/* Where a signal came from, as a SA_SIGINFO handler's siginfo says: si_code (SI_USER, ...)
 * and si_pid, the sender's process, or for a fault si_addr, the address; for SIGCHLD also
 * si_status, the child's exit code or the signal that killed it. */
struct sig_origin {
    int32_t code;
    uint32_t pid_or_addr;
    int32_t status;
};

const char *signal_name(int sig);
void itimer_tick(void);         /* itimer.c: SIGALRM for the timers that are due */

#endif
