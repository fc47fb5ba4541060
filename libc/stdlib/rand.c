/*
 * rand(3): a 64-bit linear congruential generator (Knuth's MMIX constants),
 * returning the high 31 bits, which are the well-mixed ones.  Deterministic
 * for a seed, which tests want; not for anything secret (use getrandom).
 */
#include <stdlib.h>

static unsigned long long state = 1;

void srand(unsigned int seed)
{
	state = seed - 1ULL;
}

int rand(void)
{
	state = 6364136223846793005ULL * state + 1;
	return (int)(state >> 33);
}

/* POSIX's reentrant form has only an int of state: a 32-bit LCG. */
int rand_r(unsigned int *seed)
{
	*seed = *seed * 1103515245U + 12345U;
	return (int)(*seed >> 1) & RAND_MAX;
}
