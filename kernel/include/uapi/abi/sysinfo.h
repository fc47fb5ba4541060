/* struct sysinfo of i386 (include/uapi/linux/sysinfo.h, 32-bit longs): 64 bytes. Shared by
 * the kernel (sys_sysinfo) and libc (<sys/sysinfo.h>). */
#ifndef ABI_SYSINFO_H
#define ABI_SYSINFO_H

#include <stdint.h>

struct sysinfo {
	int32_t uptime;                 /* seconds since boot */
	uint32_t loads[3];              /* 1, 5, 15 minute load averages, << 16 */
	uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, __pad;
	uint32_t totalhigh, freehigh;
	uint32_t mem_unit;              /* the memory figures are in units of this many bytes */
	char __reserved[8];
};
_Static_assert(sizeof(struct sysinfo) == 64, "struct sysinfo is 64 bytes on i386");

#endif
