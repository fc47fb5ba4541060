/*
 * random.c - long random sequences of allocator calls, checked against a
 * model: a table of what each live block should hold.
 *
 *   random SEED OPS [tight]
 *
 * Every block is filled with a pattern derived from its tag; before it is
 * freed or resized the pattern is checked, so a block handed out twice, an
 * overlap, a bad copy in realloc or a calloc that is not zero shows up as a
 * wrong byte. "tight" sets tiny thresholds so mmap, mremap and trimming run
 * all the time. Exits non-zero on the first mismatch.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 2000

struct slot {
	unsigned char *p;
	size_t size;
	unsigned tag;
};

static struct slot slot[SLOTS];
static uint64_t rng;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* Mostly small, some medium, a few past the mmap threshold. */
static size_t pick_size(void)
{
	uint32_t r = rnd() % 1000;
	if (r < 700)
		return rnd() % 256;
	if (r < 900)
		return rnd() % 4096;
	if (r < 990)
		return rnd() % 65536;
	return 100000 + rnd() % 900000;
}

static unsigned char pat(unsigned tag, size_t i)
{
	return (unsigned char)(tag * 31u + (unsigned)i * 7u + 1u);
}

/* Which bytes of an n-byte block to fill and check: all of a small block,
 * a sample of a big one (first and last 256 bytes, one per 4 KiB). */
static size_t next_pos(size_t i, size_t n)
{
	if (n <= 4096 || i < 256 || i + 256 >= n)
		return i + 1;
	size_t j = (i + 4096) & ~(size_t)4095;
	return j < n - 256 ? j : n - 256;
}

#define FOR_BYTES(n, i) for (size_t i = 0; i < (n); i = next_pos(i, (n)))

static void fill(struct slot *s)
{
	FOR_BYTES(s->size, i)
		s->p[i] = pat(s->tag, i);
}

static int check(const struct slot *s, size_t n, const char *when)
{
	FOR_BYTES(s->size, i)
		if (i < n && s->p[i] != pat(s->tag, i)) {
			printf("FAIL random: block %p size %zu byte %zu wrong %s\n",
			       (void *)s->p, s->size, i, when);
			return 0;
		}
	return 1;
}

static int zero(const unsigned char *p, size_t n)
{
	FOR_BYTES(n, i)
		if (p[i])
			return 0;
	return 1;
}

static int cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	return x->p < y->p ? -1 : x->p > y->p;
}

/* No two live blocks may overlap. */
static int disjoint(void)
{
	static struct slot live[SLOTS];
	int n = 0;
	for (int i = 0; i < SLOTS; i++)
		if (slot[i].p)
			live[n++] = slot[i];
	qsort(live, (size_t)n, sizeof live[0], cmp);
	for (int i = 1; i < n; i++)
		if (live[i - 1].p + live[i - 1].size > live[i].p) {
			printf("FAIL random: %p+%zu overlaps %p\n", (void *)live[i - 1].p,
			       live[i - 1].size, (void *)live[i].p);
			return 0;
		}
	return 1;
}

static int allocate(struct slot *s, unsigned tag)
{
	size_t n = pick_size();
	size_t align = 16;
	int zeroed = 0;
	void *p = NULL;
	switch (rnd() % 8) {
	case 0:
		p = calloc(1 + n / 64, 64);
		n = (1 + n / 64) * 64;
		zeroed = 1;
		break;
	case 1:
		align = (size_t)32 << (rnd() % 8);
		p = memalign(align, n);
		break;
	case 2:
		align = (size_t)16 << (rnd() % 6);
		if (posix_memalign(&p, align, n))
			p = NULL;
		break;
	case 3:
		p = realloc(NULL, n);
		break;
	default:
		p = malloc(n);
	}
	if (!p || (uintptr_t)p % align || malloc_usable_size(p) < n) {
		printf("FAIL random: bad block %p for %zu bytes aligned %zu\n", p, n, align);
		return 0;
	}
	if (zeroed && !zero(p, n)) {
		printf("FAIL random: calloc(%zu) not zero\n", n);
		return 0;
	}
	*s = (struct slot){ p, n, tag };
	fill(s);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: random SEED OPS [tight]\n");
		return 2;
	}
	rng = strtoull(argv[1], NULL, 0) * 0x9e3779b97f4a7c15ull + 1;
	long ops = atol(argv[2]);
	if (argc > 3 && !strcmp(argv[3], "tight")) {
		mallopt(M_MMAP_THRESHOLD, 4096);
		mallopt(M_TRIM_THRESHOLD, 4096);
		mallopt(M_TOP_PAD, 0);
	}
	for (long op = 0; op < ops; op++) {
		struct slot *s = &slot[rnd() % SLOTS];
		unsigned tag = (unsigned)op;
		if (!s->p) {
			if (!allocate(s, tag))
				return 1;
			continue;
		}
		if (!check(s, s->size, "before free/realloc"))
			return 1;
		if (rnd() % 3) {
			free(s->p);
			s->p = NULL;
			continue;
		}
		size_t n = pick_size() + 1, keep = n < s->size ? n : s->size;
		unsigned char *q = realloc(s->p, n);
		if (!q) {
			printf("FAIL random: realloc(%zu) failed, errno %d\n", n, errno);
			return 1;
		}
		s->p = q;
		if (!check(s, keep, "after realloc"))
			return 1;
		s->size = n;
		s->tag = tag;
		fill(s);
		if (op % 20000 == 0 && !disjoint())
			return 1;
		if (op % 50000 == 0)
			malloc_trim(rnd() % 65536);
	}
	if (!disjoint())
		return 1;
	for (int i = 0; i < SLOTS; i++)
		if (slot[i].p) {
			if (!check(&slot[i], slot[i].size, "at the end"))
				return 1;
			free(slot[i].p);
		}
	if (mallinfo2().hblks != 0) {
		printf("FAIL random: %zu mapped blocks left after freeing all\n", mallinfo2().hblks);
		return 1;
	}
	printf("random: %ld operations ok\n", ops);
	return 0;
}
