/*
 * demo-faults' claim (seed article 001): reading a file mapping faults once per page,
 * each a major fault (the page is read from the file); writing anonymous memory
 * faults once per page, each a minor fault; pages already mapped do not fault; and
 * /proc/self/stat (what ps shows) counts the same as getrusage.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "demotest.h"

static unsigned read_pages(const char *p, size_t len)
{
	unsigned sum = 0;

	for (size_t off = 0; off < len; off += PAGE)
		sum += ((volatile const char *)p)[off];
	return sum;
}

int main(int argc, char **argv)
{
	struct demo_faults f0, f1, f2, f3;
	struct demo_stat st0, st1;
	struct stat sb;
	size_t len, pages;
	char *file, *anon;
	int fd;

	check_init(argc, argv);
	fd = open("/bin/sh", O_RDONLY);
	CHECK(fd >= 0 && fstat(fd, &sb) == 0);
	if (fd < 0)
		return check_done();
	len = (size_t)sb.st_size;
	pages = (len + PAGE - 1) / PAGE;
	file = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	anon = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(file != MAP_FAILED && anon != MAP_FAILED);
	if (file == MAP_FAILED || anon == MAP_FAILED)
		return check_done();
	demo_warm_up();

	section("a file mapping: one major fault per page");
	f0 = demo_faults();
	read_pages(file, len);
	f1 = demo_faults();
	CHECK_EQ(f1.majflt - f0.majflt, pages);
	CHECK_EQ(f1.minflt - f0.minflt, 0);

	section("pages already mapped: no fault");
	read_pages(file, len);
	f2 = demo_faults();
	CHECK_EQ(f2.majflt - f1.majflt, 0);
	CHECK_EQ(f2.minflt - f1.minflt, 0);

	section("anonymous memory: one minor fault per page");
	CHECK_EQ(demo_read_stat(getpid(), &st0), 0);
	touch_pages(anon, pages * PAGE);
	f3 = demo_faults();
	CHECK_EQ(f3.minflt - f2.minflt, pages);
	CHECK_EQ(f3.majflt - f2.majflt, 0);

	section("/proc/self/stat agrees with getrusage");
	CHECK_EQ(demo_read_stat(getpid(), &st1), 0);
	CHECK_EQ(st1.minflt - st0.minflt, pages);
	CHECK_EQ((long)st1.majflt, demo_faults().majflt);
	CHECK_EQ((long)st1.minflt, demo_faults().minflt);
	munmap(file, len);
	munmap(anon, pages * PAGE);
	close(fd);
	return check_done();
}
