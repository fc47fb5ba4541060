/*
 * demo-header: the 16 bytes before every pointer malloc returns (seed
 * article 004), and how free uses them.
 *
 * free(p) is given only a pointer; the size is in the header right before
 * it (libc/malloc/chunk.h):
 *
 *   p - 16: prev_size   the size of the chunk before, when that one is free
 *   p - 12: (padding, so the header is 16 bytes and p stays 16-aligned)
 *   p -  4: head        this chunk's size | flags in the low 4 bits:
 *                       1 PREV_INUSE (the chunk before is in use), 2 MMAPPED
 *
 * The header is malloc's memory that sits inside the heap beside the user's:
 * a program writing before its block overwrites it, and free then aborts.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "demo.h"

#define K 1024

/*
 * The word n words before p (n = 1: head, 4: prev_size). Reading outside the block is
 * what this demo is about; the empty asm hides the address's origin from the compiler,
 * which would otherwise (rightly, for ordinary code) refuse it.
 */
static size_t before(const void *p, int n)
{
	uintptr_t a = (uintptr_t)p - (uintptr_t)n * sizeof(size_t);

	__asm__("" : "+r"(a));
	return *(const size_t *)a;
}

static void dump_header(const char *name, void *p)
{
	size_t head = before(p, 1);

	printf("  %-17s p=%p  [p-16] %08zx %08zx %08zx %08zx\n", name, p, before(p, 4), before(p, 3),
	       before(p, 2), head);
	printf("  %-17s size %zu%s%s, usable %zu\n", "", head & ~(size_t)15,
	       head & 1 ? " | PREV_INUSE" : "", head & 2 ? " | MMAPPED" : "", malloc_usable_size(p));
}

int main(void)
{
	static const size_t sizes[] = { 1, 20, 24, 100, 1000, 5000, 200 * K };
	char name[32], path[96];
	char *p[7], *q, *next;
	size_t i, head;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Small blocks would go through the thread cache, whose free leaves the header as
	   it is; without it free shows what the heap itself does. */
	demo_putenv_early("PAGEWISE_MALLOC_TCACHE=0");
	printf("demo-header: malloc(n) hands out n bytes, and keeps 16 more right before them.\n");

	demo_step("the header of a few blocks (4 words of 4 bytes before p, in hex)");
	for (i = 0; i < 7; i++) {
		p[i] = malloc(sizes[i]);
		snprintf(name, sizeof name, "malloc(%zu)", sizes[i]);
		dump_header(name, p[i]);
		head = before(p[i], 1);
		demo_expect((uintptr_t)p[i] % 16 == 0, "p is not 16-byte aligned");
		demo_expect((head & ~(size_t)15) >= sizes[i] + (head & 2 ? 16 : 8), "the size is too small");
	}
	printf("The chunk size is n + 12 rounded up to a multiple of 16, at least 32: the 16-byte\n"
	       "header, less 4 bytes a block in use borrows from the next chunk's prev_size word\n"
	       "(needed only once it is free). So malloc(1) and malloc(20) take 32 bytes and\n"
	       "malloc(24) takes 48. PREV_INUSE is set: the chunk before each is in use. The\n"
	       "200K block is mmapped: its size is the whole mapping and MMAPPED is set, which\n"
	       "is how free knows to munmap it instead of keeping it.\n");

	demo_step("free reads the header: q = malloc(2000), then free(q)");
	q = malloc(2000);
	next = malloc(64);	/* q's neighbour: it keeps q from merging into the top */
	dump_header("q", q);
	dump_header("next (after q)", next);
	free(q);
	pw_malloc_path_name(pw_malloc_last().path, path, sizeof path);
	printf("free(q) took ((size_t *)q)[-1] & ~15 = %zu as the chunk size, and put it in a %s.\n"
	       "It also marked the neighbour:\n", pw_malloc_last().size, path);
	dump_header("next (after free)", next);
	printf("next's PREV_INUSE bit is now clear and its prev_size holds q's size (%zu): when\n"
	       "next is freed, free walks back that many bytes to find q and merges the two.\n",
	       before(next, 4));
	demo_expect(!(before(next, 1) & 1) && before(next, 4) == 2016,
		    "next's header does not record a free q of 2016 bytes");
	free(next);
	pw_malloc_path_name(pw_malloc_last().path, path, sizeof path);
	printf("free(next): %s, chunk of %zu bytes (q and next together, into the free top).\n", path,
	       pw_malloc_last().size);

	for (i = 0; i < 7; i++)
		free(p[i]);
	printf("\nA program that writes before its block breaks these words, and the next free\n"
	       "stops it (\"free(): invalid pointer\", \"corrupted size vs. prev_size\"), never\n"
	       "silently.\n");
	return demo_exit_status();
}
