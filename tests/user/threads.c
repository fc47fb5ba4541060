/*
 * Threads as Linux makes them, through the raw calls (clone(2), set_tid_address(2), tgkill(2),
 * exit_group(2)), with the clone flags glibc's pthread_create passes on i386:
 * CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
 * CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID.
 *
 *   - a thread shares our memory, descriptors, working directory and signal handlers; it has
 *     a tid of its own, our pid, and its own TLS segment (CLONE_SETTLS);
 *   - at a thread's end the kernel zeroes the CLONE_CHILD_CLEARTID word (or the one
 *     set_tid_address named) and wakes it: all pthread_join waits for;
 *   - signals: tgkill and tkill reach the thread named, kill reaches a thread that does not
 *     block the signal, a fatal one ends every thread;
 *   - from outside, a process of two threads: /proc/self/status says Threads: 2, /proc lists
 *     the pid but not the tid (whose /proc/TID is there all the same), and getrusage counts a
 *     thread's page faults for the process and, with RUSAGE_THREAD, for that thread alone;
 *   - a process ends with exit_group from any thread, or with the exit of its last thread:
 *     wait4 reports nothing while one is left, even when the leader is gone;
 *   - fork in a thread makes a process of one thread; execve in one replaces them all and
 *     keeps the pid.
 *
 * The calls themselves, spawn and join, and the waits with deadlines are threads.h's; futex
 * on its own (errors, time-outs, wake counts, requeue, a lock) is futex.c's.
 */
#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include "check.h"
#include "threads.h"

/* ---- in forked children: how they end, and what their parent sees ---- */

/* A forked child's main thread sleeps here while a thread decides how the process ends;
 * getting to the end means the process outlived what should have ended it. */
static void linger(void)
{
	for (int i = 0; i < 200; i++)
		sleep_ms(10);
	_exit(1);
}

/* The child's wait status (the core-dump bit aside: whether a core is written is the host's
 * business), or -1 when it was still running after WAIT_LIMIT_MS (then it is killed). */
static int reap(pid_t pid)
{
	long deadline = clock_ms() + WAIT_LIMIT_MS;
	int st = 0;
	pid_t r;

	while ((r = waitpid(pid, &st, WNOHANG)) == 0 && clock_ms() < deadline)
		sleep_ms(2);
	if (r == pid)
		return st & ~0x80;
	if (r == 0) {
		printf("     pid %d still running after %d s: killed\n", (int)pid, WAIT_LIMIT_MS / 1000);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	return -1;
}

/* ---- the checks, in the order a kernel would get them working ---- */

static volatile int shared_global;

struct ids {
	int tid, pid;
	volatile int release;
};

static int note_ids(void *arg)
{
	struct ids *ids = arg;

	ids->tid = sys(__NR_gettid);
	ids->pid = sys(__NR_getpid);
	shared_global = 42;
	/* Stay, so the creator reads PARENT_SETTID's tid before CHILD_CLEARTID zeroes it. This
	 * first check polls instead of using futex, so it means something without futex. */
	while (!ids->release)
		sys(__NR_sched_yield);
	return 0;
}

static void same_memory(void)
{
	static struct ids ids;
	struct thread t;

	section("a thread runs in our memory, with its own tid and our pid; PARENT_SETTID gave us its tid");
	long tid = spawn(&t, note_ids, &ids);
	CHECK(tid > 0);
	if (tid <= 0)
		return;
	CHECK(reach(&shared_global, 42));
	CHECK_EQ(t.tid, tid);
	ids.release = 1;
	CHECK_EQ(join(&t), 0);
	CHECK_EQ(ids.tid, tid);
	CHECK_EQ(ids.pid, getpid());
	CHECK(tid != getpid());
	CHECK_EQ(sys(__NR_gettid), getpid());	/* the first thread's tid is the pid */
}

static int nap_then_exit(void *arg)
{
	(void)arg;
	sleep_ms(30);
	return 3;
}

struct moved {
	volatile int word;
	long ret;
};

static int move_cleartid(void *arg)
{
	struct moved *m = arg;

	m->word = sys(__NR_gettid);
	m->ret = sys(__NR_set_tid_address, &m->word);
	return 0;
}

static void thread_end(void)
{
	static struct moved m;
	struct thread t;
	long tid;

	section("CLONE_CHILD_CLEARTID: exit zeroes the tid word and wakes FUTEX_WAIT on it (pthread_join)");
	tid = spawn(&t, nap_then_exit, NULL);
	CHECK(tid > 0);
	if (tid > 0) {
		long start = clock_ms();
		struct timespec two_s = ms_ts(2000);
		long r = futex(&t.tid, FUTEX_WAIT, (int)tid, &two_s, NULL, 0);
		CHECK(r == 0 || r == -EAGAIN);	/* woken, or it ended before we slept */
		CHECK_EQ(t.tid, 0);
		CHECK(clock_ms() - start < 1500);
		if (t.tid == 0)
			munmap(t.stack, STACK_SIZE);
		CHECK_EQ(sys(__NR_gettid), getpid());	/* and we go on: exit ended the thread only */
	}
	/* glibc's pthread_join itself sleeps with WAIT_BITSET on the realtime clock (no
	 * time-out there; a deadline here): the kernel's wake must reach bitset waiters too. */
	tid = spawn(&t, nap_then_exit, NULL);
	CHECK(tid > 0);
	if (tid > 0) {
		struct timespec deadline = after_ms(CLOCK_REALTIME, 2000);
		long r = futex(&t.tid, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, (int)tid, &deadline,
			       NULL, FUTEX_BITSET_MATCH_ANY);
		CHECK(r == 0 || r == -EAGAIN);
		CHECK_EQ(t.tid, 0);
		if (t.tid == 0)
			munmap(t.stack, STACK_SIZE);
	}

	section("set_tid_address moves the word the kernel zeroes at the thread's end");
	m.word = -1;
	tid = spawn(&t, move_cleartid, &m);
	CHECK(tid > 0);
	if (tid <= 0)
		return;
	CHECK_EQ(wait_zero(&m.word), 0);
	CHECK_EQ(m.ret, tid);			/* set_tid_address returns the caller's tid */
	CHECK_EQ(t.tid, tid);			/* the first word is left alone */
	if (m.word == 0)
		munmap(t.stack, STACK_SIZE);
}

/*
 * Robust futexes, as glibc's robust mutexes keep them: each thread registers a list head
 * (set_robust_list); an entry is a link to the next one, with the mutex's word at
 * futex_offset from it. When the thread ends holding it (the word is its tid), the kernel
 * marks the word FUTEX_OWNER_DIED, keeps FUTEX_WAITERS, and wakes one waiter.
 */
struct robust {
	struct { void *next; long futex_offset; void *op_pending; } head;
	struct { void *next; volatile int word; } entry;
	int waiters;			/* the thread takes the word with FUTEX_WAITERS set */
	volatile long registered;	/* set_robust_list's answer; 1 until then */
};

static int hold_robust(void *arg)
{
	struct robust *r = arg;
	r->head.next = &r->entry;
	r->head.futex_offset = (long)((char *)&r->entry.word - (char *)&r->entry);
	r->head.op_pending = NULL;
	r->entry.next = &r->head;
	r->entry.word = (int)sys(__NR_gettid) | (r->waiters ? (int)FUTEX_WAITERS : 0);
	r->registered = sys(__NR_set_robust_list, &r->head, sizeof r->head);
	sleep_ms(30);			/* the main thread may go to sleep on the word meanwhile */
	return 0;			/* and ends holding it */
}

static void robust_futexes(void)
{
	static struct robust r;
	struct thread t;

	section("a thread ends holding a robust futex: FUTEX_OWNER_DIED, and a waiter is woken");
	for (int waiters = 0; waiters <= 1; waiters++) {
		memset(&r, 0, sizeof r);
		r.waiters = waiters;
		r.registered = 1;
		long tid = spawn(&t, hold_robust, &r);
		CHECK(tid > 0);
		if (tid <= 0)
			return;
		long deadline = clock_ms() + WAIT_LIMIT_MS;
		while (r.registered == 1 && clock_ms() < deadline)
			sleep_ms(1);
		if (r.registered == -ENOSYS && !on_pagewise()) {
			printf("  (qemu-user has no robust futex lists: not checked here)\n");
			CHECK_EQ(join(&t), 0);
			return;
		}
		CHECK_EQ(r.registered, 0);
		if (waiters) {			/* sleep on the word until the kernel changes it */
			struct timespec limit = ms_ts(WAIT_LIMIT_MS);
			long got = futex(&r.entry.word, FUTEX_WAIT, (int)(tid | FUTEX_WAITERS), &limit, NULL, 0);
			CHECK(got == 0 || got == -EAGAIN);	/* woken, or it ended first */
		}
		CHECK_EQ(join(&t), 0);
		CHECK_EQ((unsigned)r.entry.word, FUTEX_OWNER_DIED | (waiters ? FUTEX_WAITERS : 0));
	}
}

/* ---- what threads share besides memory ---- */

struct fds {
	int pipe_w, made[2];
	long wrote, closed, chdir;
};

static int use_fds(void *arg)
{
	struct fds *f = arg;

	f->wrote = sys(__NR_write, f->pipe_w, "ping", 4);
	if (sys(__NR_pipe, f->made) == 0)
		sys(__NR_write, f->made[1], "pong", 4);
	f->closed = sys(__NR_close, f->pipe_w);
	f->chdir = sys(__NR_chdir, "/");
	return 0;
}

static void shared_tables(void)
{
	static struct fds f;
	struct thread t;
	char buf[8] = "", cwd[256], now[256];
	int p[2];

	section("threads share descriptors (CLONE_FILES) and the working directory (CLONE_FS)");
	CHECK_EQ(pipe(p), 0);
	CHECK(getcwd(cwd, sizeof cwd) != NULL);
	f = (struct fds){ .pipe_w = p[1], .made = { -1, -1 } };
	long tid = spawn(&t, use_fds, &f);
	CHECK(tid > 0);
	if (tid <= 0 || join(&t) != 0)
		return;
	CHECK_EQ(f.wrote, 4);
	CHECK(read(p[0], buf, 4) == 4 && memcmp(buf, "ping", 4) == 0);
	CHECK_EQ(f.closed, 0);
	CHECK_ERR(write(p[1], "x", 1), EBADF);		/* the thread closed it for us too */
	CHECK(f.made[0] >= 0);
	CHECK(read(f.made[0], buf, 4) == 4 && memcmp(buf, "pong", 4) == 0);	/* its pipe is ours */
	close(f.made[0]);
	close(f.made[1]);
	close(p[0]);
	CHECK_EQ(f.chdir, 0);
	CHECK(getcwd(now, sizeof now) != NULL && strcmp(now, "/") == 0);
	CHECK_EQ(chdir(cwd), 0);	/* back: data_path may be relative to it */
}

static volatile int handled_by;	/* the tid the handler ran in */

static void note_tid(int sig)
{
	(void)sig;
	handled_by = sys(__NR_gettid);
}

struct target {
	volatile int ready, done;
	int unblock;	/* a signal to unblock first (the mask is per thread), or 0 */
	long set;
};

/* Install note_tid for SIGUSR1 (libc's sigaction sets errno only on failure), then wait. */
static int handle_and_wait(void *arg)
{
	struct target *s = arg;
	struct sigaction sa = { .sa_handler = note_tid };
	unsigned long mask[2] = { 0, 0 };

	s->set = sigaction(SIGUSR1, &sa, NULL);
	if (s->unblock) {
		mask[0] = 1UL << (s->unblock - 1);
		s->set |= sys(__NR_rt_sigprocmask, SIG_UNBLOCK, mask, NULL, sizeof mask);
	}
	s->ready = 1;
	park(&s->done);
	return 0;
}

static void thread_signals(void)
{
	static struct target s;
	struct thread t;
	sigset_t usr2, pending;
	long tid;

	section("tgkill and tkill run the handler in the thread named; a thread's sigaction is ours");
	handled_by = 0;
	s = (struct target){ 0 };
	tid = spawn(&t, handle_and_wait, &s);
	CHECK(tid > 0);
	if (tid > 0) {
		CHECK(reach(&s.ready, 1));
		CHECK_EQ(s.set, 0);
		CHECK_EQ(sys(__NR_tgkill, getpid(), tid, SIGUSR1), 0);
		CHECK(reach(&handled_by, (int)tid));
		handled_by = 0;
		CHECK_EQ(sys(__NR_tkill, tid, SIGUSR1), 0);
		CHECK(reach(&handled_by, (int)tid));
		handled_by = 0;
		CHECK_EQ(sys(__NR_tgkill, getpid(), getpid(), SIGUSR1), 0);
		CHECK_EQ(handled_by, getpid());		/* ours: run before tgkill returned */
		/* Signal 0 only asks whether the thread is there, and in our group: our parent is
		 * not (and gets nothing, should a kernel get that wrong). */
		CHECK_EQ(sys(__NR_tgkill, getpid(), tid, 0), 0);
		CHECK_EQ(sys(__NR_tgkill, getpid(), getppid(), 0), -ESRCH);
		release(&s.done);
		CHECK_EQ(join(&t), 0);
	}

	/* Linux picks a thread that does not block it (kernel/signal.c, complete_signal). */
	section("kill to the process runs the handler in a thread that does not block the signal");
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	signal(SIGUSR2, note_tid);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	handled_by = 0;
	s = (struct target){ .unblock = SIGUSR2 };
	tid = spawn(&t, handle_and_wait, &s);
	CHECK(tid > 0);
	if (tid > 0) {
		CHECK(reach(&s.ready, 1));
		CHECK_EQ(s.set, 0);
		CHECK_EQ(kill(getpid(), SIGUSR2), 0);
		CHECK(reach(&handled_by, (int)tid));
		CHECK(sigpending(&pending) == 0 && !sigismember(&pending, SIGUSR2));
		release(&s.done);
		CHECK_EQ(join(&t), 0);
	}
	sigprocmask(SIG_UNBLOCK, &usr2, NULL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* ---- a process of two threads, as /proc and getrusage show it ---- */

#ifndef RUSAGE_THREAD
#define RUSAGE_THREAD 1		/* Linux's; our libc's sys/resource.h has SELF and CHILDREN only */
#endif
#define FRESH_PAGES 16
#define PAGE_BYTES 4096

static long threads_at_start;	/* /proc/self/status's Threads: before we made any */

/*
 * The Threads: figure of /proc/self/status, once it is want. On pagewise at once: one CPU
 * and a kernel that is not preempted, so a thread has left the count before the thread its
 * end woke can run. On Linux within WAIT_LIMIT_MS: it zeroes and wakes the CLEARTID word in
 * mm_release, before exit_notify takes the thread out of the count, so threads joined a
 * moment ago may still be counted.
 */
static long threads_become(long want)
{
	long deadline = clock_ms() + WAIT_LIMIT_MS, n;

	while ((n = status_field("/proc/self/status", "Threads")) != want && !on_pagewise() &&
	       clock_ms() < deadline)
		sleep_ms(1);
	return n;
}

/* Whether /proc's listing names n (opendir and readdir: only the main thread uses libc). */
/* Does directory dir list an entry named n? */
static int lists(const char *dir, long n)
{
	char name[16];
	struct dirent *e;
	int found = 0;
	DIR *d = opendir(dir);

	snprintf(name, sizeof name, "%ld", n);
	while (d && (e = readdir(d)) != NULL)
		found |= strcmp(e->d_name, name) == 0;
	if (d)
		closedir(d);
	return found;
}

struct toucher {
	volatile char *pages;		/* FRESH_PAGES of anonymous memory no one has touched */
	long ret, before, after;	/* getrusage's answers; RUSAGE_THREAD minflt around the touches */
	volatile int touched, go;
};

/* Touch every fresh page once, between two looks at our own fault count, then stay alive
 * until the main thread has looked at the process from outside. */
static int touch_fresh(void *arg)
{
	struct toucher *k = arg;
	struct rusage ru = { 0 };

	k->ret = sys(__NR_getrusage, RUSAGE_THREAD, &ru);
	k->before = ru.ru_minflt;
	for (int i = 0; i < FRESH_PAGES; i++)
		k->pages[i * PAGE_BYTES] = 1;
	k->ret |= sys(__NR_getrusage, RUSAGE_THREAD, &ru);
	k->after = ru.ru_minflt;
	k->touched = 1;
	park(&k->go);
	return 0;
}

static void seen_from_outside(void)
{
	static struct toucher k;	/* static and set before the thread starts: its page is in */
	struct rusage self0, self1, main0, main1;
	struct thread t;
	char path[64];
	long pid = getpid();
	/* Linux counts qemu-user's own threads too: there, what main saw before any of ours. */
	long one = on_pagewise() ? 1 : threads_at_start;

	section("getrusage while a thread touches 16 fresh pages: they count for the process and "
		"the thread (RUSAGE_THREAD), not for the main thread");
	k = (struct toucher){ .pages = mmap(NULL, FRESH_PAGES * PAGE_BYTES, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) };
	CHECK(k.pages != MAP_FAILED);
	if (k.pages == MAP_FAILED)
		return;
	/* Once to fault in what the call itself needs (its code, our stack), then the counts to
	 * start from, with nothing between them that could fault. */
	getrusage(RUSAGE_SELF, &self0);
	CHECK_EQ(getrusage(RUSAGE_THREAD, &main0), 0);
	CHECK_EQ(getrusage(RUSAGE_SELF, &self0), 0);
	long tid = spawn(&t, touch_fresh, &k);
	CHECK(tid > 0);
	if (tid <= 0) {
		munmap((void *)k.pages, FRESH_PAGES * PAGE_BYTES);
		return;
	}
	CHECK(reach(&k.touched, 1));
	CHECK_EQ(getrusage(RUSAGE_SELF, &self1), 0);
	CHECK_EQ(getrusage(RUSAGE_THREAD, &main1), 0);
	long process = self1.ru_minflt - self0.ru_minflt, mine = main1.ru_minflt - main0.ru_minflt;
	int failed = check_failed;
	CHECK_EQ(k.ret, 0);
	CHECK(process >= FRESH_PAGES);
	CHECK(k.after >= FRESH_PAGES);
	CHECK(mine < FRESH_PAGES);
	/*
	 * Exact on pagewise: a fault is one write to one fresh page, and it counts for the
	 * thread that took it and for the process. Under qemu-user Linux counts qemu's own
	 * faults, in whatever thread of the host process took them (code translation, its own
	 * memory), so there only the bounds above hold.
	 */
	if (on_pagewise()) {
		CHECK_EQ(k.after - k.before, FRESH_PAGES);
		CHECK_EQ(process, mine + k.after);	/* the thread counted from 0 when it began */
	}
	if (check_failed != failed || check_verbose)
		printf("     minflt: process +%ld, main thread +%ld, thread %ld (+%ld around its touches)\n",
		       process, mine, k.after, k.after - k.before);

	section("/proc while the thread waits: Threads: 2; /proc lists the pid, not the tid, "
		"yet /proc/TID/status is there; /proc/PID/task lists both; Threads: 1 once it is joined");
	CHECK_EQ(threads_become(one + 1), one + 1);
	CHECK(lists("/proc", pid));
	CHECK(!lists("/proc", tid));
	snprintf(path, sizeof path, "/proc/%ld/status", tid);
	CHECK_EQ(status_field(path, "Tgid"), pid);
	CHECK_EQ(status_field(path, "Pid"), tid);
	CHECK(lists("/proc/self/task", pid));
	CHECK(lists("/proc/self/task", tid));
	snprintf(path, sizeof path, "/proc/self/task/%ld/status", tid);
	CHECK_EQ(status_field(path, "Pid"), tid);
	snprintf(path, sizeof path, "/proc/%ld/task/%ld/status", pid, pid);
	CHECK_EQ(status_field(path, "Pid"), pid);
	release(&k.go);
	CHECK_EQ(join(&t), 0);
	CHECK_EQ(threads_become(one), one);
	/* Gone from task/ too: on pagewise at once, on Linux once exit_notify has run (see
	 * threads_become). */
	long deadline = clock_ms() + WAIT_LIMIT_MS;
	while (lists("/proc/self/task", tid) && !on_pagewise() && clock_ms() < deadline)
		sleep_ms(1);
	CHECK(!lists("/proc/self/task", tid));
	munmap((void *)k.pages, FRESH_PAGES * PAGE_BYTES);
}

/* ---- how a process of threads ends, forks and execs ---- */

static int exit_group_7(void *arg)
{
	(void)arg;
	sys(__NR_exit_group, 7);
	return 1;
}

static int write_to_null(void *arg)
{
	int *volatile p = arg;	/* volatile: the compiler would make a known NULL store a trap */

	*p = 1;
	return 1;
}

static int sleep_then_exit_group(void *arg)
{
	(void)arg;
	sleep_ms(2000);
	sys(__NR_exit_group, 1);
	return 1;
}

struct lingerer {
	volatile int leader;	/* the leader's set_tid_address word: 0 once it has gone */
	int pid, to_parent, from_parent;
};

/* Outlive the leader: tell the parent once it has gone, wait until the parent has looked,
 * then end the process with 9 (10 if our pid changed meanwhile). */
static int outlive_leader(void *arg)
{
	struct lingerer *l = arg;
	char c = wait_zero(&l->leader) == 0 ? 'x' : 't';

	sys(__NR_write, l->to_parent, &c, 1);
	sys(__NR_read, l->from_parent, &c, 1);
	sys(__NR_exit_group, sys(__NR_getpid) == l->pid ? 9 : 10);
	return 1;
}

static void process_ends(void)
{
	struct thread t;
	pid_t pid;
	int up[2], down[2];
	char c = 0;

	section("exit_group in a thread ends the process, the sleeping main thread too");
	pid = xfork();
	if (pid == 0) {
		if (spawn(&t, exit_group_7, NULL) <= 0)
			_exit(2);
		linger();
	}
	CHECK_STATUS(reap(pid), EXITED(7));

	section("a fault in a thread kills the whole process (SIGSEGV)");
	pid = xfork();
	if (pid == 0) {
		quiet_stderr();
		if (spawn(&t, write_to_null, NULL) <= 0)
			_exit(2);
		linger();
	}
	CHECK_STATUS(reap(pid), KILLED(SIGSEGV));

	section("kill with a default action ends every thread of the process (SIGTERM)");
	CHECK_EQ(pipe(up), 0);
	pid = xfork();
	if (pid == 0) {
		if (spawn(&t, sleep_then_exit_group, NULL) <= 0)
			_exit(2);
		write(up[1], "x", 1);
		linger();
	}
	close(up[1]);
	CHECK_EQ(read(up[0], &c, 1), 1);
	close(up[0]);
	CHECK_EQ(kill(pid, SIGTERM), 0);
	CHECK_STATUS(reap(pid), KILLED(SIGTERM));

	section("the leader's exit leaves the process to its other thread: wait4 reports its end only");
	CHECK(pipe(up) == 0 && pipe(down) == 0);
	pid = xfork();
	if (pid == 0) {
		static struct lingerer l;
		l = (struct lingerer){ sys(__NR_gettid), getpid(), up[1], down[0] };
		sys(__NR_set_tid_address, &l.leader);
		if (spawn(&t, outlive_leader, &l) <= 0)
			_exit(2);
		sys(__NR_exit, 0);	/* this thread only */
	}
	close(up[1]);
	close(down[0]);
	c = 0;
	CHECK_EQ(read(up[0], &c, 1), 1);
	CHECK_EQ(c, 'x');				/* the leader has gone */
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, WNOHANG), 0);	/* but a thread is left: nothing to report */
	if (c == 'x')		/* else no one may read it, and the write would be our SIGPIPE */
		write(down[1], "x", 1);
	CHECK_STATUS(reap(pid), EXITED(9));
	close(up[0]);
	close(down[1]);
}

struct forker {
	int parent;
	long child;
};

/* fork here: the new process is this thread alone, so it is its own leader and its plain
 * exit ends it (its status says which of those failed). */
static int fork_here(void *arg)
{
	struct forker *f = arg;
	long pid = sys(__NR_fork);

	if (pid == 0) {
		long me = sys(__NR_getpid);
		sys(__NR_exit, (me != sys(__NR_gettid)) | (me == f->parent) << 1 |
				       (sys(__NR_getppid) != f->parent) << 2);
	}
	f->child = pid;
	return 0;
}

struct execer {
	const char *path;
	char **argv;
};

static int exec_here(void *arg)
{
	struct execer *e = arg;
	long r = sys(__NR_execve, e->path, e->argv, environ);

	sys(__NR_exit_group, 100 - r);	/* execve failed: 100 + errno */
	return 1;
}

static void fork_and_exec(void)
{
	static struct forker f;
	static struct execer e;
	static char *exit42[] = { "exit42", NULL }, *sh[] = { "sh", "-c", "exit 42", NULL };
	struct thread t;
	pid_t pid;

	section("fork in a thread: a process of one thread, pid its own, reaped by another thread");
	f = (struct forker){ getpid(), -1 };
	long tid = spawn(&t, fork_here, &f);
	CHECK(tid > 0);
	if (tid > 0) {
		CHECK_EQ(join(&t), 0);
		CHECK(f.child > 0);
		if (f.child > 0)
			CHECK_STATUS(reap((pid_t)f.child), EXITED(0));
	}

	/*
	 * On pagewise data/exit42. qemu-user hands execve to the host kernel, which cannot start
	 * i386 programs here, so on Linux a shell that exits 42, found on PATH: the host's sh,
	 * or under host-check.sh its wrapper that runs pagewise's sh in qemu-i386.
	 */
	section("execve in a thread: the process becomes the new program, pid unchanged");
	e = on_pagewise() ? (struct execer){ data_path("exit42"), exit42 }
			  : (struct execer){ program("sh"), sh };
	pid = xfork();
	if (pid == 0) {
		if (spawn(&t, exec_here, &e) <= 0)
			_exit(2);
		linger();
	}
	CHECK_STATUS(reap(pid), EXITED(42));	/* waited for by the pid fork gave */
}

/* ---- TLS ---- */

#define TLS_ENTRY_MIN 6		/* the first GDT entry set_thread_area gives out */

static unsigned get_gs(void)
{
	unsigned v;
	__asm__ volatile("movl %%gs, %0" : "=r"(v));
	return v & 0xFFFF;
}

static int gs_word(void)
{
	int v;
	__asm__ volatile("movl %%gs:0, %0" : "=r"(v));
	return v;
}

static int main_block = 1111, thread_block = 2222;

struct tls_seen {
	unsigned gs;
	int value;
};

static int note_tls(void *arg)
{
	struct tls_seen *s = arg;

	s->gs = get_gs();
	s->value = gs_word();
	return 0;
}

static void thread_tls(void)
{
	static struct tls_seen seen;
	struct thread t;
	unsigned gs = get_gs();

	section("CLONE_SETTLS: the thread's %gs reaches its own block, ours still reaches ours");
	/* Unless a TLS slot (GDT entries 6 to 8, on Linux and pagewise) is in %gs already, make
	 * the main thread's as glibc's start does: our libc has none, and a program starts with
	 * 0 in %gs on Linux, with the flat data segment under qemu-user. */
	if (gs >> 3 < TLS_ENTRY_MIN || gs >> 3 >= TLS_ENTRY_MIN + 3) {
		struct user_desc d = { .entry_number = (uint32_t)-1, .base_addr = (uintptr_t)&main_block,
				       .limit = 0xFFFFF, .seg_32bit = 1, .limit_in_pages = 1, .useable = 1 };
		CHECK_EQ(syscall(__NR_set_thread_area, &d), 0);
		gs = (d.entry_number << 3) | 3;
		__asm__ volatile("movl %0, %%gs" : : "r"(gs));
	}
	int before = gs_word();
	/* The same GDT entry as ours, as glibc's pthread_create gives it (entry_number from %gs). */
	struct user_desc td = { .entry_number = gs >> 3, .base_addr = (uintptr_t)&thread_block,
				.limit = 0xFFFFF, .seg_32bit = 1, .limit_in_pages = 1, .useable = 1 };
	seen = (struct tls_seen){ 0, 0 };
	long tid = spawn_tls(&t, note_tls, &seen, &td);
	CHECK(tid > 0);
	if (tid <= 0)
		return;
	CHECK_EQ(join(&t), 0);
	CHECK_EQ(seen.gs, gs);
	CHECK_EQ(seen.value, 2222);
	CHECK_EQ(gs_word(), before);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	threads_at_start = status_field("/proc/self/status", "Threads");
	same_memory();
	thread_end();
	robust_futexes();
	shared_tables();
	thread_signals();
	seen_from_outside();
	process_ends();
	fork_and_exec();
	thread_tls();
	return check_done();
}
