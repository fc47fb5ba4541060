/* A static glibc program: its start-up uses set_thread_area, brk, uname and friends, so this
 * checks that pagewise answers them as Linux does; and its nanosleep is clock_nanosleep. Then
 * glibc's sigqueue (rt_sigqueueinfo) twice to itself with a real-time signal blocked, and its
 * sigtimedwait (rt_sigtimedwait_time64, or rt_sigtimedwait where that is refused), which must
 * give back both values in order ("queued=12"), then time out (EAGAIN). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
    sigset_t rt;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &rt, NULL);
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 1 });
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 2 });
    siginfo_t info;
    struct timespec none = { 0, 0 };
    int queued = 0;
    while (sigtimedwait(&rt, &info, &none) == SIGRTMIN && info.si_code == SI_QUEUE)
        queued = queued * 10 + info.si_value.sival_int;
    if (errno != EAGAIN)
        queued = -errno;
    printf("glibc says hello: argc=%d argv[1]=%s sum=%d handled=%d slept=%d queued=%d\n", argc,
           argc > 1 ? argv[1] : "-", p[99999] == 'x', handled, slept, queued);
    free(p);
    return 5;
}
