/* A static glibc program: its start-up uses set_thread_area, brk, uname and friends, so this
 * checks that pagewise answers them as Linux does. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t handled;
static void on_usr1(int sig) { handled = sig; }

int main(int argc, char **argv)
{
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);                      /* glibc: tgkill, then its own sa_restorer */
    char *p = malloc(100000);
    if (!p)
        return 1;
    memset(p, 'x', 100000);
    printf("glibc says hello: argc=%d argv[1]=%s sum=%d handled=%d\n", argc, argc > 1 ? argv[1] : "-",
           p[99999] == 'x', handled);
    free(p);
    return 5;
}
