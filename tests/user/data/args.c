/* Prints its arguments after argv[0], each in brackets, so word boundaries show: [a][b c]. */
#include <stdio.h>

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		printf("[%s]", argv[i]);
	printf("\n");
	return argc - 1;
}
