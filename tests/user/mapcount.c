/*
 * A program cannot turn all of memory into kernel bookkeeping. Every mapping that cannot merge
 * with its neighbour (here: one page each, protections alternating) costs the kernel a region
 * record but the program no resident page, so the out-of-memory killer, which counts resident
 * pages, would not see who is to blame. As Linux (vm.max_map_count, 65530), mmap, mprotect and
 * munmap fail with ENOMEM once a process has that many regions, and the rest of the system
 * carries on. (Without the limit, one such program ate all 128 MiB in region records and the
 * OOM killer killed runtests, then init.)
 */
#include <stdint.h>
#include <sys/mman.h>
#include "check.h"

#define MAX_MAP_COUNT 65530
#define MANY 100000

static int pagewise;

/* Map pages one at a time until mmap fails; exit 0 if it failed with ENOMEM near the limit
 * and splitting a region by munmap is refused too. */
static void map_until_refused(void)
{
	int n, prot = PROT_READ;
	char *big = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big == MAP_FAILED)
		_exit(3);
	for (n = 0; n < MANY; n++) {
		if (mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
			break;
		prot ^= PROT_WRITE;
	}
	int mmap_err = errno;
	printf("     %d mappings before mmap failed (%s)\n", n, n < MANY ? strerror(mmap_err) : "it did not");
	if (n == MANY || mmap_err != ENOMEM || n < MAX_MAP_COUNT - 1000)
		_exit(1);
	/* A hole in the middle of a region makes one more: refused, and the page stays (not
	 * checked under qemu-i386, whose own mappings the host counts too). */
	if (pagewise && (munmap(big + 4096, 4096) == 0 || errno != ENOMEM || big[4096] != 0))
		_exit(2);
	_exit(0);
}

static void touch_memory(void)
{
	size_t len = 4 << 20;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		_exit(1);
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
	_exit(0);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	pagewise = on_pagewise();
	int st;

	section("mapping page by page stops with ENOMEM at Linux's vm.max_map_count");
	st = status_of(map_until_refused);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0))
		printf("     %s\n", status_text(st));

	section("afterwards another process can still fault in 4 MiB");
	st = status_of(touch_memory);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return check_done();
}
