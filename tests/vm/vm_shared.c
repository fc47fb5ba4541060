/*
 * MAP_SHARED|MAP_ANONYMOUS memory is one object across fork: a write on either side is seen
 * by the other, pages first touched after the fork included, while MAP_PRIVATE memory beside
 * it stays copy-on-write. The memory outlives the child's mapping of it, and the child
 * unmapping it leaves the parent's alone.
 */
#include "vmtest.h"

#define NPAGES 4

static char *shared, *private;
static int go[2], back[2];

static void child(void)
{
	char c;

	CHECK_EQ(shared[0], 'A');
	CHECK_EQ(private[0], 'a');
	shared[0] = 'B';                                  /* over a page the parent touched */
	shared[2 * PAGE] = 'C';                           /* a page nobody touched before */
	private[0] = 'b';
	CHECK_EQ(write(back[1], "1", 1), 1);
	CHECK_EQ(read(go[0], &c, 1), 1);                  /* the parent wrote page 3 */
	CHECK_EQ(shared[3 * PAGE], 'D');
	CHECK_EQ(munmap(shared, NPAGES * PAGE), 0);
	fflush(stdout);
	_exit(vt_failed ? 1 : 0);
}

int main(void)
{
	char c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	shared = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(shared != MAP_FAILED);
	if (shared == MAP_FAILED)
		return vt_done();
	private = anon(PAGE);
	CHECK(all_bytes(shared, 0, NPAGES * PAGE));
	shared[0] = 'A';
	private[0] = 'a';
	CHECK_EQ(pipe(go), 0);
	CHECK_EQ(pipe(back), 0);

	section("parent and child share MAP_SHARED|MAP_ANONYMOUS pages both ways");
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		child();
	CHECK_EQ(read(back[0], &c, 1), 1);                /* the child has written */
	CHECK_EQ(shared[0], 'B');
	CHECK_EQ(shared[2 * PAGE], 'C');
	CHECK_EQ(private[0], 'a');                        /* private memory did not follow */
	shared[3 * PAGE] = 'D';
	CHECK_EQ(write(go[1], "2", 1), 1);
	int st = -1;
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK_EXITED0(st);

	section("after the child unmapped it and exited, the memory is still there for the parent");
	CHECK_EQ(shared[0], 'B');
	CHECK_EQ(shared[2 * PAGE], 'C');
	CHECK_EQ(shared[3 * PAGE], 'D');
	CHECK_EQ(shared[PAGE], 0);
	shared[PAGE] = 'E';
	CHECK_EQ(shared[PAGE], 'E');

	section("a shared mapping split by munmap: the rest still shared with a new child");
	CHECK_EQ(munmap(shared + PAGE, PAGE), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		shared[2 * PAGE] = 'F';
		_exit(shared[0] == 'B' ? 0 : 1);
	}
	st = -1;
	CHECK_EQ(wait4(pid, &st, 0, NULL), pid);
	CHECK_EXITED0(st);
	CHECK_EQ(shared[2 * PAGE], 'F');
	CHECK_EQ(munmap(shared, NPAGES * PAGE), 0);
	return vt_done();
}
