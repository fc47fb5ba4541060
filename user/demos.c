/*
 * demos: run every demo, in the order of the seed articles' story.
 *
 *   demos [-l]       -l: only list them
 *
 * Each demo runs as its own process (from PATH, /bin), with a banner before
 * it. A demo exits 1 when what it shows did not come out as the articles
 * say ("UNEXPECTED: ..." in its output); demos reports those at the end and
 * exits with their number.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "demo.h"
#include "userlib.h"

static const struct {
	const char *name, *what;
} demos[] = {
	{ "demo-1gib", "malloc(1 GiB) on a small machine: virtual until touched" },
	{ "demo-abcd", "A, B, C, D: brk, mmap, bins, merging, trimming" },
	{ "demo-threshold", "why small blocks use brk and big ones mmap" },
	{ "demo-header", "the 16-byte header before every block" },
	{ "demo-segv", "a read past the break: segmentation fault" },
	{ "demo-faults", "major faults (file) and minor faults (anonymous)" },
	{ "demo-isolation", "one address, two processes, two values" },
	{ "demo-toy", "a toy sbrk-only malloc beside the real one" },
	{ "demo-cow", "fork and copy-on-write" },
	{ "demo-threads", "threads: 8 MiB stacks that cost a page, one shared memory" },
	{ "demo-resident", "which pages are in memory (mincore), and all at once (mlock)" },
	{ "demo-pagetables", "what the page tables themselves cost, sparse and dense" },
	{ "demo-shm", "System V shared memory: one frame, two processes, three addresses" },
};
#define NDEMOS (sizeof demos / sizeof demos[0])

int main(int argc, char **argv)
{
	char *args[2] = { NULL, NULL };
	const char *failed[NDEMOS];
	size_t i, nfailed = 0;
	int status;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		for (i = 0; i < NDEMOS; i++)
			printf("%-15s %s\n", demos[i].name, demos[i].what);
		return 0;
	}
	for (i = 0; i < NDEMOS; i++) {
		printf("\n######## %zu/%zu %s: %s\n\n", i + 1, NDEMOS, demos[i].name, demos[i].what);
		args[0] = (char *)demos[i].name;
		status = demo_run(args);
		if (status != 0) {
			failed[nfailed++] = demos[i].name;
			printf("\n%s: %s %d\n", demos[i].name,
			       status == -1 ? "could not run, status" :
			       WIFSIGNALED(status) ? "killed by signal" : "exit status",
			       status == -1 ? -1 : WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		}
	}
	printf("\n######## demos: %zu of %zu as the articles say", NDEMOS - nfailed, NDEMOS);
	for (i = 0; i < nfailed; i++)
		printf("%s%s", i ? ", " : "; not: ", failed[i]);
	printf("\n");
	return (int)nfailed;
}
