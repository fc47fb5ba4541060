/* Linux's signal numbers (i386), and what the rest of the kernel asks of signals. */
#ifndef SIGNAL_H
#define SIGNAL_H

#include <abi/signal.h>

const char *signal_name(int sig);
void itimer_tick(void);         /* itimer.c: SIGALRM for the timers that are due */

#endif
