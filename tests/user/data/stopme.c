/* stopme: says so, stops itself (SIGSTOP), and once continued says so and exits 0. */
#include <signal.h>
#include <stdio.h>

int main(void)
{
	printf("before\n");
	fflush(stdout);
	raise(SIGSTOP);
	printf("after\n");
	return 0;
}
