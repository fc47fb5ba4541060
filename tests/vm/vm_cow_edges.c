/*
 * The corners of copy-on-write where kernels go wrong: the shared zero page across fork,
 * mprotect giving PROT_WRITE back to pages still shared with a child (they must stay
 * copy-on-write), MADV_DONTNEED and munmap on one side only, and a private file mapping
 * written before the fork. Each time the other side must keep exactly what it had.
 */
#include "vmtest.h"

#define RW (PROT_READ | PROT_WRITE)

static int go[2];

static void wait_go(void)
{
	char c;

	if (read(go[0], &c, 1) != 1)
		_exit(90);
}

/* Fork a child that waits for the parent's go, then exits 0 iff all n bytes at p are c. */
static pid_t child_expecting(const char *p, size_t n, int c)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		wait_go();
		_exit(all_bytes(p, c, n) ? 0 : 1);
	}
	return pid;
}

static int finish(pid_t pid)
{
	int st = -1;

	if (write(go[1], "g", 1) != 1 || wait4(pid, &st, 0, NULL) != pid)
		return -1;
	return st;
}

int main(int argc, char **argv)
{
	(void)argc;
	setvbuf(stdout, NULL, _IOLBF, 0);
	CHECK_EQ(pipe(go), 0);

	section("the zero page across fork: the child's write is its own");
	char *z = anon(2 * PAGE);
	CHECK_EQ(z[0], 0);                                 /* maps the zero page */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		z[0] = 1;
		_exit(z[0] == 1 && z[PAGE] == 0 ? 0 : 1);
	}
	int st = -1;
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK_EXITED0(st);
	CHECK_EQ(z[0], 0);
	z[1] = 2;                                          /* and the parent gets its own frame */
	CHECK_EQ(z[0], 0);
	CHECK_EQ(z[1], 2);

	section("mprotect read-only and back while a child shares the pages: still copy-on-write");
	char *b = anon(4 * PAGE);
	memset(b, 'P', 4 * PAGE);
	pid = child_expecting(b, 4 * PAGE, 'P');
	CHECK_EQ(mprotect(b, 4 * PAGE, PROT_READ), 0);
	CHECK_EQ(mprotect(b, 4 * PAGE, RW), 0);
	memset(b, 'X', 4 * PAGE);
	CHECK_EXITED0(finish(pid));
	CHECK(all_bytes(b, 'X', 4 * PAGE));

	section("MADV_DONTNEED in the parent: its pages read zero, the child keeps the data");
	pid = child_expecting(b, 4 * PAGE, 'X');
	CHECK_EQ(madvise(b, 4 * PAGE, MADV_DONTNEED), 0);
	CHECK(all_bytes(b, 0, 4 * PAGE));
	CHECK_EXITED0(finish(pid));

	section("munmap in the parent: the child keeps the memory");
	memset(b, 'M', 4 * PAGE);
	pid = child_expecting(b, 4 * PAGE, 'M');
	CHECK_EQ(munmap(b, 4 * PAGE), 0);
	CHECK_EXITED0(finish(pid));

	section("a private file mapping written before fork: the child sees the written copy");
	int fd = open(argv[0], O_RDONLY);
	char *f = fd < 0 ? MAP_FAILED : mmap(NULL, 2 * PAGE, RW, MAP_PRIVATE, fd, 0);
	CHECK(f != MAP_FAILED);
	if (f != MAP_FAILED) {
		memset(f, 'F', PAGE);
		pid = child_expecting(f, PAGE, 'F');
		memset(f, 'G', PAGE);                      /* after the fork: not the child's */
		CHECK_EXITED0(finish(pid));
		CHECK(all_bytes(f, 'G', PAGE));
		munmap(f, 2 * PAGE);
	}
	if (fd >= 0)
		close(fd);
	return vt_done();
}
