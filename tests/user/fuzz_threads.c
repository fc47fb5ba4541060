/*
 * Threads under random system calls. Each child process starts THREADS more threads, and all
 * of them make random system calls at once, favouring the ones threads share or race on:
 * futex on shared words, clone (threads too, on any stack), exit and exit_group, tgkill to the
 * process's own threads, kill to itself, sigaction and masks, mmap, munmap and mprotect of the
 * memory the others run in, set_tid_address, execve of /bin/true (which must first kill the
 * other threads), fork (the child leaves at once). The preemption timer interleaves them
 * anywhere. The kernel must answer every call without panicking or hanging: a process may
 * exit, die of a signal, or hang in a wait (it is killed after CHILD_TIME_MS), but the system
 * goes on, and /bin/runtests checks that every frame came back.
 *
 * Random numbers come from one generator per thread, seeded from the argument (default 1), so
 * what each thread asks is the same from run to run; the interleaving is the timer's.
 */
#include <fcntl.h>
#include <signal.h>
#include "check.h"
#include "threads.h"

#define CHILDREN      24
#define THREADS       3
#define CALLS         300
#define CHILD_TIME_MS 1500

/* Calls no child may make: they could reach beyond it (reboot, kill, tkill and sigqueue's
 * rt_sigqueueinfo and rt_tgsigqueueinfo to any pid, a signal to its process group, a write
 * into any process's memory) or flood the console (prctl's trace). */
static const int skip[] = { __NR_reboot, __NR_kill, __NR_tkill, __NR_rt_sigqueueinfo,
			    __NR_rt_tgsigqueueinfo, __NR_process_vm_writev, __NR_prctl, __NR_pause, __NR_rt_sigsuspend,
			    __NR_vfork };

struct rng {
	unsigned long long s;
};

static unsigned rnd(struct rng *r)
{
	r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(r->s >> 33);
}

/* What the threads share and race on: futex words and buffers, and their stacks. */
static int shared[1024] __attribute__((aligned(4096)));
static struct thread threads[THREADS];
static unsigned long long child_seed;

static long any_arg(struct rng *r)
{
	switch (rnd(r) % 8) {
	case 0: return 0;
	case 1: return -1;
	case 2: return rnd(r) % 8;
	case 3: return (long)&shared[rnd(r) % 1024];
	case 4: return (long)(threads[rnd(r) % THREADS].stack + rnd(r) % STACK_SIZE);
	case 5: return (long)0xC0000000u + (long)(rnd(r) % 0x100000);
	case 6: return (long)rnd(r);
	default: return (long)&shared[rnd(r) % 8];	/* a few words everyone uses */
	}
}

static int skipped(int nr)
{
	for (unsigned i = 0; i < sizeof skip / sizeof skip[0]; i++)
		if (skip[i] == nr)
			return 1;
	return 0;
}

/* One call, most often one that threads share or race on. */
static void one_call(struct rng *r)
{
	long a[6];
	for (int k = 0; k < 6; k++)
		a[k] = any_arg(r);
	int pid = (int)sys(__NR_getpid);
	struct timespec short_wait = ms_ts(rnd(r) % 20);
	switch (rnd(r) % 16) {
	case 0: case 1:		/* any futex operation, a short time-out for the waits */
		sys(__NR_futex, &shared[rnd(r) % 8], rnd(r) % 11 | (rnd(r) % 2 ? FUTEX_PRIVATE_FLAG : 0),
		    rnd(r) % 3, &short_wait, &shared[rnd(r) % 8], a[5]);
		break;
	case 2:			/* wake the waiters on a shared word */
		sys(__NR_futex, &shared[rnd(r) % 8], FUTEX_WAKE, rnd(r) % 4);
		break;
	case 3:			/* now and then a thread on any stack (it crashes, and ends the
				 * process), else clone with any flags */
		sys(__NR_clone, rnd(r) % 16 == 0 ? THREAD_FLAGS : (unsigned)a[0], a[1], a[2], a[3], a[4]);
		break;
	case 4:
		if (rnd(r) % 8 == 0)
			sys(__NR_exit, 0);	/* this thread alone */
		if (rnd(r) % 32 == 0)
			sys(__NR_exit_group, 3);
		break;
	case 5: {		/* a signal to one of our threads, or to our process: mostly one
				 * with a handler, sometimes one that ends the process */
		int sig = rnd(r) % 16 ? SIGUSR1 : (int)(rnd(r) % 32);
		if (rnd(r) % 2)
			sys(__NR_tgkill, pid, threads[rnd(r) % THREADS].tid, sig);
		else
			sys(__NR_kill, pid, sig);
		break;
	}
	case 6:
		sys(__NR_rt_sigaction, rnd(r) % 32, a[1], a[2], 8);
		break;
	case 7:
		sys(__NR_rt_sigprocmask, rnd(r) % 3, a[1], a[2], 8);
		break;
	case 8:			/* change memory the others use; now and then pull it away */
		sys(__NR_mprotect, (long)&shared[0], 4096, rnd(r) % 8 ? PROT_READ | PROT_WRITE : PROT_READ);
		if (rnd(r) % 8 == 0)
			sys(__NR_munmap, (long)a[0] & ~0xFFFL, rnd(r) % 3 * 4096);
		break;
	case 9:
		sys(__NR_mmap2, 0, 4096 * (rnd(r) % 4 + 1), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		break;
	case 10:
		sys(__NR_set_tid_address, a[0]);
		break;
	case 11:
		if (rnd(r) % 16 == 0) {	/* become /bin/true: the other threads must go first */
			char *av[] = { "true", NULL };
			sys(__NR_execve, "/bin/true", av, NULL);
		}
		break;
	case 12:
		if (rnd(r) % 8 == 0 && sys(__NR_fork) == 0)
			sys(__NR_exit_group, 0);
		break;
	case 13:
		sys(__NR_nanosleep, &short_wait, NULL);
		break;
	default: {		/* anything at all */
		int nr = (int)(rnd(r) % 440);
		if (!skipped(nr) && nr != __NR_exit && nr != __NR_exit_group && nr != __NR_execve &&
		    nr != __NR_fork && nr != __NR_clone && nr != __NR_tgkill)
			sys(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	}
}

static int fuzz_thread(void *arg)
{
	struct rng r = { child_seed + (unsigned long long)(long)arg * 104729 };
	for (int i = 0; i < CALLS; i++)
		one_call(&r);
	return 0;
}

static void on_usr1(int sig)
{
	(void)sig;
}

static __attribute__((noreturn)) void child(int index)
{
	child_seed += (unsigned long long)index * 7919;
	signal(SIGUSR1, on_usr1);
	/* Our own descriptors go to /dev/null, so that random writes do not flood the console. */
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	for (long t = 0; t < THREADS; t++)
		spawn(&threads[t], fuzz_thread, (void *)(t + 1));
	fuzz_thread((void *)0);
	sys(__NR_exit_group, 0);
	for (;;)
		;
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	unsigned long long seed = argc > 1 && argv[1][0] != '-' ? strtoull(argv[1], NULL, 0) : 1;
	if (!on_pagewise()) {
		printf("  (random system calls are only made on pagewise: on Linux they could hit anything)\n");
		return check_done();
	}
	printf("checking: %d processes of %d threads x %d random system calls each (seed %llu)\n",
	       CHILDREN, THREADS + 1, CALLS, seed);
	child_seed = seed;
	struct outcomes o = run_children(CHILDREN, child, CHILD_TIME_MS, NULL);
	printf("  %d exited, %d died of a signal (%d killed after %d ms), %d lost\n", o.exited,
	       o.signalled, o.killed, CHILD_TIME_MS, o.lost);
	CHECK_EQ(o.lost, 0);
	CHECK_EQ(o.exited + o.signalled, CHILDREN);

	remove_shm_segments();
	check_system_works();
	return check_done();
}
