/* A static glibc program: its start-up uses set_thread_area, brk, uname and friends, so this
 * checks that pagewise answers them as Linux does; and its nanosleep is clock_nanosleep. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    struct timespec a, b, nap = { 0, 20 * 1000 * 1000 };
    clock_gettime(CLOCK_MONOTONIC, &a);
    int slept = nanosleep(&nap, NULL) == 0;
    clock_gettime(CLOCK_MONOTONIC, &b);
    slept &= (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) >= 20000000L;
    printf("glibc says hello: argc=%d argv[1]=%s sum=%d handled=%d slept=%d\n", argc,
           argc > 1 ? argv[1] : "-", p[99999] == 'x', handled, slept);
    free(p);
    return 5;
}
