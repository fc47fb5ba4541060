/*
 * free: how much memory the machine has and how much is in use, in KiB,
 * from /proc/meminfo (proc(5)), in the layout of Linux's free(1):
 *
 *                total        used        free   available
 *   Mem:        126988         512      126476      126476
 *
 * total is what the frame allocator manages (RAM less the kernel and the
 * first MiB); used is total - free: frames held by processes (their pages,
 * page tables, kernel stacks) and by the kernel's heap. pagewise has no page
 * cache and no swap, so available equals free and there is no Swap line.
 */
#include <stdio.h>
#include "demo.h"

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
	printf("%17s %11s %11s %11s\n", "total", "used", "free", "available");
	printf("Mem:  %11ld %11ld %11ld %11ld\n", total, total - mfree, mfree, avail);
	return 0;
}
