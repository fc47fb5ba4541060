/* struct statx and its mask bits, Linux's (include/uapi/linux/stat.h): 256 bytes, the same on
 * every architecture. Shared by the kernel (sys_statx) and libc (<sys/stat.h>). */
#ifndef ABI_STATX_H
#define ABI_STATX_H

#include <stdint.h>

struct statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t __reserved;
};

struct statx {
	uint32_t stx_mask;              /* which fields are filled in (STATX_*) */
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, __spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align, stx_dio_offset_align;
	uint64_t __spare3[12];
};
_Static_assert(sizeof(struct statx) == 256, "struct statx is 256 bytes");

#define STATX_BASIC_STATS 0x7ffu        /* type, mode, nlink, uid, gid, times, ino, size, blocks */
#define STATX__RESERVED   0x80000000u   /* asking for it is EINVAL */
#define AT_STATX_SYNC_TYPE  0x6000      /* FORCE_SYNC | DONT_SYNC: both at once is EINVAL */
#define AT_STATX_FORCE_SYNC 0x2000
#define AT_STATX_DONT_SYNC  0x4000

#endif
