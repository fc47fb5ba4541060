/* Memory mapping: mmap2(2), munmap(2), mprotect(2), madvise(2), mremap(2), and what asks
 * about or locks mapped memory: mincore(2), msync(2), mlock(2). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/mman.h>
#include "syscall.h"

/* mmap2 counts its offset in 4096-byte units whatever the page size (mmap2(2)). */
#define MMAP2_UNIT 4096ULL

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	if ((unsigned long long)off % MMAP2_UNIT || off < 0 ||
	    (unsigned long long)off / MMAP2_UNIT > UINT32_MAX) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	/* Linux refuses lengths that would wrap; catch them before the call so
	   the answer does not depend on the kernel. */
	if (len >= PTRDIFF_MAX) {
		errno = ENOMEM;
		return MAP_FAILED;
	}
	return (void *)__sys(__NR_mmap2, addr, len, prot, flags, fd,
			     (unsigned long)((unsigned long long)off / MMAP2_UNIT));
}

int munmap(void *addr, size_t len)
{
	return __sys(__NR_munmap, addr, len);
}

int mprotect(void *addr, size_t len, int prot)
{
	return __sys(__NR_mprotect, addr, len, prot);
}

int madvise(void *addr, size_t len, int advice)
{
	return __sys(__NR_madvise, addr, len, advice);
}

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *new_addr = 0;
	va_list ap;

	if (flags & MREMAP_FIXED) {
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)__sys(__NR_mremap, old, old_len, new_len, flags, new_addr);
}

int mincore(void *addr, size_t len, unsigned char *vec)
{
	return __sys(__NR_mincore, addr, len, vec);
}

int msync(void *addr, size_t len, int flags)
{
	return __sys_cp(__NR_msync, addr, len, flags);
}

int mlock(const void *addr, size_t len)
{
	return __sys(__NR_mlock, addr, len);
}

int mlock2(const void *addr, size_t len, unsigned flags)
{
	return __sys(__NR_mlock2, addr, len, flags);
}

int munlock(const void *addr, size_t len)
{
	return __sys(__NR_munlock, addr, len);
}

int mlockall(int flags)
{
	return __sys(__NR_mlockall, flags);
}

int munlockall(void)
{
	return __sys(__NR_munlockall);
}
