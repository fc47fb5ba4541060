#ifndef _SCHED_H
#define _SCHED_H

#include <abi/sched.h>        /* CLONE_*: for the raw clone system call (there is no wrapper) */

int sched_yield(void);

#endif
