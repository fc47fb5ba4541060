/* A static glibc program that uses threads the ways programs do: pthread_create (clone3,
 * or clone with CLONE_THREAD | CLONE_SETTLS | CLONE_CHILD_CLEARTID ... when clone3 is
 * refused) of 4 workers that malloc and free in a loop (glibc gives each thread an arena of
 * its own, made with mmap) and count under a pthread_mutex (futex); a producer and a
 * consumer handing 100 items over through a pthread_cond (futex with bitsets and time-outs);
 * pthread_join of each with its return value (the kernel zeroes the thread's tid at its end
 * and wakes the futex on it); a __thread variable that each thread has its own of (%gs);
 * pthread_kill of a thread (tgkill) whose handler must run in that thread; pthread_cancel
 * of a thread asleep in nanosleep and of one blocked in sem_wait (a SIGCANCEL sent with
 * tgkill, which glibc's handler obeys only if its siginfo says SI_TKILL and our pid); a
 * barrier; sem_timedwait and pthread_cond_timedwait that time out (absolute time-outs on the
 * wall clock). It prints one line with the figures and exits 8. Where the kernel keeps robust
 * futex lists (get_robust_list works: pagewise and Linux, not qemu-user), the line ends with
 * how often a robust mutex whose owner ended holding it said EOWNERDEAD (2: once while we
 * waited for it, once after); tests/user/threads.c checks the kernel's part of that. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <time.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define WORKERS 4
#define ADDS 10000
#define ITEMS 100

static __thread int mine = -1;     /* each thread's own: -1 until it says otherwise */

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static int tls_bad;                 /* a thread whose __thread variable was not its own */
static int *where[WORKERS];         /* and where each thread's was */

/* Worker i: sets its own `mine`, then adds ADDS times under the lock with a malloc'd block
 * in between (so the arenas are busy at once), and returns i + 1 for pthread_join. */
static void *worker(void *arg)
{
    int i = (int)(intptr_t)arg;
    mine = i;
    where[i] = &mine;
    for (int n = 0; n < ADDS; n++) {
        char *p = malloc(16 + (n % 64) * 8);
        if (!p)
            abort();
        memset(p, i, 16);
        pthread_mutex_lock(&counter_lock);
        counter++;
        pthread_mutex_unlock(&counter_lock);
        if (p[15] != (char)i)
            abort();
        free(p);
    }
    if (mine != i) {
        pthread_mutex_lock(&counter_lock);
        tls_bad++;
        pthread_mutex_unlock(&counter_lock);
    }
    return (void *)(intptr_t)(i + 1);
}

/* A one-slot mailbox: the producer waits for it to be empty, the consumer for it to be full. */
static pthread_mutex_t box_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t box_changed = PTHREAD_COND_INITIALIZER;
static int box, box_full;

static void *producer(void *arg)
{
    (void)arg;
    for (int item = 1; item <= ITEMS; item++) {
        pthread_mutex_lock(&box_lock);
        while (box_full)
            pthread_cond_wait(&box_changed, &box_lock);
        box = item;
        box_full = 1;
        pthread_cond_broadcast(&box_changed);
        pthread_mutex_unlock(&box_lock);
    }
    return NULL;
}

/* Takes ITEMS items; returns how many came in order (1, 2, ...). */
static void *consumer(void *arg)
{
    intptr_t in_order = 0;
    (void)arg;
    for (int want = 1; want <= ITEMS; want++) {
        pthread_mutex_lock(&box_lock);
        while (!box_full)
            pthread_cond_wait(&box_changed, &box_lock);
        in_order += box == want;
        box_full = 0;
        pthread_cond_broadcast(&box_changed);
        pthread_mutex_unlock(&box_lock);
    }
    return (void *)in_order;
}

/* pthread_kill's target: tells its tid, then waits (3 s at most) for the handler to run. */
static volatile pid_t target_tid, handled_in;
static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
    (void)sig;
    handled_in = gettid();
    handled = 1;
}

static void *target(void *arg)
{
    (void)arg;
    target_tid = gettid();
    for (int ms = 0; !handled && ms < 3000; ms++)
        usleep(1000);
    return (void *)(intptr_t)(gettid() != getpid());
}

/* Cancelled where it sleeps (nanosleep, sem_wait are cancellation points). */
static sem_t never;

static void *sleeper(void *arg)
{
    if (arg)
        sem_wait(&never);
    for (;;)
        usleep(1000);
    return NULL;
}

static int cancels(void)
{
    int n = 0;
    sem_init(&never, 0, 0);
    for (intptr_t blocked = 0; blocked < 2; blocked++) {
        pthread_t t;
        void *ret;
        if (pthread_create(&t, NULL, sleeper, (void *)blocked) != 0)
            return -1;
        usleep(5000);
        if (pthread_cancel(t) == 0 && pthread_join(t, &ret) == 0 && ret == PTHREAD_CANCELED)
            n++;
    }
    return n;
}

static pthread_barrier_t barrier;
static volatile int through;

static void *at_barrier(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&barrier);
    __atomic_add_fetch(&through, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

/* An absolute time ms from now on the wall clock. */
static struct timespec in_ms(long ms)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_nsec += ms * 1000000;
    t.tv_sec += t.tv_nsec / 1000000000;
    t.tv_nsec %= 1000000000;
    return t;
}

static pthread_mutex_t robust;
static volatile int robust_held;

static void *hold_and_die(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&robust);
    robust_held = 1;
    usleep(20000);                  /* long enough for the main thread to start waiting */
    return NULL;                    /* ends holding it */
}

/* EOWNERDEAD twice: waiting when the owner ends, and locking after it ended. */
static int robust_deaths(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &a);
    int n = 0;
    for (int wait_first = 1; wait_first >= 0; wait_first--) {
        pthread_t t;
        robust_held = 0;
        if (pthread_create(&t, NULL, hold_and_die, NULL) != 0)
            return -1;
        while (!robust_held)
            usleep(1000);
        if (!wait_first)
            pthread_join(t, NULL);
        if (pthread_mutex_lock(&robust) == EOWNERDEAD) {
            n++;
            pthread_mutex_consistent(&robust);
        }
        pthread_mutex_unlock(&robust);
        if (wait_first)
            pthread_join(t, NULL);
    }
    return n;
}

static int timeouts(void)
{
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    struct timespec at = in_ms(20);
    int n = sem_timedwait(&never, &at) == -1 && errno == ETIMEDOUT;
    at = in_ms(20);
    pthread_mutex_lock(&m);
    n += pthread_cond_timedwait(&c, &m, &at) == ETIMEDOUT;
    pthread_mutex_unlock(&m);
    return n;
}

int main(void)
{
    pthread_t t[WORKERS], prod, cons, victim;
    void *ret;

    mine = 100;
    for (int i = 0; i < WORKERS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i) != 0)
            return 1;

    if (pthread_create(&cons, NULL, consumer, NULL) != 0 ||
        pthread_create(&prod, NULL, producer, NULL) != 0)
        return 1;

    struct sigaction sa = { .sa_handler = on_usr1 };
    sigaction(SIGUSR1, &sa, NULL);
    if (pthread_create(&victim, NULL, target, NULL) != 0)
        return 1;
    while (!target_tid)
        usleep(1000);
    pthread_kill(victim, SIGUSR1);

    int joined = 0;
    for (int i = 0; i < WORKERS; i++)
        if (pthread_join(t[i], &ret) == 0 && ret == (void *)(intptr_t)(i + 1))
            joined++;
    pthread_join(prod, NULL);
    int items = pthread_join(cons, &ret) == 0 ? (int)(intptr_t)ret : -1;
    int tid_differs = pthread_join(victim, &ret) == 0 && ret == (void *)1;
    /* Each thread's `mine` at an address of its own, none of them the main thread's. */
    for (int i = 0; i < WORKERS; i++) {
        tls_bad += where[i] == &mine;
        for (int j = 0; j < i; j++)
            tls_bad += where[i] == where[j];
    }

    int cancelled = cancels();
    pthread_t b[3];
    pthread_barrier_init(&barrier, NULL, 4);
    for (int i = 0; i < 3; i++)
        pthread_create(&b[i], NULL, at_barrier, NULL);
    at_barrier(NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(b[i], NULL);
    int timed_out = timeouts();
    int32_t head, len;
    int owner_dead = syscall(SYS_get_robust_list, 0, &head, &len) == 0 ? robust_deaths() : -1;

    printf("glibc threads: counter=%ld items=%d joined=%d tls=%s kill=%s tid=%s cancelled=%d "
           "barrier=%d timeouts=%d", counter, items, joined,
           tls_bad == 0 && mine == 100 ? "ok" : "bad", handled_in == target_tid ? "ok" : "bad",
           tid_differs ? "ok" : "bad", cancelled, through, timed_out);
    if (owner_dead >= 0)
        printf(" ownerdead=%d", owner_dead);
    printf("\n");
    fflush(stdout);
    return 8;
}
