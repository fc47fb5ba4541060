/*
 * frames: the physical frame behind each page of a process, from /proc/PID/pagemap.
 *
 *   frames PID [ADDR[-END]]      ("self" for frames' own; hex addresses)
 *
 * Region by region (the lines of /proc/PID/maps), each page in memory with its frame
 * number, "alone" when this is the frame's only mapping, "shared" when another mapping has
 * it too (copy-on-write after fork, the zero page, shared memory), with how many mappings
 * the frame has in all processes (/proc/kpagecount) and "zero page" for the one frame every
 * untouched read maps (/proc/kpageflags); runs of pages not in memory on one line. With
 * ADDR, only the page there; with ADDR-END, only that range.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "demo.h"

static char maps[65536];

static int count_fd = -1, flags_fd = -1;

/* The frame's word in /proc/kpagecount or /proc/kpageflags; 0 when it cannot be read. */
static unsigned long long frame_word(int fd, unsigned long frame)
{
	unsigned long long w = 0;
	if (fd < 0 || pread(fd, &w, sizeof w, (off_t)frame * 8) != sizeof w)
		return 0;
	return w;
}

#define KPF_ZERO_PAGE (1ull << 24)

static void show_range(int fd, unsigned long start, unsigned long end)
{
	unsigned long absent = 0, absent_from = 0;
	for (unsigned long va = start; va < end; va += PAGE) {
		unsigned long long e = demo_pagemap_entry(fd, va);
		if (!(e & PAGEMAP_PRESENT)) {
			if (!absent++)
				absent_from = va;
			continue;
		}
		if (absent)
			printf("    %08lx-%08lx  not in memory (%lu pages)\n", absent_from, va, absent);
		absent = 0;
		unsigned long frame = PAGEMAP_FRAME(e);
		unsigned long long maps = frame_word(count_fd, frame);
		printf("    %08lx  frame 0x%lx  %s%s", va, frame, e & PAGEMAP_ALONE ? "alone" : "shared",
		       e & PAGEMAP_SHARED_MEM ? ", shared memory" : "");
		if (frame_word(flags_fd, frame) & KPF_ZERO_PAGE)
			printf(", zero page");
		else if (maps > 1)
			printf(", %llu mappings", maps);
		printf("\n");
	}
	if (absent)
		printf("    %08lx-%08lx  not in memory (%lu pages)\n", absent_from, end, absent);
}

int main(int argc, char **argv)
{
	char path[64], *line, *save = NULL;
	unsigned long lo = 0, hi = ~0ul;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: frames PID [ADDR[-END]]   (PID may be self)\n");
		return 2;
	}
	if (argc == 3) {
		char *dash;
		lo = strtoul(argv[2], &dash, 16) & ~(unsigned long)(PAGE - 1);
		hi = *dash == '-' ? strtoul(dash + 1, NULL, 16) : lo + PAGE;
	}
	snprintf(path, sizeof path, "/proc/%s/maps", argv[1]);
	if (demo_read_file(path, maps, sizeof maps) < 0) {
		fprintf(stderr, "frames: no process %s\n", argv[1]);
		return 1;
	}
	snprintf(path, sizeof path, "/proc/%s/pagemap", argv[1]);
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror("frames: pagemap");
		return 1;
	}
	count_fd = open("/proc/kpagecount", O_RDONLY);
	flags_fd = open("/proc/kpageflags", O_RDONLY);
	for (line = strtok_r(maps, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *p;
		unsigned long start = strtoul(line, &p, 16), end = strtoul(p + 1, NULL, 16);
		if (end <= lo || start >= hi)
			continue;
		printf("%s\n", line);
		show_range(fd, start > lo ? start : lo, end < hi ? end : hi);
	}
	close(fd);
	return 0;
}
