/* System V shared memory as i386 Linux exchanges it (include/uapi/linux/ipc.h, shm.h and
 * asm-generic/ipcbuf.h, shmbuf.h: the IPC_64 structures). Shared by the kernel
 * (kernel/mm/sysv_shm.c) and libc (<sys/ipc.h>, <sys/shm.h>). */
#ifndef ABI_SHM_H
#define ABI_SHM_H

#include <stdint.h>

#define IPC_PRIVATE 0
#define IPC_CREAT   01000          /* shmget: make it if the key has none */
#define IPC_EXCL    02000          /* with IPC_CREAT: fail if the key has one */
#define IPC_NOWAIT  04000
#define IPC_RMID    0              /* shmctl commands */
#define IPC_SET     1
#define IPC_STAT    2
#define IPC_INFO    3
#define IPC_64      0x100          /* or'ed into the command: the structures below */

#define SHM_RDONLY  010000         /* shmat flags */
#define SHM_RND     020000         /* round the address down to SHMLBA */
#define SHM_REMAP   040000         /* replace what is mapped there */
#define SHM_EXEC    0100000
#define SHM_LOCK    11             /* more shmctl commands */
#define SHM_UNLOCK  12
#define SHM_STAT    13
#define SHM_INFO    14
#define SHM_STAT_ANY 15
#define SHM_DEST    01000          /* in shm_perm.mode: removed, gone at the last detach */
#define SHM_LOCKED  02000
#define SHMLBA      4096

struct ipc_perm {
	int32_t __key;
	uint32_t uid, gid, cuid, cgid;
	uint16_t mode, __pad1;
	uint16_t __seq, __pad2;
	uint32_t __unused1, __unused2;
};

struct shmid_ds {
	struct ipc_perm shm_perm;
	uint32_t shm_segsz;            /* bytes */
	long shm_atime;                /* last attach, seconds since 1970 */
	unsigned long __shm_atime_high;
	long shm_dtime;                /* last detach */
	unsigned long __shm_dtime_high;
	long shm_ctime;                /* made, or last changed by shmctl */
	unsigned long __shm_ctime_high;
	int32_t shm_cpid;              /* the creator */
	int32_t shm_lpid;              /* the last to attach or detach */
	unsigned long shm_nattch;      /* attaches: one per mapping region */
	unsigned long __unused4, __unused5;
};
_Static_assert(sizeof(struct shmid_ds) == 84, "i386 struct shmid64_ds is 84 bytes");

struct shminfo {                   /* IPC_INFO: the limits */
	unsigned long shmmax, shmmin, shmmni, shmseg, shmall, __unused[4];
};

struct shm_info {                  /* SHM_INFO: what is in use, in pages */
	int32_t used_ids;
	unsigned long shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

#endif
