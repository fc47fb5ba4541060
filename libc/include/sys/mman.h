/* Memory mapping, Linux i386 values (include/uapi/asm-generic/mman*.h). */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <bits/alltypes.h>
#include <abi/mman.h>

#define MAP_FAILED ((void *)-1)

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int madvise(void *addr, size_t len, int advice);
/* With MREMAP_FIXED a fifth argument gives the new address. */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...);
/* Which pages of [addr, addr+len) are in memory: bit 0 of one byte per page. */
int mincore(void *addr, size_t len, unsigned char *vec);
int msync(void *addr, size_t len, int flags);
/* Fault the pages in now and keep them in (MLOCK_ONFAULT, MCL_ONFAULT: as they are touched). */
int mlock(const void *addr, size_t len);
int mlock2(const void *addr, size_t len, unsigned flags);
int munlock(const void *addr, size_t len);
int mlockall(int flags);
int munlockall(void);

#endif
