/*
 * crash.c - misuse the allocator on purpose; it must stop the program.
 *
 *   crash CASE
 *
 * Prints "ptr=<pointer>" for the pointer it is about to misuse, then does
 * it. The test runner expects SIGABRT and one line on stderr that names the
 * problem and that pointer; exit code 0 means the misuse went unnoticed.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void announce(const void *p)
{
	printf("ptr=%p\n", p);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	char *p = malloc(40), *q = malloc(40);
	char *big = malloc(3000), *big2 = malloc(3000), *guard = malloc(3000);
	char *huge = malloc(1 << 20);
	(void)q;
	(void)guard;

	if (!strcmp(c, "double-free-small")) {	/* caught in the thread cache */
		announce(p);
		free(p);
		free(p);
	} else if (!strcmp(c, "double-free-bin")) {	/* caught by the boundary tag */
		announce(big);
		free(big);
		free(big);
	} else if (!strcmp(c, "double-free-top")) {	/* merged into the top */
		printf("%s\n", c);	/* stdout's buffer is made before last */
		char *last = malloc(3000);
		announce(last);
		free(last);
		free(last);
	} else if (!strcmp(c, "double-free-mmap")) {
		char *h = malloc(1 << 20);
		memset(h, 0, 64);
		free(huge);
		announce(h);
		free(h);
		free(h);	/* mapping gone: check sees a bad header or faults */
	} else if (!strcmp(c, "invalid-pointer")) {	/* never returned by malloc */
		static _Alignas(16) char not_heap[64];
		announce(not_heap + 16);
		free(not_heap + 16);
	} else if (!strcmp(c, "interior-pointer")) {
		memset(big, 0, 3000);
		announce(big + 32);
		free(big + 32);
	} else if (!strcmp(c, "misaligned")) {
		announce(p + 1);
		free(p + 1);
	} else if (!strcmp(c, "overflow")) {	/* into the next chunk's header */
		announce(p);
		memset(p, 'A', 64);
		free(p);	/* into the thread cache, if there is one */
		malloc_trim(0);	/* which is given back to the heap here */
	} else if (!strcmp(c, "overflow-cache-full")) {
		char *more[64];
		for (int i = 0; i < 64; i++)
			more[i] = malloc(40);
		announce(p);
		memset(p, 'A', 64);
		free(p);	/* the oldest in its list of the thread cache */
		for (int i = 0; i < 64; i++)	/* the list fills: the oldest go */
			if (more[i] != p + 48)	/* not the block whose header broke */
				free(more[i]);
	} else if (!strcmp(c, "overflow-bin")) {
		announce(big);
		memset(big, 'B', 3000 + 24);
		free(big);
	} else if (!strcmp(c, "corrupt-header")) {
		announce(big);
		((size_t *)big)[-1] = 12345;
		free(big);
	} else if (!strcmp(c, "corrupt-footer")) {	/* prev_size of big2 */
		free(big);
		announce(big2);
		((size_t *)big2)[-(16 / sizeof(size_t))] = 0x41414141;
		free(big2);
	} else if (!strcmp(c, "corrupt-mmap-header")) {
		announce(huge);
		((size_t *)huge)[-1] ^= 0x1000 + 0x10;
		free(huge);
	} else if (!strcmp(c, "realloc-invalid")) {
		static _Alignas(16) char not_heap[64];
		announce(not_heap + 16);
		(void)!realloc(not_heap + 16, 100);
	} else {
		fprintf(stderr, "crash: unknown case '%s'\n", c);
		return 2;
	}
	return 0;	/* the allocator did not notice */
}
