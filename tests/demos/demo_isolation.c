/*
 * demo-isolation's claim (seed article 004): after fork, parent and child write
 * different values at the same virtual address and each reads back its own.
 * Both writes happen before either read (pipes order them). Checked for a
 * variable in .data, for the heap, and for an anonymous mapping.
 */
#include <sys/mman.h>
#include "demotest.h"

static volatile int in_data = 7;

static void wait_for(int fd)
{
	char c;

	if (read(fd, &c, 1) != 1)
		_exit(3);
}

/* Parent writes 1, child writes 2, both read: 1 if each saw its own. */
static int isolated(volatile int *x)
{
	int to_child[2], to_parent[2], status, seen;
	pid_t pid;

	if (pipe(to_child) < 0 || pipe(to_parent) < 0 || (pid = xfork()) < 0)
		return 0;
	if (pid == 0) {
		wait_for(to_child[0]);
		*x = 2;
		if (write(to_parent[1], "w", 1) != 1)
			_exit(3);
		wait_for(to_child[0]);
		_exit(*x == 2 ? 0 : 1);
	}
	*x = 1;
	if (write(to_child[1], "w", 1) != 1)
		return 0;
	wait_for(to_parent[0]);
	seen = *x;
	if (write(to_child[1], "r", 1) != 1)
		return 0;
	waitpid(pid, &status, 0);
	close(to_child[0]), close(to_child[1]), close(to_parent[0]), close(to_parent[1]);
	return seen == 1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char **argv)
{
	int *heap, *anon;

	check_init(argc, argv);
	section("one address, two processes, two values");
	CHECK(isolated(&in_data));
	heap = malloc(sizeof *heap);
	use(heap);
	CHECK(heap && isolated(heap));
	anon = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(anon != MAP_FAILED && isolated(anon));
	free(heap);
	munmap(anon, PAGE);
	return check_done();
}
