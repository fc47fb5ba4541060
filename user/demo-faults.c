/*
 * demo-faults: major and minor page faults (seed article 001).
 *
 * A fault whose page must be read from a file is a major fault; one the
 * kernel serves from memory alone (a zeroed frame, a copy-on-write copy) is a
 * minor fault. The demo maps a program file of the initrd (/bin/sh) and reads
 * one byte per page: every page is read from the file, a major fault each.
 * Then it maps as much anonymous memory and writes one byte per page: zeroed
 * frames, minor faults. getrusage counts both; ps shows the same counters
 * from /proc/PID/stat.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "demo.h"

#define FILE_PATH "/bin/sh"

/* Read (or write) one byte in each page of [p, p + len); returns a sum so the reads stay. */
static unsigned touch(char *p, size_t len, int write)
{
	unsigned sum = 0;
	size_t off;

	for (off = 0; off < len; off += PAGE) {
		if (write)
			((volatile char *)p)[off] = 1;
		else
			sum += ((volatile char *)p)[off];
	}
	return sum;
}

static void report(const char *what, struct demo_faults a, struct demo_faults b)
{
	printf("%s: major faults +%ld, minor faults +%ld\n", what, b.majflt - a.majflt, b.minflt - a.minflt);
}

int main(void)
{
	struct demo_faults f0, f1, f2, f3;
	struct stat st;
	char pid[16], *file, *anon;
	char *ps[] = { "ps", pid, NULL };
	size_t len, pages;
	unsigned sum;
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fd = open(FILE_PATH, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror("demo-faults: " FILE_PATH);
		return 1;
	}
	len = (size_t)st.st_size;
	pages = (len + PAGE - 1) / PAGE;
	demo_warm_up();
	printf("demo-faults: %s is %zu bytes, %zu pages.\n", FILE_PATH, len, pages);

	demo_step("mmap(%s) and read one byte of each page", FILE_PATH);
	file = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	anon = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (file == MAP_FAILED || anon == MAP_FAILED) {
		perror("demo-faults: mmap");
		return 1;
	}
	printf("mapped at %p: %s\n", file, demo_maps_line((uintptr_t)file));
	f0 = demo_faults();
	sum = touch(file, len, 0);
	f1 = demo_faults();
	report("reading the file mapping", f0, f1);
	printf("Each page's first read found no frame; the region says \"this file, at this\n"
	       "offset\", so the kernel took a frame and read 4K of the file into it: a major\n"
	       "fault (on a disk, this is the slow kind: it waits for I/O).\n");
	demo_expect(f1.majflt - f0.majflt == (long)pages && f1.minflt == f0.minflt,
		    "expected %zu major and no minor faults", pages);

	demo_step("read them all again");
	touch(file, len, 0);
	f2 = demo_faults();
	report("reading the same pages again", f1, f2);
	printf("The frames are mapped now: no faults at all.\n");
	demo_expect(f2.majflt == f1.majflt && f2.minflt == f1.minflt, "faults on pages already mapped");

	demo_step("mmap %zu pages of anonymous memory and write one byte of each", pages);
	printf("mapped at %p: %s\n", anon, demo_maps_line((uintptr_t)anon));
	touch(anon, pages * PAGE, 1);
	f3 = demo_faults();
	report("writing the anonymous mapping", f2, f3);
	printf("Anonymous memory has no file behind it: the kernel hands out a zeroed frame,\n"
	       "no I/O, a minor fault each.\n");
	demo_expect(f3.minflt - f2.minflt == (long)pages && f3.majflt == f2.majflt,
		    "expected %zu minor and no major faults", pages);

	demo_step("ps shows the same counters for this process");
	snprintf(pid, sizeof pid, "%d", (int)getpid());
	demo_run(ps);
	printf("(MAJFLT also counts the pages of this program's own file read at start: a\n"
	       "program's code arrives by major faults too.)\n");
	munmap(file, len);
	munmap(anon, pages * PAGE);
	close(fd);
	return sum == 0xffffffffu ? 2 : demo_exit_status();
}
