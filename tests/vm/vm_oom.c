/*
 * Out of memory at fault time: a child that writes more memory than the machine has (twice
 * MemTotal; mmap itself succeeds, Linux-style overcommit) is killed with SIGKILL, the kernel
 * printing its "out of memory: killed pid N" line on the console, and nothing else dies:
 * this parent carries on, every frame comes back (a second hog returns all it took; the
 * kernel may keep a few kB the first time), and a new child can fault memory in again.
 * The runner's free-memory check and the next test confirm it.
 *
 * On Linux (qemu-i386 on a big host) the hog would only eat the host's memory: skipped.
 */
#include "vmtest.h"

#define MIB (1024u * 1024u)

static size_t hog_bytes;

static void hog(void *arg)
{
	(void)arg;
	char *p = mmap(NULL, hog_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(2);                                /* no overcommit: a different failure */
	for (size_t off = 0; off < hog_bytes; off += PAGE)
		p[off] = 1;
	_exit(3);                                        /* survived: nothing was enforced */
}

static void modest(void *arg)
{
	size_t len = (size_t)(uintptr_t)arg;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(2);
	memset(p, 7, len);
	_exit(all_bytes(p, 7, len) ? 0 : 4);
}

/* MemFree once it is back to want, or what it is after a second: reaping finishes a little
 * after wait4 returns (the child's kernel stack). */
static long settled(long want)
{
	long now = memfree_kb();

	for (int i = 0; i < 50 && now != want; i++) {
		usleep(20000);
		now = memfree_kb();
	}
	return now;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!on_pagewise()) {
		printf("note: not pagewise: the out-of-memory kill is not tried on this host\n");
		return vt_done();
	}
	long total = proc_kb("/proc/meminfo", "MemTotal");
	long before = memfree_kb();
	CHECK(total > 0 && before > 0);
	if (total <= 0)
		return vt_done();
	hog_bytes = (size_t)total * 1024 * 2;
	if (hog_bytes > 1536 * MIB)
		hog_bytes = 1536 * MIB;
	printf("MemTotal %ld kB, MemFree %ld kB; the hog maps and writes %zu MiB\n", total, before,
	       hog_bytes / MIB);

	section("a child writing twice the machine's memory is killed with SIGKILL");
	CHECK_KILLED(child_status(hog, NULL), SIGKILL);
	long first = settled(before);
	printf("  MemFree %ld kB before, %ld kB after\n", before, first);

	/* Like the runner: the kernel may keep a little the first time a path runs (its heap
	 * growing under pressure); a second hog must then give back everything it took. */
	section("a second hog is killed too, and every frame it took comes back");
	CHECK_KILLED(child_status(hog, NULL), SIGKILL);
	long second = settled(first);
	printf("  MemFree %ld kB after the second (the first run kept %ld kB)\n", second, before - first);
	CHECK_EQ(second, first);
	CHECK(before - first <= 64);                     /* a cache, not the hog's memory */

	section("the system is usable: a child can fault in a quarter of memory and exit 0");
	CHECK_EXITED0(child_status(modest, (void *)(uintptr_t)((size_t)total * 1024 / 4)));
	CHECK_EQ(settled(second), second);
	return vt_done();
}
