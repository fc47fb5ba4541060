/*
 * demo-pagetables: what the page tables themselves cost.
 *
 * On i386 a virtual address goes through two tables: the page directory (one per process)
 * picks a page table, and the page table picks the frame. One page table is a 4 KiB frame
 * that maps 1024 pages, 4 MiB of address space; the kernel makes it at the first touch in
 * that stretch. Memory used densely costs 4 KiB of tables per 4 MiB (0.1%); memory used
 * sparsely can cost as much in tables as in data. VmPTE (/proc/PID/status) is a process's
 * page tables; PageTables (/proc/meminfo) is everyone's, the kernel's own included.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "demo.h"

#define SPAN (4 * MiB)		/* what one page table maps */
#define STRETCHES 256		/* 1 GiB of address space */

struct figures {
	long pte, rss, tables, kstack;
};

static struct figures now(void)
{
	return (struct figures){ demo_status_kb(0, "VmPTE"), demo_status_kb(0, "VmRSS"),
				 demo_meminfo_kb("PageTables"), demo_meminfo_kb("KernelStack") };
}

static void report(struct figures a, struct figures b)
{
	printf("    VmPTE %+ld kB   VmRSS %+ld kB   PageTables %+ld kB\n", b.pte - a.pte,
	       b.rss - a.rss, b.tables - a.tables);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	demo_warm_up();
	(void)now();

	demo_step("the page tables this process has now");
	struct figures start = now();
	printf("    VmPTE %ld kB: %ld page tables, one for each 4 MiB stretch in use (the program\n"
	       "    with its heap, the stack at the top). The page directory, one page more, is\n"
	       "    not counted in VmPTE (as on Linux).\n", start.pte, start.pte / 4);

	demo_step("one byte in each of %d stretches of 4 MiB (1 GiB of address space)", STRETCHES);
	char *m = mmap(NULL, (STRETCHES + 1) * (size_t)SPAN, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 1;
	char *a = (char *)(((uintptr_t)m + SPAN - 1) & ~(uintptr_t)(SPAN - 1));
	struct figures before = now();
	for (int i = 0; i < STRETCHES; i++)
		a[(size_t)i * SPAN] = 1;
	struct figures after = now();
	report(before, after);
	demo_expect(after.pte - before.pte == STRETCHES * 4 && after.rss - before.rss == STRETCHES * 4 &&
		    after.tables - before.tables == STRETCHES * 4,
		    "expected +%d kB of page tables for +%d kB of data", STRETCHES * 4, STRETCHES * 4);
	printf("%d pages of data took %d page tables: as much memory for the tables as for the\n"
	       "data. Scattered memory is dear.\n", STRETCHES, STRETCHES);

	demo_step("1 MiB more, all in the first stretch (256 pages in a row)");
	before = now();
	for (int i = 1; i <= 256; i++)
		a[(size_t)i * PAGE] = 1;
	after = now();
	report(before, after);
	demo_expect(after.pte == before.pte && after.rss - before.rss == 1024,
		    "expected +1024 kB of data and no new page table");
	printf("Those pages share the table the first byte made: one table maps 1024 pages, so\n"
	       "dense memory costs 4 KiB of tables per 4 MiB.\n");

	demo_step("munmap of the 1 GiB: the data and the tables go back");
	before = now();
	munmap(m, (STRETCHES + 1) * (size_t)SPAN);
	after = now();
	report(before, after);
	demo_expect(after.pte == start.pte && after.tables == start.tables,
		    "expected VmPTE and PageTables as at the start");
	printf("A table that no longer covers any mapping is freed with the mapping (Linux's\n"
	       "free_pgtables does the same).\n");

	demo_step("fork: what a second process costs the kernel");
	before = now();
	int ready[2];
	if (pipe(ready) < 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		char c = 1;
		(void)!write(ready[1], &c, 1);
		for (;;)
			pause();
	}
	char c;
	if (pid < 0 || read(ready[0], &c, 1) != 1)
		return 1;
	after = now();
	long child_pte = demo_status_kb(pid, "VmPTE");
	printf("    the child's VmPTE %ld kB   PageTables %+ld kB   KernelStack %+ld kB\n", child_pte,
	       after.tables - before.tables, after.kstack - before.kstack);
	demo_expect(after.tables - before.tables == child_pte + 4 && after.kstack - before.kstack == 8,
		    "expected the child's page tables and directory (+%ld kB) and an 8 kB kernel stack",
		    child_pte + 4);
	printf("The child has a page directory of its own (4 kB) and a copy of each page table\n"
	       "(its frames are shared, copy-on-write, but the tables are not), and the kernel a\n"
	       "stack for it: the cost of a process before it writes a byte.\n");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	after = now();
	demo_expect(after.tables == before.tables && after.kstack == before.kstack,
		    "expected all of it back once the child is reaped");
	return demo_exit_status();
}
