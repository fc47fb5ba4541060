/*
 * free: how much memory the machine has and how much is in use, in KiB,
 * from /proc/meminfo (proc(5)), in the layout of procps' free(1):
 *
 *                  total        used        free      shared  buff/cache   available
 *   Mem:          114540         536      114004           0           0      114004
 *   Swap:              0           0           0
 *
 * total is what the frame allocator manages (RAM less the kernel and the
 * first MiB); used is total - free - buff/cache, as procps computes it: the
 * frames processes hold (their pages, page tables, kernel stacks) and the
 * kernel's heap; /proc/meminfo breaks it down. shared is shared memory
 * (Shmem: tmpfs files and shared anonymous mappings), which is also all of
 * buff/cache, as on Linux (Cached counts it; pagewise has no other page
 * cache). No swap: available equals free, and the Swap line says 0.
 */
#include <stdio.h>
#include "demo.h"

/* A field of /proc/meminfo, or 0 when it is missing. */
static long kb(const char *name)
{
	long v = demo_meminfo_kb(name);
	return v < 0 ? 0 : v;
}

int main(void)
{
	long total = demo_meminfo_kb("MemTotal");
	long mfree = demo_meminfo_kb("MemFree");
	long avail = demo_meminfo_kb("MemAvailable");

	if (total < 0 || mfree < 0) {
		fprintf(stderr, "free: cannot read MemTotal and MemFree from /proc/meminfo\n");
		return 1;
	}
	if (avail < 0)
		avail = mfree;
	long cache = kb("Buffers") + kb("Cached") + kb("SReclaimable");
	long swap = kb("SwapTotal"), swap_free = kb("SwapFree");
	/* procps' columns: each number ends 12 places after the last, the first at column 20. */
	printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared", "buff/cache",
	       "available");
	printf("%-8s%12ld%12ld%12ld%12ld%12ld%12ld\n", "Mem:", total, total - mfree - cache, mfree,
	       kb("Shmem"), cache, avail);
	printf("%-8s%12ld%12ld%12ld\n", "Swap:", swap, swap - swap_free, swap_free);
	return 0;
}
