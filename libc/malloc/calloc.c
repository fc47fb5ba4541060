/*
 * calloc.c - zeroed memory, without zeroing what is zero already.
 *
 * n * size is checked for overflow first (a wrapped product would hand out
 * a tiny block for a huge array). Memory fresh from the kernel (a new
 * mapping, or top memory past everything we ever wrote) is already zero, so
 * only recycled memory is cleared: calloc(1, 100 MiB) touches no page.
 */
#include <string.h>

#include "chunk.h"

void *calloc(size_t n, size_t size)
{
	size_t total;
	if (__builtin_mul_overflow(n, size, &total)) {
		glue_set_enomem();
		return NULL;
	}
	if (total <= 512) {
		/* Small: the thread cache is worth more than skipping a memset. */
		void *p = malloc(total);
		if (p)
			memset(p, 0, total);
		return p;
	}
	int clean = 0;
	glue_lock();
	if (!M.ready)
		__malloc_init();
	M.last_path = 0;
	void *p = __malloc_locked(total, &clean);
	unsigned path = M.last_path;
	glue_unlock();
	if (p && !clean)
		memset(p, 0, total);
	if (M.trace)
		__malloc_trace("calloc", NULL, total, p, path);
	return p;
}
