/* A static glibc program: its start-up uses set_thread_area, brk, uname and friends, so this
 * checks that pagewise answers them as Linux does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    char *p = malloc(100000);
    if (!p)
        return 1;
    memset(p, 'x', 100000);
    printf("glibc says hello: argc=%d argv[1]=%s sum=%d\n", argc, argc > 1 ? argv[1] : "-", p[99999] == 'x');
    free(p);
    return 5;
}
