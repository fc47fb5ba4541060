/*
 * /proc/kpagecount and /proc/kpageflags: 8 bytes per physical frame (Linux's
 * Documentation/admin-guide/mm/pagemap.rst), reached from a virtual page through pagemap.
 *   - a written private page: its frame is mapped once, ANON | SWAPBACKED | MMAP | UPTODATE;
 *     a forked child shares it (count 2) until it is gone (1);
 *   - the zero page is ZERO_PAGE, with a count of 0 (mapped uncounted, as Linux's);
 *   - shared anonymous memory is SWAPBACKED | MMAP without ANON, counted per mapping;
 *   - a frame given back by munmap is BUDDY (free); the first MiB is RESERVED;
 *   - frame by frame, the flags agree with /proc/meminfo: the BUDDY frames are MemFree, the
 *     ANON ones AnonPages, PGTABLE PageTables, SLAB Slab;
 *   - whole entries only (EINVAL); nothing past the last frame.
 * Frames are the kernel's: checked on pagewise. Under qemu-user the files are the host's
 * (if it lets us read them at all), so there nothing is checked.
 */
#include <fcntl.h>
#include "vmtest.h"

#define KPF_UPTODATE (1ull << 3)
#define KPF_SLAB (1ull << 7)
#define KPF_BUDDY (1ull << 10)
#define KPF_MMAP (1ull << 11)
#define KPF_ANON (1ull << 12)
#define KPF_SWAPBACKED (1ull << 14)
#define KPF_ZERO_PAGE (1ull << 24)
#define KPF_PGTABLE (1ull << 26)
#define KPF_RESERVED (1ull << 32)
#define ANON_PAGE (KPF_ANON | KPF_SWAPBACKED | KPF_MMAP | KPF_UPTODATE)

static int count_fd, flags_fd;

static uint64_t frame_of(const void *addr)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);
	if (pread(fd, &e, sizeof e, (off_t)((uintptr_t)addr / PAGE) * 8) != sizeof e)
		e = 0;
	close(fd);
	return e >> 63 ? e & ((1ull << 55) - 1) : 0;
}

static uint64_t word(int fd, uint64_t pfn)
{
	uint64_t w = ~0ull;
	if (pread(fd, &w, sizeof w, (off_t)(pfn * 8)) != sizeof w)
		return ~0ull;
	return w;
}

static uint64_t count_of(uint64_t pfn) { return word(count_fd, pfn); }
static uint64_t flags_of(uint64_t pfn) { return word(flags_fd, pfn); }

/* A field of /proc/meminfo's text, in kB. */
static long field_kb(const char *text, const char *name)
{
	const char *l = strstr(text, name);
	return l && l[strlen(name)] == ':' ? atol(l + strlen(name) + 1) : -1;
}

static uint64_t table[65536];	/* the flags of up to 256 MiB of frames */

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	count_fd = open("/proc/kpagecount", O_RDONLY);
	flags_fd = open("/proc/kpageflags", O_RDONLY);
	if (!on_pagewise()) {
		section("kpagecount and kpageflags");
		printf("note: not pagewise: the host's frames, not checked\n");
		return vt_done();
	}
	section("both files are there, whole entries only, read-only");
	CHECK(count_fd >= 0 && flags_fd >= 0);
	uint64_t w[2];
	CHECK_ERR(pread(flags_fd, w, 4, 0), EINVAL);
	CHECK_ERR(pread(count_fd, w, 8, 4), EINVAL);
	CHECK_ERR(open("/proc/kpageflags", O_WRONLY), EACCES);
	CHECK_EQ(flags_of(16), KPF_RESERVED);		/* 64 KiB: the first MiB is never handed out */
	CHECK_EQ(count_of(16), 0);

	section("a written private page: mapped once, ANON; a forked child shares it, then not");
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	p[0] = 1;
	uint64_t pfn = frame_of(p);
	CHECK(pfn > 0);
	CHECK_EQ(count_of(pfn), 1);
	CHECK_EQ(flags_of(pfn), ANON_PAGE);
	pid_t pid = paused_child(NULL);
	CHECK(pid > 0);
	CHECK_EQ(count_of(pfn), 2);
	kill(pid, SIGKILL);
	int st;
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK_EQ(count_of(pfn), 1);

	section("the zero page: ZERO_PAGE, count 0");
	read_byte(p + PAGE);
	uint64_t zero = frame_of(p + PAGE);
	CHECK(zero > 0 && zero != pfn);
	CHECK_EQ(flags_of(zero), KPF_ZERO_PAGE);
	CHECK_EQ(count_of(zero), 0);

	section("shared anonymous memory: SWAPBACKED and MMAP, not ANON; one count per mapping");
	char *sh = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(sh != MAP_FAILED);
	sh[0] = 1;
	uint64_t spfn = frame_of(sh);
	CHECK_EQ(flags_of(spfn), KPF_SWAPBACKED | KPF_MMAP | KPF_UPTODATE);
	CHECK_EQ(count_of(spfn), 1);
	pid = paused_child(NULL);
	CHECK(pid > 0);
	CHECK_EQ(count_of(spfn), 2);
	kill(pid, SIGKILL);
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK_EQ(count_of(spfn), 1);

	section("munmap: the frame is free (BUDDY), mapped by no one");
	CHECK_EQ(munmap(p, 4 * PAGE), 0);
	CHECK_EQ(flags_of(pfn), KPF_BUDDY);
	CHECK_EQ(count_of(pfn), 0);

	section("frame by frame, the flags agree with meminfo");
	memset(table, 0, sizeof table);			/* in memory before MemFree is read */
	/* meminfo stays open while the flags are read: its text, made at the first read, is in
	 * the kernel's heap for both, so both see the same frames. */
	static char text[2048];
	int mfd = open("/proc/meminfo", O_RDONLY);
	ssize_t len = read(mfd, text, sizeof text - 1);
	CHECK(len > 0);
	text[len > 0 ? len : 0] = 0;
	ssize_t got = pread(flags_fd, table, sizeof table, 0);
	close(mfd);
	long memfree = field_kb(text, "MemFree"), anon = field_kb(text, "AnonPages");
	long tables = field_kb(text, "PageTables"), slab = field_kb(text, "Slab");
	CHECK(got > 0 && got < (ssize_t)sizeof table);	/* all of them, and then the end */
	long n[4] = { 0 };
	for (ssize_t i = 0; i < got / 8; i++) {
		n[0] += !!(table[i] & KPF_BUDDY);
		n[1] += !!(table[i] & KPF_ANON);
		n[2] += !!(table[i] & KPF_PGTABLE);
		n[3] += !!(table[i] & KPF_SLAB);
	}
	CHECK_EQ(n[0] * 4, memfree);
	CHECK_EQ(n[1] * 4, anon);
	CHECK_EQ(n[2] * 4, tables);
	CHECK_EQ(n[3] * 4, slab);
	CHECK_EQ(pread(flags_fd, w, 8, got), 0);	/* past the last frame */
	return vt_done();
}
