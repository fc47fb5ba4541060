/*
 * Dies of SIGSEGV on purpose, and tests/user/expect says so: this checks that
 * the runner's expected-status mechanism works (runtests passes it only if it
 * is killed by exactly SIGSEGV).
 */
#include <stdio.h>

int main(void)
{
	printf("checking: a test may be expected to die of a signal (this one writes to address 0)\n");
	fflush(stdout);
	*(volatile int *)0 = 1;
	printf("  FAIL still alive after writing to address 0\n");
	return 0;
}
