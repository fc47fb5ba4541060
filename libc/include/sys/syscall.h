/* __NR_* numbers, generated from kernel/syscalls.tbl (see tools/gensyscalls). */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <syscall_nr.h>

long syscall(long nr, ...);

#endif
