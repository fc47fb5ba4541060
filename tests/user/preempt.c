/*
 * Preemption: two children that never block or yield (pure busy loops, no
 * system call inside the loop) must both make progress while the other is
 * still running. Only the timer can take the CPU from them.
 *
 * Each child does ROUNDS rounds of about ROUND_MS of spinning and writes one
 * byte ('a' or 'b') into a shared pipe after each round. Without preemption
 * the parent would read "aaaa...bbbb..." (the first to run finishes before
 * the other starts); with it, each child's first byte comes before the other's
 * last. The spin length is calibrated against the clock first, so the test
 * takes about the same time under KVM and TCG.
 */
#include <time.h>
#include "check.h"

#define ROUNDS 20
#define ROUND_MS 20

static long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void spin(unsigned long n)
{
	volatile unsigned long i;

	for (i = 0; i < n; i++)
		;
}

/* Iterations of spin() that take about ROUND_MS. The kernel's clock may tick only every
   10 ms, so the measurement runs for at least 100 ms to be right within a tick or so. */
static unsigned long calibrate(void)
{
	unsigned long n = 1000;
	long t;

	for (;;) {
		t = now_us();
		spin(n);
		t = now_us() - t;
		if (t >= 100000)
			return (unsigned long)((unsigned long long)n * ROUND_MS * 1000 / t);
		n *= 2;
	}
}

static pid_t busy_child(int fd, char mark, unsigned long n)
{
	int i;
	pid_t pid = xfork();

	if (pid == 0) {
		for (i = 0; i < ROUNDS; i++) {
			spin(n);
			if (write(fd, &mark, 1) != 1)
				_exit(2);
		}
		_exit(0);
	}
	return pid;
}

int main(int argc, char **argv)
{
	char seq[2 * ROUNDS + 1];
	int fds[2], i, st, first_a = -1, last_a = -1, first_b = -1, last_b = -1, switches = 0;
	unsigned long n;
	pid_t a, b;
	long t;

	check_init(argc, argv);
	section("two busy-looping children both progress while the other runs");
	n = calibrate();
	CHECK_EQ(pipe(fds), 0);
	t = now_us();
	a = busy_child(fds[1], 'a', n);
	b = busy_child(fds[1], 'b', n);
	close(fds[1]);
	for (i = 0; i < 2 * ROUNDS && read(fds[0], &seq[i], 1) == 1; i++) {
		if (seq[i] == 'a')
			last_a = i, first_a = first_a < 0 ? i : first_a;
		else
			last_b = i, first_b = first_b < 0 ? i : first_b;
		switches += i > 0 && seq[i] != seq[i - 1];
	}
	seq[i] = '\0';
	t = now_us() - t;
	printf("order of progress marks: %s (%d switches, %ld ms, %lu spins a round)\n", seq, switches,
	       t / 1000, n);
	CHECK_EQ(i, 2 * ROUNDS);
	CHECK(first_a >= 0 && first_b >= 0);
	CHECK(first_b < last_a);	/* b ran before a finished */
	CHECK(first_a < last_b);	/* and a before b finished */
	CHECK_EQ(waitpid(a, &st, 0), a);
	CHECK_EQ(st, 0);
	CHECK_EQ(waitpid(b, &st, 0), b);
	CHECK_EQ(st, 0);
	close(fds[0]);
	return check_done();
}
