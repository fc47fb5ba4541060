/*
 * /proc/PID/smaps: each region of maps, then what of it is in memory (proc(5)).
 *   - 8 anonymous pages, 5 written and 2 read: Rss 20 kB (the zero page does not count),
 *     Private_Dirty 20 kB, Anonymous 20 kB, Pss 20 kB; the region's Rss adds up with the
 *     others' to VmRSS;
 *   - after fork, while the child lives: the same pages are Shared_Dirty, and Pss is half;
 *     once it is gone, Private_Dirty again;
 *   - shared anonymous memory: Rss, not Anonymous, "sh" in VmFlags, named /dev/zero (deleted);
 *   - a shared mapping of a file opened read-only: "ms" without "sh" and "mw", and mprotect
 *     cannot make it writable (EACCES);
 *   - a private file mapping: pages read are Private_Clean, a page written becomes
 *     Private_Dirty and Anonymous (a copy on Linux);
 *   - /proc/PID/status's RssAnon, RssFile and RssShmem add up to VmRSS; a private file page
 *     read is RssFile, written it moves to RssAnon;
 *   - mlock: Locked equals Rss, "lo" in VmFlags;
 *   - 2000 regions more (1.5 MB of smaps text): maps and smaps list each of them.
 * The figures are pagewise's: under qemu-user, which stands in for Linux in the host run,
 * smaps describes qemu's own memory, so there only the file's presence is checked.
 */
#include <fcntl.h>
#include "vmtest.h"

static char text[262144];

/* The smaps field (e.g. "Rss") of the region starting at addr, in kB; -1 if missing. For
 * "VmFlags", 1 if the flag named by want is there. */
static long field(const void *addr, const char *name)
{
	char head[16];
	int fd = open("/proc/self/smaps", O_RDONLY);
	size_t len = 0;
	ssize_t n;
	if (fd < 0)
		return -1;
	while (len + 1 < sizeof text && (n = read(fd, text + len, sizeof text - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	text[len] = 0;
	snprintf(head, sizeof head, "%08lx-", (unsigned long)(uintptr_t)addr);
	char *r = strstr(text, head);
	if (!r)
		return -1;
	char *next = strchr(r + 1, '\n');
	for (char *line = next ? next + 1 : NULL; line && *line; line = strchr(line, '\n') + 1) {
		if (strncmp(line, "THPeligible", 11) && strchr("0123456789abcdef", line[0]) &&
		    line[8] == '-')
			break;		/* the next region */
		size_t k = strlen(name);
		if (!strncmp(line, name, k) && line[k] == ':')
			return atol(line + k + 1);
		if (!strchr(line, '\n'))
			break;
	}
	return -1;
}

/* The whole of a /proc file, however long, in a malloc'd buffer (NUL-terminated). */
static char *slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0, size = 65536;
	char *buf = malloc(size);
	ssize_t n;
	if (fd < 0 || !buf)
		return NULL;
	while ((n = read(fd, buf + len, size - 1 - len)) > 0) {
		len += (size_t)n;
		if (len + 1 == size)
			buf = realloc(buf, size *= 2);
	}
	close(fd);
	buf[len] = 0;
	return buf;
}

/* The regions a maps or smaps text lists: its lines "start-end ...". */
static long count_regions(const char *t)
{
	long n = 0;
	for (const char *l = t; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l))
		n += strspn(l, "0123456789abcdef") == 8 && l[8] == '-';
	return n;
}

static long regions_in(const char *path)
{
	char *t = slurp(path);
	long n = count_regions(t);
	free(t);
	return n;
}

/* field() for a smaps text of any length. */
static long field_in(const char *t, const void *addr, const char *name)
{
	char head[16];
	snprintf(head, sizeof head, "%08lx-", (unsigned long)(uintptr_t)addr);
	const char *r = strstr(t, head);
	const char *end = r ? strstr(r + 1, "VmFlags:") : NULL;
	const char *f = r ? strstr(r, name) : NULL;
	return f && end && f < end && f[strlen(name)] == ':' ? atol(f + strlen(name) + 1) : -1;
}

/* Is flag ("sh", "lo") among the VmFlags of the region at addr? */
static int has_flag(const void *addr, const char *flag)
{
	if (field(addr, "Rss") < 0)
		return 0;
	char head[16], want[8];
	snprintf(head, sizeof head, "%08lx-", (unsigned long)(uintptr_t)addr);
	snprintf(want, sizeof want, " %s ", flag);
	char *r = strstr(text, head), *v = r ? strstr(r, "VmFlags:") : NULL;
	if (!v)
		return 0;
	char *end = strchr(v, '\n');
	char *f = strstr(v, want);
	return f && (!end || f < end);
}

/* Does the region at addr have this name in smaps (the end of its first line)? */
static int region_named(const void *addr, const char *name)
{
	if (field(addr, "Rss") < 0)
		return 0;
	char head[16];
	snprintf(head, sizeof head, "%08lx-", (unsigned long)(uintptr_t)addr);
	char *r = strstr(text, head), *end = r ? strchr(r, '\n') : NULL;
	size_t n = strlen(name);
	return end && (size_t)(end - r) >= n && strncmp(end - n, name, n) == 0;
}

/* The sum of every region's Rss: it must be VmRSS. */
static long total_rss(void)
{
	field(NULL, "Rss");
	long sum = 0;
	for (char *l = strstr(text, "\nRss:"); l; l = strstr(l + 1, "\nRss:"))
		sum += atol(l + 5);
	return sum;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!on_pagewise()) {
		int fd = open("/proc/self/smaps", O_RDONLY);
		section("smaps is there");
		CHECK(fd >= 0);
		close(fd);
		printf("note: not pagewise: smaps describes qemu-user's memory here, figures not checked\n");
		return vt_done();
	}

	section("8 anonymous pages, 5 written, 2 read: Rss 20 kB, all private, dirty, anonymous");
	/* Guard pages on both sides keep the region from merging with a neighbour. */
	char *g = mmap(NULL, 10 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(g != MAP_FAILED);
	char *p = mmap(g + PAGE, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(p == g + PAGE);
	for (int i = 0; i < 5; i++)
		p[i * PAGE] = 1;
	read_byte(p + 6 * PAGE);
	read_byte(p + 7 * PAGE);
	CHECK_EQ(field(p, "Size"), 32);
	CHECK_EQ(field(p, "Rss"), 20);
	CHECK_EQ(field(p, "Pss"), 20);
	CHECK_EQ(field(p, "Private_Dirty"), 20);
	CHECK_EQ(field(p, "Shared_Dirty"), 0);
	CHECK_EQ(field(p, "Anonymous"), 20);
	CHECK_EQ(field(p, "Locked"), 0);
	CHECK_EQ(total_rss(), status_kb("VmRSS"));

	section("fork: shared with the child (Pss halved), private again once it is gone");
	pid_t pid = paused_child(NULL);
	CHECK(pid > 0);
	CHECK_EQ(field(p, "Rss"), 20);
	CHECK_EQ(field(p, "Shared_Dirty"), 20);
	CHECK_EQ(field(p, "Private_Dirty"), 0);
	CHECK_EQ(field(p, "Pss"), 10);
	kill(pid, SIGKILL);
	int st;
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK_EQ(field(p, "Private_Dirty"), 20);
	CHECK_EQ(field(p, "Pss"), 20);

	section("shared anonymous memory: Rss, not Anonymous; sh in VmFlags");
	char *sh = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(sh != MAP_FAILED);
	sh[0] = sh[PAGE] = 1;
	CHECK_EQ(field(sh, "Rss"), 8);
	CHECK_EQ(field(sh, "Anonymous"), 0);
	CHECK(has_flag(sh, "sh"));
	CHECK(has_flag(sh, "mw"));
	CHECK(!has_flag(p, "sh"));
	CHECK(region_named(sh, "/dev/zero (deleted)"));	/* Linux's name for it */

	section("a shared mapping of a file opened read-only: never writable (no sh, no mw)");
	int ro = open("/bin/sh", O_RDONLY);
	char *rof = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
	CHECK(rof != MAP_FAILED);
	close(ro);
	read_byte(rof);
	CHECK(has_flag(rof, "ms"));
	CHECK(!has_flag(rof, "sh"));
	CHECK(!has_flag(rof, "mw"));
	CHECK_ERR(mprotect(rof, PAGE, PROT_READ | PROT_WRITE), EACCES);
	munmap(rof, PAGE);

	section("a private file mapping: read pages clean, a written one dirty and anonymous");
	int fd = open("/bin/sh", O_RDONLY);
	CHECK(fd >= 0);
	char *f = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(f != MAP_FAILED);
	close(fd);
	read_byte(f);
	read_byte(f + PAGE);
	read_byte(f + 2 * PAGE);
	CHECK_EQ(field(f, "Rss"), 12);
	CHECK_EQ(field(f, "Private_Clean"), 12);
	CHECK_EQ(field(f, "Anonymous"), 0);
	f[PAGE] = 'x';
	CHECK_EQ(field(f, "Private_Clean"), 8);
	CHECK_EQ(field(f, "Private_Dirty"), 4);
	CHECK_EQ(field(f, "Anonymous"), 4);

	section("status splits VmRSS: RssAnon + RssFile + RssShmem; a file page read, then written");
	CHECK_EQ(status_kb("RssAnon") + status_kb("RssFile") + status_kb("RssShmem"), status_kb("VmRSS"));
	CHECK_EQ(status_kb("RssShmem"), 8);		/* sh's two pages, the only shared memory */
	long anon = status_kb("RssAnon"), file = status_kb("RssFile");
	read_byte(f + 3 * PAGE);
	CHECK_EQ(status_kb("RssFile") - file, 4);
	CHECK_EQ(status_kb("RssAnon") - anon, 0);
	f[3 * PAGE] = 'y';
	CHECK_EQ(status_kb("RssFile") - file, 0);
	CHECK_EQ(status_kb("RssAnon") - anon, 4);

	section("mlock: Locked is Rss, lo in VmFlags");
	CHECK_EQ(mlock(p, 8 * PAGE), 0);
	CHECK_EQ(field(p, "Rss"), 32);
	CHECK_EQ(field(p, "Locked"), 32);
	CHECK(has_flag(p, "lo"));
	CHECK_EQ(munlock(p, 8 * PAGE), 0);
	CHECK_EQ(total_rss(), status_kb("VmRSS"));

	section("2000 more regions: smaps (about 1.5 MB of text) and maps list every one");
	enum { MANY = 2000 };
	long before = regions_in("/proc/self/maps");
	/* One region, between guard pages so it merges with no neighbour, then every other
	 * page of it read-only: it splits into MANY + 2. */
	char *gm = mmap(NULL, (MANY + 2) * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(gm != MAP_FAILED);
	long one = regions_in("/proc/self/maps");
	char *m = gm + PAGE;
	int refused = mprotect(m, MANY * PAGE, PROT_READ | PROT_WRITE) != 0;
	for (int i = 1; i < MANY; i += 2)
		refused += mprotect(m + i * PAGE, PAGE, PROT_READ) != 0;
	CHECK_EQ(refused, 0);
	m[(MANY - 2) * PAGE] = 1;
	CHECK_EQ(regions_in("/proc/self/maps"), one + MANY + 1);
	char *t = slurp("/proc/self/smaps");
	CHECK(t != NULL);
	CHECK(strlen(t) > 1000000);
	CHECK_EQ(count_regions(t), one + MANY + 1);
	CHECK_EQ(field_in(t, m + (MANY - 2) * PAGE, "Size"), 4);
	CHECK_EQ(field_in(t, m + (MANY - 2) * PAGE, "Rss"), 4);
	CHECK_EQ(field_in(t, m + (MANY - 1) * PAGE, "Rss"), 0);
	free(t);
	CHECK_EQ(munmap(gm, (MANY + 2) * PAGE), 0);
	CHECK_EQ(regions_in("/proc/self/smaps"), before);
	return vt_done();
}
