/* statfs64(2)'s answer on i386 (include/uapi/asm-generic/statfs.h, struct statfs64, packed to
 * 4-byte alignment as x86-32 asks: 84 bytes), shared by the kernel and libc. */
#ifndef ABI_STATFS_H
#define ABI_STATFS_H

#include <stdint.h>

struct statfs64 {
	uint32_t f_type;
	uint32_t f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	int32_t f_fsid[2];
	uint32_t f_namelen;
	uint32_t f_frsize;
	uint32_t f_flags;
	uint32_t f_spare[4];
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct statfs64) == 84, "statfs64 layout");

/* f_type values */
#define TMPFS_MAGIC 0x01021994
#define PROC_SUPER_MAGIC 0x9fa0
#define RAMFS_MAGIC 0x858458f6
#define PIPEFS_MAGIC 0x50495045
/* f_flags (ST_*): the mount's flags, ST_VALID saying f_flags is filled */
#define ST_RDONLY 0x0001
#define ST_NOSUID 0x0002
#define ST_NODEV 0x0004
#define ST_NOEXEC 0x0008
#define ST_VALID 0x0020
#define ST_RELATIME 0x1000

#endif
