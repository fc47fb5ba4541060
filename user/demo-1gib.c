/*
 * demo-1gib: malloc(1 GiB) on a machine with far less RAM (seed article 000).
 *
 * malloc only reserves virtual addresses: a request this big gets its own
 * mmap, which makes a region and nothing more. Frames arrive one page at a
 * time, when a page is first written (a minor fault each), so touching 10
 * pages costs exactly 10 faults and 40 KiB of resident memory.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "demo.h"

#define GIB (1024ul * 1024 * 1024)
#define TOUCHED 10

int main(void)
{
	char path[96];
	long ram = demo_meminfo_kb("MemTotal");
	long rss0, size0, rss1, size1, rss2;
	struct demo_faults f0, f1;
	const char *line;
	char *p;
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	demo_warm_up();
	/* malloc's first call also makes its small brk heap (the thread cache lives
	   there): done now, so that "after" shows the 1 GiB request alone. */
	p = malloc(1);
	__asm__ volatile("" : : "r"(p) : "memory");	/* or the compiler drops the pair */
	free(p);
	printf("demo-1gib: can a program malloc 1 GiB when the kernel has %ld MiB of RAM to\n"
	       "hand out (MemTotal in /proc/meminfo)?\n", ram / 1024);

	demo_step("before: the process as it started");
	rss0 = demo_status_kb(0, "VmRSS");
	size0 = demo_status_kb(0, "VmSize");
	printf("VmSize %ld kB (address space), VmRSS %ld kB (in RAM)\n", size0, rss0);

	demo_step("p = malloc(1 GiB)");
	p = malloc(GIB);
	if (!demo_expect(p != NULL, "malloc(1 GiB) returned NULL")) {
		perror("malloc");
		return 1;
	}
	pw_malloc_path_name(pw_malloc_last().path, path, sizeof path);
	rss1 = demo_status_kb(0, "VmRSS");
	size1 = demo_status_kb(0, "VmSize");
	printf("p = %p; malloc took the path: %s\n", (void *)p, path);
	line = demo_maps_line((uintptr_t)p);
	printf("the region holding p, from /proc/self/maps:\n    %s\n", line ? line : "(none!)");
	printf("VmSize %ld kB (+%ld kB), VmRSS %ld kB (+%ld kB)\n", size1, size1 - size0, rss1,
	       rss1 - rss0);
	printf("The address space grew by 1 GiB, yet almost nothing is in RAM: the kernel only\n"
	       "recorded a region. The 4 kB are the first page, where malloc wrote its 16-byte\n"
	       "header. 1 GiB is more than this machine has; it does not matter until the\n"
	       "pages are used.\n");
	demo_expect(size1 - size0 >= (long)(GIB / 1024), "VmSize grew by less than 1 GiB");
	demo_expect(rss1 - rss0 <= 16, "VmRSS grew by %ld kB", rss1 - rss0);

	demo_step("write one byte in each of %d pages of p", TOUCHED);
	f0 = demo_faults();
	for (i = 1; i <= TOUCHED; i++)	/* page 0 holds the header: already resident */
		p[(size_t)i * PAGE] = 1;
	f1 = demo_faults();
	rss2 = demo_status_kb(0, "VmRSS");
	printf("minor faults +%ld, major faults +%ld (getrusage); VmRSS %ld kB (+%ld kB)\n",
	       f1.minflt - f0.minflt, f1.majflt - f0.majflt, rss2, rss2 - rss1);
	printf("Each first write hit a page with no frame: the CPU faulted, the kernel found\n"
	       "the address inside p's region, took a free frame, filled it with zeros, mapped\n"
	       "it and re-ran the write. A minor fault: no disk, no file. 10 pages, 10 faults,\n"
	       "10 x 4 KiB = 40 KiB.\n");
	demo_expect(f1.minflt - f0.minflt == TOUCHED, "%ld minor faults, not %d", f1.minflt - f0.minflt,
		    TOUCHED);
	demo_expect(rss2 - rss1 == TOUCHED * 4, "VmRSS grew by %ld kB, not %d", rss2 - rss1, TOUCHED * 4);

	demo_step("free(p)");
	free(p);
	pw_malloc_path_name(pw_malloc_last().path, path, sizeof path);
	printf("malloc took the path: %s; VmSize %ld kB, VmRSS %ld kB: the mapping is gone.\n", path,
	       demo_status_kb(0, "VmSize"), demo_status_kb(0, "VmRSS"));
	return demo_exit_status();
}
