#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

/* sysinfo(2): uptime, memory (in units of mem_unit bytes), the number of processes. */
#include <abi/sysinfo.h>

int sysinfo(struct sysinfo *info);

#endif
