/*
 * Cancellation (pthread_cancel(3), pthread_cleanup_push(3)):
 *   - a thread asleep in sleep, read of an empty pipe, pthread_join or pthread_cond_wait ends
 *     at once with PTHREAD_CANCELED; after pthread_cond_wait, its cleanup handler finds the
 *     mutex held (POSIX);
 *   - cleanup handlers run the last pushed first; pop(1) runs one, pop(0) does not;
 *   - deferred: a thread that makes no cancellation point goes on until pthread_testcancel;
 *     disabled: a request waits until it is enabled again; asynchronous: a busy loop ends;
 *   - a request made before the thread reaches its point, and one to itself;
 *   - stdio is no cancellation point (as in musl): a thread asked to end while in fgets
 *     finishes it, so the stream is not left locked, and ends at its next point;
 *   - sigprocmask cannot block the signal cancellation uses; cancelling a thread that has
 *     ended is no error; bad arguments are EINVAL.
 * Every thread cancelled here is the newest one: qemu-user, which stands in for Linux in the
 * host run, gives a thread the newest thread's %gs back after a signal handler, and the
 * handler of cancellation's signal runs in the thread cancelled.
 */
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include "check.h"

static volatile int started, cleaned, order[4], norder, mutex_was_held;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int pipefd[2];

static void note_cleanup(void *arg)
{
	order[norder++] = (int)(long)arg;
	cleaned++;
}

static void *sleeper(void *arg)
{
	(void)arg;
	pthread_cleanup_push(note_cleanup, (void *)1L);
	started = 1;
	sleep(30);
	pthread_cleanup_pop(0);
	return NULL;
}

static void *reader(void *arg)
{
	(void)arg;
	char c;
	started = 1;
	(void)!read(pipefd[0], &c, 1);
	return NULL;
}

static void unlock_in_cleanup(void *arg)
{
	(void)arg;
	mutex_was_held = pthread_mutex_unlock(&mu) == 0;
}

static void *cond_waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	pthread_cleanup_push(unlock_in_cleanup, NULL);
	started = 1;
	for (;;)
		pthread_cond_wait(&cv, &mu);
	pthread_cleanup_pop(1);
	return NULL;
}

static pthread_t joined_target;

static void *naps(void *arg)
{
	(void)arg;
	started = 1;
	usleep(300 * 1000);
	return (void *)9L;
}

static void *joiner(void *arg)
{
	(void)arg;
	started = 1;
	pthread_join(joined_target, NULL);
	return (void *)7L;
}

static void *stacked(void *arg)
{
	(void)arg;
	pthread_cleanup_push(note_cleanup, (void *)1L);
	pthread_cleanup_push(note_cleanup, (void *)2L);
	pthread_cleanup_push(note_cleanup, (void *)3L);
	pthread_cleanup_pop(0);		/* 3: removed, not run */
	started = 1;
	for (;;)
		pause();
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return NULL;
}

static volatile int spin_until_testcancel, spins;

static void *deferred_spinner(void *arg)
{
	(void)arg;
	started = 1;
	while (!spin_until_testcancel)
		spins++;
	pthread_testcancel();
	return (void *)1L;		/* not reached */
}

static void *disabled(void *arg)
{
	(void)arg;
	int old;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	started = 1;
	usleep(100 * 1000);		/* a cancellation point, but disabled */
	cleaned = 100;			/* still here */
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	pthread_testcancel();
	return (void *)1L;
}

static void *async_spinner(void *arg)
{
	(void)arg;
	pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
	started = 1;
	for (;;)
		spins++;
	return NULL;
}

static void *self_cancel(void *arg)
{
	(void)arg;
	pthread_cancel(pthread_self());
	cleaned = 200;			/* deferred: goes on to the next point */
	pthread_testcancel();
	return (void *)1L;
}

static void *blocks_all_then_sleeps(void *arg)
{
	(void)arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	started = 1;
	sleep(30);
	return NULL;
}

static FILE *in;
static volatile int got_line;

static void *stdio_reader(void *arg)
{
	(void)arg;
	char line[32];
	started = 1;
	if (fgets(line, sizeof line, in))
		got_line = 1;
	pthread_testcancel();
	return (void *)1L;
}

static void *returns_at_once(void *arg)
{
	return arg;
}

/* Start fn, wait for it to say it started, cancel it, join it: its result. */
static void *cancel_when_started(void *(*fn)(void *))
{
	pthread_t t;
	void *res = NULL;
	started = 0;
	CHECK_EQ(pthread_create(&t, NULL, fn, NULL), 0);
	CHECK(poll_at_least(&started, 1, 5000));
	usleep(20 * 1000);		/* into its blocking call */
	CHECK_EQ(pthread_cancel(t), 0);
	CHECK_EQ(pthread_join(t, &res), 0);
	return res;
}

int main(int argc, char **argv)
{
	check_init(argc, argv);

	section("a thread asleep in sleep ends with PTHREAD_CANCELED, its cleanup run");
	long t0 = now_ms();
	CHECK(cancel_when_started(sleeper) == PTHREAD_CANCELED);
	CHECK(now_ms() - t0 < 10000);
	CHECK_EQ(cleaned, 1);

	section("in read of an empty pipe, and in pthread_join");
	CHECK_EQ(pipe(pipefd), 0);
	CHECK(cancel_when_started(reader) == PTHREAD_CANCELED);
	started = 0;
	CHECK_EQ(pthread_create(&joined_target, NULL, naps, NULL), 0);
	CHECK(poll_at_least(&started, 1, 5000));
	CHECK(cancel_when_started(joiner) == PTHREAD_CANCELED);
	void *res = NULL;
	CHECK_EQ(pthread_join(joined_target, &res), 0);	/* the one it waited for is not touched */
	CHECK(res == (void *)9L);

	section("in pthread_cond_wait: the cleanup handler finds the mutex held");
	CHECK(cancel_when_started(cond_waiter) == PTHREAD_CANCELED);
	CHECK_EQ(mutex_was_held, 1);
	CHECK_EQ(pthread_mutex_trylock(&mu), 0);
	CHECK_EQ(pthread_mutex_unlock(&mu), 0);

	section("cleanup handlers: the last pushed first, a popped one not at all");
	cleaned = norder = 0;
	CHECK(cancel_when_started(stacked) == PTHREAD_CANCELED);
	CHECK_EQ(norder, 2);
	CHECK_EQ(order[0], 2);
	CHECK_EQ(order[1], 1);

	section("deferred: no cancellation point, no end, until pthread_testcancel");
	pthread_t t;
	started = spins = spin_until_testcancel = 0;
	CHECK_EQ(pthread_create(&t, NULL, deferred_spinner, NULL), 0);
	CHECK(poll_at_least(&started, 1, 5000));
	CHECK_EQ(pthread_cancel(t), 0);
	int before = spins;
	usleep(50 * 1000);
	CHECK(spins > before);		/* still running */
	spin_until_testcancel = 1;
	CHECK_EQ(pthread_join(t, &res), 0);
	CHECK(res == PTHREAD_CANCELED);

	section("disabled: the request waits until enabled again");
	cleaned = 0;
	started = 0;
	CHECK_EQ(pthread_create(&t, NULL, disabled, NULL), 0);
	CHECK(poll_at_least(&started, 1, 5000));
	CHECK_EQ(pthread_cancel(t), 0);
	CHECK_EQ(pthread_join(t, &res), 0);
	CHECK(res == PTHREAD_CANCELED);
	CHECK_EQ(cleaned, 100);

	section("asynchronous: a busy loop ends");
	CHECK(cancel_when_started(async_spinner) == PTHREAD_CANCELED);

	section("a thread cancels itself; a request before the point; a mask that blocks all");
	cleaned = 0;
	CHECK_EQ(pthread_create(&t, NULL, self_cancel, NULL), 0);
	CHECK_EQ(pthread_join(t, &res), 0);
	CHECK(res == PTHREAD_CANCELED);
	CHECK_EQ(cleaned, 200);
	CHECK(cancel_when_started(blocks_all_then_sleeps) == PTHREAD_CANCELED);

	section("stdio is no cancellation point: fgets finishes, the stream is not left locked");
	int fds[2];
	CHECK_EQ(pipe(fds), 0);
	in = fdopen(fds[0], "r");
	CHECK(in != NULL);
	started = got_line = 0;
	CHECK_EQ(pthread_create(&t, NULL, stdio_reader, NULL), 0);
	CHECK(poll_at_least(&started, 1, 5000));
	usleep(20 * 1000);
	CHECK_EQ(pthread_cancel(t), 0);
	usleep(50 * 1000);
	CHECK_EQ(got_line, 0);		/* still reading */
	CHECK_EQ(write(fds[1], "a line\n", 7), 7);
	CHECK_EQ(pthread_join(t, &res), 0);
	CHECK(res == PTHREAD_CANCELED);
	CHECK_EQ(got_line, 1);
	CHECK_EQ(fclose(in), 0);		/* would hang if the stream were still locked */
	close(fds[1]);

	section("an ended thread, and bad arguments");
	CHECK_EQ(pthread_create(&t, NULL, returns_at_once, (void *)5L), 0);
	usleep(50 * 1000);
	CHECK_EQ(pthread_cancel(t), 0);
	CHECK_EQ(pthread_join(t, &res), 0);
	CHECK(res == (void *)5L);
	CHECK_EQ(pthread_setcancelstate(7, NULL), EINVAL);
	CHECK_EQ(pthread_setcanceltype(7, NULL), EINVAL);
	int old = -1;
	CHECK_EQ(pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old), 0);
	CHECK_EQ(old, PTHREAD_CANCEL_ENABLE);
	CHECK_EQ(pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, &old), 0);
	CHECK_EQ(old, PTHREAD_CANCEL_DEFERRED);
	return check_done();
}
