/*
 * Where the machine's frames go, as /proc/meminfo and /proc/PID/status's VmPTE tell it:
 *   - a first touch in a fresh 4 MiB stretch costs a data page and a page table: AnonPages +4 kB,
 *     PageTables and VmPTE +4 kB, MemFree -8 kB; 100 more pages in the same stretch, 100 data
 *     pages and no table; a page in the next stretch, a second table;
 *   - munmap gives back the pages and the page tables that covered nothing else (Linux's
 *     free_pgtables), so VmPTE and PageTables are back where they were;
 *   - /proc/vmstat has the same frames in pages, and counts since boot: 50 first touches are
 *     50 page faults (none major) and 50 more frames allocated than freed (and a page table);
 *   - a forked child costs a page directory, a copy of each page table it needs (its VmPTE) and
 *     an 8 kB kernel stack; once it is reaped, all of it is back;
 *   - a file of 8 pages in /tmp (tmpfs) is 32 kB of Shmem and of Cached, MemFree falling by
 *     that and the kernel heap its index takes; removed, all of it is back.
 * Under qemu-user /proc describes the host, so there only the fields' presence is checked.
 */
#include <fcntl.h>
#include "vmtest.h"

#define SPAN (4u << 20)		/* what one page table maps */

static long mi(const char *field) { return proc_kb("/proc/meminfo", field); }

/* /proc/vmstat into buf, read whole (its text is made at the first read and kept). */
static long vmstat_text(char *buf, size_t size)
{
	int fd = open("/proc/vmstat", O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, buf, size - 1);
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

/* The number after "name " at the start of a line of vmstat's text; -1 if missing. */
static long stat_field(const char *text, const char *name)
{
	size_t k = strlen(name);
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, name, k) && l[k] == ' ')
			return atol(l + k + 1);
	return -1;
}

struct frames {
	long memfree, anon, shmem, tables, kstack, slab, vmalloc, vmpte;
};

static void frames_now(struct frames *f)
{
	f->memfree = mi("MemFree");
	f->anon = mi("AnonPages");
	f->shmem = mi("Shmem");
	f->tables = mi("PageTables");
	f->kstack = mi("KernelStack");
	f->slab = mi("Slab");
	f->vmalloc = mi("VmallocUsed");
	f->vmpte = status_kb("VmPTE");
}

/* MemFree fell by exactly what the headings rose by (no pipe buffer came or went). */
static long unaccounted(const struct frames *a, const struct frames *b)
{
	return (a->memfree - b->memfree) - ((b->anon - a->anon) + (b->shmem - a->shmem) + (b->tables - a->tables) +
					    (b->kstack - a->kstack) + (b->slab - a->slab) +
					    (b->vmalloc - a->vmalloc));
}

/* A file in /tmp: its pages are Shmem (and Cached), every frame accounted; removed, all back.
 * Its own function: the page buffer is on the stack only while it runs, so the checks above
 * see the same bss and stack pages as ever. */
static void tmpfs_file(void)
{
	struct frames f0, f1, f2;
	char page[PAGE];
	section("a tmpfs file: Shmem and Cached, every frame accounted; removed, all back");
	memset(page, 't', sizeof page);
	frames_now(&f0);
	frames_now(&f0);	/* the first read may have grown the kernel's heap */
	long cached = mi("Cached");
	int fd = open("/tmp/vm_meminfo.file", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	for (int i = 0; i < 8; i++)
		CHECK_EQ(write(fd, page, PAGE), PAGE);
	frames_now(&f1);
	CHECK_EQ(f1.shmem - f0.shmem, 32);
	CHECK_EQ(mi("Cached") - cached, 32);
	CHECK_EQ(unaccounted(&f0, &f1), 0);
	close(fd);
	CHECK_EQ(unlink("/tmp/vm_meminfo.file"), 0);
	frames_now(&f2);
	CHECK_EQ(f2.shmem, f0.shmem);
	CHECK_EQ(f2.memfree, f0.memfree);
}

int main(void)
{
	static const char *const fields[] = { "MemTotal", "MemFree", "MemAvailable", "AnonPages",
					       "Shmem", "Slab", "KernelStack", "PageTables",
					       "VmallocUsed" };
	setvbuf(stdout, NULL, _IOLBF, 0);
	section("meminfo has Linux's lines for where memory goes, status has VmPTE");
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (mi(fields[i]) < 0)
			printf("  missing: %s\n", fields[i]), CHECK(0);
	CHECK(status_kb("VmPTE") >= 0);
	if (!on_pagewise()) {
		printf("note: not pagewise: /proc describes qemu-user's host, figures not checked\n");
		return vt_done();
	}

	section("a first touch in a fresh 4 MiB stretch: a data page and a page table");
	char *m = mmap(NULL, 3 * SPAN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	char *a = (char *)(((uintptr_t)m + SPAN - 1) & ~(uintptr_t)(SPAN - 1));
	struct frames f0, f1, f2, f3;
	frames_now(&f0);
	frames_now(&f0);	/* the first read may have grown the kernel's heap */
	a[0] = 1;
	frames_now(&f1);
	CHECK_EQ(f1.anon - f0.anon, 4);
	CHECK_EQ(f1.tables - f0.tables, 4);
	CHECK_EQ(f1.vmpte - f0.vmpte, 4);
	CHECK_EQ(f0.memfree - f1.memfree, 8);

	section("100 more pages in the same stretch: 400 kB, no table; the next stretch: a table");
	for (int i = 1; i <= 100; i++)
		a[i * PAGE] = 1;
	frames_now(&f2);
	CHECK_EQ(f2.anon - f1.anon, 400);
	CHECK_EQ(f2.tables - f1.tables, 0);
	CHECK_EQ(f2.vmpte - f1.vmpte, 0);
	a[SPAN] = 1;
	frames_now(&f3);
	CHECK_EQ(f3.anon - f2.anon, 4);
	CHECK_EQ(f3.vmpte - f2.vmpte, 4);
	CHECK_EQ(f3.tables - f2.tables, 4);
	CHECK_EQ(unaccounted(&f0, &f3), 0);

	section("munmap: the pages and the page tables that mapped nothing else come back");
	CHECK_EQ(munmap(m, 3 * SPAN), 0);
	frames_now(&f1);
	CHECK_EQ(f1.anon, f0.anon);
	CHECK_EQ(f1.vmpte, f0.vmpte);
	CHECK_EQ(f1.tables, f0.tables);
	CHECK_EQ(f1.memfree, f0.memfree);

	section("a half-unmapped stretch keeps its table until the rest goes too");
	m = mmap(NULL, 3 * SPAN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	a = (char *)(((uintptr_t)m + SPAN - 1) & ~(uintptr_t)(SPAN - 1));
	frames_now(&f0);
	a[0] = a[SPAN / 2] = 1;
	CHECK_EQ(munmap(a, SPAN / 2), 0);
	frames_now(&f1);
	CHECK_EQ(f1.vmpte - f0.vmpte, 4);
	CHECK_EQ(f1.anon - f0.anon, 4);
	CHECK_EQ(munmap(a + SPAN / 2, SPAN / 2), 0);
	frames_now(&f1);
	CHECK_EQ(f1.vmpte, f0.vmpte);
	CHECK_EQ(f1.anon, f0.anon);
	CHECK_EQ(munmap(m, 3 * SPAN), 0);	/* the rest, and the holes in it: not an error */

	section("vmstat: the same frames in pages; 50 first touches are 50 faults and 50 frames");
	/* The counters are the machine's: nothing else runs while this test does. */
	static char vs[2048];
	long nv = vmstat_text(vs, sizeof vs);
	CHECK(nv > 0);
	CHECK_EQ(stat_field(vs, "nr_anon_pages") * 4, mi("AnonPages"));
	CHECK_EQ(stat_field(vs, "nr_page_table_pages") * 4, mi("PageTables"));
	CHECK_EQ(stat_field(vs, "nr_kernel_stack"), mi("KernelStack"));
	CHECK_EQ(stat_field(vs, "nr_free_pages") * 4, mi("MemFree"));
	m = mmap(NULL, 50 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	vmstat_text(vs, sizeof vs);
	long faults = stat_field(vs, "pgfault"), major = stat_field(vs, "pgmajfault");
	long alloc = stat_field(vs, "pgalloc_normal"), freed = stat_field(vs, "pgfree");
	long pte = status_kb("VmPTE");
	for (int i = 0; i < 50; i++)
		m[i * PAGE] = 1;
	long tables = (status_kb("VmPTE") - pte) / 4;	/* the stretch may want a new table */
	vmstat_text(vs, sizeof vs);
	CHECK_EQ(stat_field(vs, "pgfault") - faults, 50);
	CHECK_EQ(stat_field(vs, "pgmajfault") - major, 0);
	CHECK_EQ((stat_field(vs, "pgalloc_normal") - alloc) - (stat_field(vs, "pgfree") - freed),
		 50 + tables);
	CHECK_EQ(munmap(m, 50 * PAGE), 0);

	section("fork: a page directory, the child's page tables (its VmPTE), an 8 kB kernel stack");
	frames_now(&f0);
	pid_t pid = paused_child(NULL);
	CHECK(pid > 0);
	char path[32];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	long child_pte = proc_kb(path, "VmPTE");
	frames_now(&f1);
	CHECK(child_pte > 0 && child_pte <= f0.vmpte);
	CHECK_EQ(f1.tables - f0.tables, child_pte + 4);
	CHECK_EQ(f1.kstack - f0.kstack, 8);
	kill(pid, SIGKILL);
	int st;
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	frames_now(&f2);
	CHECK_EQ(f2.tables, f0.tables);
	CHECK_EQ(f2.kstack, f0.kstack);
	CHECK_EQ(f2.anon, f0.anon);
	CHECK_EQ(unaccounted(&f0, &f2), 0);

	tmpfs_file();
	return vt_done();
}
