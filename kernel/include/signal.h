/* Linux's signal numbers (i386). pagewise delivers only default actions: terminate, or ignore. */
#ifndef SIGNAL_H
#define SIGNAL_H

#include <abi/signal.h>

const char *signal_name(int sig);

#endif
