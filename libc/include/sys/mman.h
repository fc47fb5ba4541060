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

#endif
