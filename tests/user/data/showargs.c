/*
 * Prints what execve handed it, from the initial stack as the ABI lays it out:
 * "argc=N [arg1][arg2]... envc=M [env1]... auxv=ok|bad". argv[0] is left out (a
 * wrapper may change it); auxv=ok means the auxiliary vector starts right after
 * envp's NULL and holds AT_PAGESZ 4096, so a missing NULL would show.
 */
#include <stdio.h>

#define AT_NULL 0
#define AT_PAGESZ 6

int main(int argc, char **argv, char **envp)
{
	int envc = 0, i, ok = 0;
	unsigned long *aux;

	printf("argc=%d ", argc);
	for (i = 1; i < argc; i++)
		printf("[%s]", argv[i]);
	while (envp[envc])
		envc++;
	printf(" envc=%d ", envc);
	for (i = 0; i < envc; i++)
		printf("[%s]", envp[i]);
	for (aux = (unsigned long *)(envp + envc + 1); aux[0] != AT_NULL && aux[0] < 64; aux += 2)
		if (aux[0] == AT_PAGESZ && aux[1] == 4096)
			ok = 1;
	printf(" auxv=%s\n", ok && aux[0] == AT_NULL ? "ok" : "bad");
	return 0;
}
