/*
 * /proc/PID/pagemap: from a virtual page to the physical frame behind it (Linux's
 * Documentation/admin-guide/mm/pagemap.rst; 8 bytes a page, bit 63 present, bits 0-54 the
 * frame number, bit 56 the frame's only mapping, bit 61 shared memory).
 *   - an untouched page reads 0; a written one has a frame of its own, alone;
 *   - reads of untouched pages map one frame, the zero page, the same for every page and
 *     every process, never "alone";
 *   - after fork, parent and child read the same frame for a private page (copy-on-write)
 *     until the child writes it: then the child's frame is another, and each is alone again;
 *   - shared anonymous memory: bit 61, the same frame in both processes, also read through
 *     /proc/CHILD/pagemap;
 *   - an unmapped page reads 0; the offset and the count must be whole entries (EINVAL);
 *     nothing past the user half.
 * Frame numbers are the kernel's: checked on pagewise. Under qemu-user, which stands in for
 * Linux in the host run, the guest's addresses are not the host's, so there only the errors
 * are checked.
 */
#include <fcntl.h>
#include "vmtest.h"

#define PRESENT (1ull << 63)
#define SHARED_MEM (1ull << 61)
#define ALONE (1ull << 56)
#define PFN(e) ((e) & ((1ull << 55) - 1))

static uint64_t entry_of(pid_t pid, const void *addr)
{
	char path[64];
	uint64_t e = ~0ull;
	snprintf(path, sizeof path, "/proc/%d/pagemap", (int)pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return ~0ull;
	if (pread(fd, &e, sizeof e, (off_t)((uintptr_t)addr / PAGE) * 8) != sizeof e)
		e = ~0ull;
	close(fd);
	return e;
}

static uint64_t mine(const void *addr) { return entry_of(getpid(), addr); }

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	setvbuf(stdout, NULL, _IOLBF, 0);
	int pw = on_pagewise();

	section("pagemap's errors: the offset and the count in whole entries");
	int fd = open("/proc/self/pagemap", O_RDONLY);
	CHECK(fd >= 0);
	uint64_t e[4];
	CHECK_ERR(pread(fd, e, 8, 4), EINVAL);
	CHECK_ERR(pread(fd, e, 12, 0), EINVAL);
	if (pw)		/* qemu-user is a 64-bit process on the host: its user half goes on */
		CHECK_EQ(pread(fd, e, 8, (off_t)0xC0000000u / PAGE * 8), 0);	/* past the user half */
	CHECK_ERR(write(fd, e, 8), EBADF);
	close(fd);
	if (!pw) {
		printf("note: not pagewise: the frames themselves are not checked\n");
		return vt_done();
	}

	section("an untouched page reads 0; a written one has a frame of its own");
	char *p = anon(4 * PAGE);
	CHECK_EQ(mine(p), 0);
	p[0] = 1;
	uint64_t w = mine(p);
	CHECK((w & PRESENT) && PFN(w) != 0);
	CHECK(w & ALONE);
	CHECK(!(w & SHARED_MEM));
	long total_kb = proc_kb("/proc/meminfo", "MemTotal");
	CHECK(PFN(w) * 4 < (uint64_t)total_kb + 64 * 1024);	/* a frame of this machine's RAM */

	section("reads of untouched pages: the one zero page, in every process");
	read_byte(p + PAGE);
	read_byte(p + 2 * PAGE);
	uint64_t z1 = mine(p + PAGE), z2 = mine(p + 2 * PAGE);
	CHECK((z1 & PRESENT) && PFN(z1) == PFN(z2));
	CHECK(!(z1 & ALONE));
	CHECK(PFN(z1) != PFN(w));

	section("fork: the same frame on both sides until the child writes");
	int to_parent[2];
	CHECK_EQ(pipe(to_parent), 0);
	char *sh = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(sh != MAP_FAILED);
	sh[0] = 1;
	uint64_t s = mine(sh);
	CHECK((s & PRESENT) && (s & SHARED_MEM) && (s & ALONE));
	pid_t pid = fork();
	if (pid == 0) {
		uint64_t seen[5];
		seen[0] = mine(p);			/* shared copy-on-write */
		seen[1] = mine(p + PAGE);		/* the zero page */
		p[0] = 2;
		seen[2] = mine(p);			/* its own copy now */
		seen[3] = mine(sh);			/* shared memory */
		read_byte(sh);
		seen[4] = mine(sh);
		ssize_t n = write(to_parent[1], seen, sizeof seen);
		_exit(n == sizeof seen ? 0 : 1);
	}
	uint64_t seen[5] = { 0 };
	CHECK_EQ(read(to_parent[0], seen, sizeof seen), sizeof seen);
	CHECK_EQ(PFN(seen[0]), PFN(w));
	CHECK(!(seen[0] & ALONE));
	CHECK_EQ(PFN(seen[1]), PFN(z1));
	CHECK((seen[2] & PRESENT) && PFN(seen[2]) != PFN(w) && (seen[2] & ALONE));
	CHECK_EQ(PFN(seen[4]), PFN(s));
	CHECK(seen[4] & SHARED_MEM);
	int st = -1;
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK_EXITED0(st);
	uint64_t w2 = mine(p);
	CHECK_EQ(PFN(w2), PFN(w));	/* the parent kept its frame */
	CHECK(w2 & ALONE);		/* and is its only user again */

	section("another process's pagemap: the shared page's frame, through /proc/CHILD/pagemap");
	pid = paused_child(sh);
	CHECK(pid > 0);
	uint64_t theirs = entry_of(pid, sh);
	CHECK_EQ(PFN(theirs), PFN(s));
	CHECK(!(theirs & ALONE));	/* two mappings now */
	CHECK_EQ(entry_of(pid, (char *)0x10000), 0);	/* nothing mapped there */
	kill(pid, SIGKILL);
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);

	section("munmap: the page reads 0 again");
	CHECK_EQ(munmap(p, 4 * PAGE), 0);
	CHECK_EQ(mine(p), 0);
	return vt_done();
}
