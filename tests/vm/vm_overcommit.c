/*
 * Overcommit as Linux does it by default: a 1 GiB anonymous mapping succeeds on a machine with
 * far less RAM (the runner's default is 128 MiB; the issue asks for 64 MiB and it passes
 * there too), because nothing is allocated until touched. Touching 10 of its pages costs
 * exactly 10 minor faults and 40 kB of VmRSS; VmSize grows by the whole GiB.
 */
#include "vmtest.h"

#define GIB (1024u * 1024u * 1024u)
#define TOUCHED 10

static __attribute__((noinline)) void touch(char *p, size_t stride, int count)
{
	for (int i = 0; i < count; i++)
		p[(size_t)i * stride] = 1;
}

int main(void)
{
	struct counts a, b;
	int pw = on_pagewise();

	setvbuf(stdout, NULL, _IOLBF, 0);
	char *warm = anon(PAGE);
	touch(warm, 0, 1);
	counts_now(&a);
	touch(warm, 0, 1);                 /* warm-up of exactly the path measured below */
	counts_now(&b);

	long total = proc_kb("/proc/meminfo", "MemTotal");
	if (total > 0)
		printf("MemTotal %ld kB\n", total);
	if (pw && total > 0 && total >= 1024 * 1024)
		printf("note: this machine has 1 GiB or more: overcommit is not what is tested\n");

	section("mmap of 1 GiB of anonymous memory succeeds");
	long vm_before = status_kb("VmSize");
	char *big = mmap(NULL, GIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(big != MAP_FAILED);
	if (big == MAP_FAILED) {
		printf("     errno %d (%s)\n", errno, strerror(errno));
		return vt_done();
	}
	long vm_after = status_kb("VmSize");
	if (pw && vm_before >= 0)
		CHECK_EQ(vm_after - vm_before, GIB / 1024);

	section("touching 10 pages spread over it: exactly 10 minor faults, VmRSS +40 kB");
	counts_now(&a);
	touch(big, GIB / TOUCHED, TOUCHED);
	counts_now(&b);
	printf("  %ld minor faults, VmRSS +%ld kB\n", b.minflt - a.minflt, b.rss_kb - a.rss_kb);
	if (pw) {
		CHECK_EQ(b.minflt - a.minflt, TOUCHED);
		if (have_rss())
			CHECK_EQ(b.rss_kb - a.rss_kb, TOUCHED * 4);
	}
	for (int i = 0; i < TOUCHED; i++) {
		CHECK_EQ(big[(size_t)i * (GIB / TOUCHED)], 1);
		CHECK_EQ(big[(size_t)i * (GIB / TOUCHED) + 1], 0);
	}

	section("a second 1 GiB mapping also succeeds (2 GiB of address space, 40 kB of memory)");
	char *big2 = mmap(NULL, GIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(big2 != MAP_FAILED);
	if (big2 != MAP_FAILED) {
		big2[GIB - 1] = 2;
		CHECK_EQ(big2[GIB - 1], 2);
		munmap(big2, GIB);
	}

	section("munmap gives back the 40 kB");
	counts_now(&a);
	CHECK_EQ(munmap(big, GIB), 0);
	counts_now(&b);
	if (pw && have_rss())
		CHECK_EQ(a.rss_kb - b.rss_kb, TOUCHED * 4);
	return vt_done();
}
