/*
 * System V shared memory (shmget(2), shmat(2), shmdt(2), shmctl(2), and ipc(2), the way i386
 * programs used to reach them), checked against what Linux answers:
 *   - a segment is zero-filled memory that every attach, in any process, sees the same;
 *   - IPC_STAT's figures: size, creator, last pid, times, and the attach count, which counts
 *     mapping regions (fork adds one, exit takes it away, a split by mprotect counts twice);
 *   - keys: IPC_CREAT, IPC_EXCL, ENOENT, EEXIST, EINVAL for a size bigger than the segment's;
 *   - IPC_RMID: the key goes at once, the memory at the last detach (SHM_DEST meanwhile);
 *   - shmat's addresses (SHM_RND, SHM_REMAP, EINVAL for what is in the way), SHM_RDONLY;
 *   - on pagewise, where the figures are its own: the frames count in Shmem and come back.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include "check.h"

static struct shmid_ds ds;

static long stat_field(int id, unsigned long *nattch)
{
	long r = shmctl(id, IPC_STAT, &ds);
	*nattch = r == 0 ? ds.shm_nattch : 999;
	return r;
}

static unsigned long nattch_of(int id)
{
	unsigned long n;
	stat_field(id, &n);
	return n;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* /proc/meminfo's Shmem, in kB. */
static long shmem_kb(void)
{
	static char text[4096];
	if (read_text("/proc/meminfo", text, sizeof text) <= 0)
		return -1;
	char *line = strstr(text, "\nShmem:");
	return line ? strtol(line + 7, NULL, 10) : -1;
}

/* The VmFlags of the region at addr in /proc/self/smaps, without the trailing space. */
static const char *vmflags_of(const void *addr)
{
	static char text[65536], flags[64];
	char head[16];
	snprintf(head, sizeof head, "%08lx-", (unsigned long)addr);
	read_text("/proc/self/smaps", text, sizeof text);
	char *r = strstr(text, head), *v = r ? strstr(r, "VmFlags: ") : NULL;
	flags[0] = '\0';
	if (v) {
		v += 9;
		size_t n = strcspn(v, "\n");
		while (n && v[n - 1] == ' ')
			n--;
		snprintf(flags, sizeof flags, "%.*s", (int)n, v);
	}
	return flags;
}

static int readonly_id;
static void write_readonly(void)
{
	volatile char *r = shmat(readonly_id, NULL, SHM_RDONLY);
	if (r == (void *)-1)
		_exit(2);
	if (r[0] != 'A')
		_exit(3);
	if (mprotect((void *)r, 4096, PROT_READ | PROT_WRITE) != -1 || errno != EACCES)
		_exit(4);	/* it may never be made writable */
	r[0] = 'B';		/* SIGSEGV */
	_exit(0);
}

/* Run ipcs; its output into out. Its wait status. */
static int run_ipcs(char *out, size_t size)
{
	int fds[2], st = -1;
	size_t used = 0;
	ssize_t n;
	if (pipe(fds))
		return -1;
	pid_t pid = xfork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		char *args[] = { (char *)program("ipcs"), NULL };
		execve(args[0], args, (char *[]){ NULL });
		_exit(126);
	}
	close(fds[1]);
	while (used + 1 < size && (n = read(fds[0], out + used, size - 1 - used)) > 0)
		used += (size_t)n;
	out[used] = '\0';
	close(fds[0]);
	waitpid(pid, &st, 0);
	return st;
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	pid_t me = getpid();

	section("shmget(IPC_PRIVATE): a new segment, as IPC_STAT tells");
	long t0 = (long)time(NULL);
	int id = shmget(IPC_PRIVATE, 10000, 0600);
	CHECK(id >= 0);
	CHECK_EQ(shmctl(id, IPC_STAT, &ds), 0);
	CHECK_EQ(ds.shm_segsz, 10000);
	CHECK_EQ(ds.shm_nattch, 0);
	CHECK_EQ(ds.shm_cpid, me);
	CHECK_EQ(ds.shm_lpid, 0);
	CHECK_EQ(ds.shm_perm.mode, 0600);
	CHECK_EQ(ds.shm_perm.__key, IPC_PRIVATE);
	CHECK_EQ(ds.shm_atime, 0);
	CHECK_EQ(ds.shm_dtime, 0);
	CHECK(ds.shm_ctime >= t0 && ds.shm_ctime <= t0 + 5);

	section("shmat: zero-filled memory at a page boundary; one attach");
	unsigned char *p = shmat(id, NULL, 0);
	CHECK(p != (void *)-1);
	CHECK_EQ((unsigned long)p % 4096, 0);
	CHECK(all_zero(p, 10000));
	memset(p, 'A', 10000);
	CHECK_EQ(shmctl(id, IPC_STAT, &ds), 0);
	CHECK_EQ(ds.shm_nattch, 1);
	CHECK_EQ(ds.shm_lpid, me);
	CHECK(ds.shm_atime >= t0 && ds.shm_atime <= t0 + 5);
	{
		char maps[8192];
		read_text("/proc/self/maps", maps, sizeof maps);
		CHECK(strstr(maps, "/SYSV00000000 (deleted)") != NULL);
	}

	section("a second attach is the same memory");
	unsigned char *q = shmat(id, NULL, 0);
	CHECK(q != (void *)-1 && q != p);
	CHECK_EQ(q[9999], 'A');
	q[5000] = 'Q';
	CHECK_EQ(p[5000], 'Q');
	CHECK_EQ(nattch_of(id), 2);
	CHECK_EQ(shmdt(q), 0);
	CHECK_EQ(nattch_of(id), 1);
	CHECK(ds.shm_dtime >= t0 && ds.shm_dtime <= t0 + 5);

	section("fork: the child's copy counts as an attach; writes are seen both ways");
	pid_t pid = xfork();
	if (pid == 0) {
		if (nattch_of(id) != 2 || p[5000] != 'Q')
			_exit(1);
		p[1] = 'C';
		_exit(0);
	}
	int st;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK_STATUS(st, EXITED(0));
	CHECK_EQ(p[1], 'C');
	CHECK_EQ(nattch_of(id), 1);	/* the child's exit detached it */
	CHECK_EQ(ds.shm_lpid, pid);

	section("an attach split in two by mprotect counts twice; shmdt takes both");
	CHECK_EQ(mprotect(p, 4096, PROT_READ), 0);
	CHECK_EQ(nattch_of(id), 2);
	CHECK_ERR(shmdt(p + 4096), EINVAL);	/* not where an attach starts */
	CHECK_EQ(shmdt(p), 0);
	CHECK_EQ(nattch_of(id), 0);
	CHECK_ERR(shmdt(p), EINVAL);		/* nothing there now */
	CHECK_ERR(shmdt(&st), EINVAL);
	CHECK_ERR(shmdt(p + 1), EINVAL);

	section("keys: IPC_CREAT, IPC_EXCL, ENOENT, EEXIST, and the size");
	key_t key = (key_t)(0x5a000000 | (me & 0xffff) << 4);
	CHECK_ERR(shmget(key, 4096, 0600), ENOENT);
	int kid = shmget(key, 4096, IPC_CREAT | 0600);
	CHECK(kid >= 0 && kid != id);
	CHECK_EQ(shmget(key, 100, 0), kid);
	CHECK_EQ(shmget(key, 4096, IPC_CREAT | 0600), kid);
	CHECK_ERR(shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	CHECK_ERR(shmget(key, 8192, 0), EINVAL);
	CHECK_EQ(shmctl(kid, IPC_STAT, &ds), 0);
	CHECK_EQ(ds.shm_perm.__key, key);

	section("IPC_RMID while attached: the key goes now, the segment at the last detach");
	char *k1 = shmat(kid, NULL, 0);
	CHECK(k1 != (void *)-1);
	k1[0] = 'K';
	CHECK_EQ(shmctl(kid, IPC_RMID, NULL), 0);
	CHECK_EQ(shmctl(kid, IPC_STAT, &ds), 0);
	CHECK_EQ(ds.shm_perm.mode, 0600 | SHM_DEST);
	CHECK_EQ(ds.shm_perm.__key, IPC_PRIVATE);
	CHECK_ERR(shmget(key, 4096, 0), ENOENT);
	char *k2 = shmat(kid, NULL, 0);		/* Linux still lets one attach it */
	CHECK(k2 != (void *)-1);
	CHECK_EQ(k2[0], 'K');
	CHECK_EQ(nattch_of(kid), 2);
	CHECK_EQ(shmdt(k1), 0);
	CHECK_EQ(shmctl(kid, IPC_STAT, &ds), 0);
	CHECK_EQ(shmdt(k2), 0);
	CHECK_ERR(shmctl(kid, IPC_STAT, &ds), EINVAL);
	CHECK(shmat(kid, NULL, 0) == (void *)-1 && errno == EINVAL);

	section("shmat's address: SHM_RND, what is in the way, SHM_REMAP");
	char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	CHECK(shmat(id, m + 0x123, 0) == (void *)-1 && errno == EINVAL);
	CHECK(shmat(id, m, 0) == (void *)-1 && errno == EINVAL);
	CHECK(shmat(id, m, SHM_REMAP) == m);
	CHECK_EQ(m[1], 'C');
	CHECK_EQ(shmdt(m), 0);
	CHECK_EQ(munmap(m, 3 * 4096), 0);
	/* Linux's answers, which a native x86_64 program gets too; qemu-user chooses the address
	 * itself and passes SHM_REMAP on, and its SHM_RND does not land on the page below. */
	if (on_pagewise()) {
		CHECK(shmat(id, NULL, SHM_REMAP) == (void *)-1 && errno == EINVAL);
		CHECK(shmat(id, m + 0x123, SHM_RND) == m);
		CHECK_EQ(shmdt(m), 0);
	} else {
		printf("note: not pagewise: SHM_REMAP without an address and SHM_RND not checked (qemu-user)\n");
	}

	/* qemu-user refuses a 3 GiB shmget, under Linux's SHMMAX (a native program gets it). */
	if (on_pagewise()) {
		section("a segment bigger than the address space has room for: ENOMEM at shmat");
		int huge = shmget(IPC_PRIVATE, 0xC0000000u, 0600);	/* under SHMMAX: made */
		CHECK(huge >= 0);
		CHECK(shmat(huge, NULL, 0) == (void *)-1 && errno == ENOMEM);
		CHECK(shmat(huge, (void *)0x10000000, SHM_REMAP) == (void *)-1 && errno == ENOMEM);
		CHECK_EQ(shmctl(huge, IPC_RMID, NULL), 0);
	}

	section("bad arguments");
	CHECK_ERR(shmget(IPC_PRIVATE, 0, 0600), EINVAL);
	CHECK(shmat(-1, NULL, 0) == (void *)-1 && errno == EINVAL);
	CHECK(shmat(id + 1, NULL, 0) == (void *)-1 && errno == EINVAL);
	CHECK_ERR(shmctl(id, 99, &ds), EINVAL);
	CHECK_ERR(shmctl(id, IPC_STAT, (struct shmid_ds *)1), EFAULT);
	CHECK_ERR(shmctl(-1, IPC_STAT, &ds), EINVAL);

	section("IPC_SET changes the permission bits; a SHM_RDONLY attach cannot write, nor be made to");
	CHECK_EQ(shmctl(id, IPC_STAT, &ds), 0);
	ds.shm_perm.mode = 0640;
	CHECK_EQ(shmctl(id, IPC_SET, &ds), 0);
	CHECK_EQ(shmctl(id, IPC_STAT, &ds), 0);
	CHECK_EQ(ds.shm_perm.mode, 0640);
	if (on_pagewise()) {	/* qemu-user makes up its own smaps; a native program gets these */
		char *ro = shmat(id, NULL, SHM_RDONLY), *rw = shmat(id, NULL, 0);
		CHECK_EQ(strcmp(vmflags_of(ro), "rd mr me ms"), 0);
		CHECK_EQ(strcmp(vmflags_of(rw), "rd wr sh mr mw me ms"), 0);
		shmdt(ro);
		shmdt(rw);
	}
	readonly_id = id;
	quiet_stderr();
	CHECK_STATUS(status_of(write_readonly), KILLED(SIGSEGV));

	section("ipcs lists the segment");
	{
		static char out[8192], want[128];
		CHECK(run_ipcs(out, sizeof out) == 0);
		snprintf(want, sizeof want, "\n0x00000000 %-10d %-10s 640        10000      0          ",
			 id, ds.shm_perm.uid ? "" : "root");
		CHECK(ds.shm_perm.uid == 0);
		CHECK(strstr(out, want) != NULL);
		CHECK(strstr(out, "------ Shared Memory Segments --------\nkey        shmid") != NULL);
	}

	section("ipc(2): the same calls through the old entry");
	long iid = syscall(__NR_ipc, 23, IPC_PRIVATE, 8192, 0600, NULL, 0);	/* SHMGET */
	CHECK(iid >= 0);
	unsigned long raddr = 0;
	CHECK_EQ(syscall(__NR_ipc, 21, iid, 0, &raddr, NULL, 0), 0);		/* SHMAT */
	CHECK(raddr != 0 && raddr % 4096 == 0);
	CHECK(all_zero((unsigned char *)raddr, 8192));
	CHECK_EQ(syscall(__NR_ipc, 24, iid, IPC_STAT | IPC_64, 0, &ds, 0), 0);	/* SHMCTL */
	CHECK_EQ(ds.shm_segsz, 8192);
	CHECK_EQ(ds.shm_nattch, 1);
	CHECK_EQ(syscall(__NR_ipc, 22, 0, 0, 0, raddr, 0), 0);			/* SHMDT */
	CHECK_EQ(syscall(__NR_ipc, 24, iid, IPC_RMID, 0, NULL, 0), 0);
	CHECK_ERR(shmctl((int)iid, IPC_STAT, &ds), EINVAL);

	if (on_pagewise()) {	/* the host's figures move with everything else on it */
		section("the frames are Shmem, made at the first touch, and come back");
		struct shm_info info, was;
		CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&was) >= 0);
		long before = shmem_kb();
		long rss_before = status_field("/proc/self/status", "RssShmem");
		int big = shmget(IPC_PRIVATE, 16 * 4096, 0600);
		char *b = shmat(big, NULL, 0);
		CHECK(b != (void *)-1);
		CHECK_EQ(shmem_kb(), before);
		for (int i = 0; i < 10; i++)
			b[i * 4096] = 1;
		CHECK_EQ(shmem_kb(), before + 40);
		CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&info) >= 0);
		CHECK_EQ(info.used_ids, was.used_ids + 1);
		CHECK_EQ(info.shm_rss, was.shm_rss + 10);
		CHECK_EQ(info.shm_tot, was.shm_tot + 16);
		CHECK_EQ(status_field("/proc/self/status", "RssShmem"), rss_before + 40);
		CHECK_EQ(shmctl(big, IPC_RMID, NULL), 0);
		CHECK_EQ(shmem_kb(), before + 40);	/* still attached */
		CHECK_EQ(shmdt(b), 0);
		CHECK_EQ(shmem_kb(), before);
	}
	CHECK_EQ(shmctl(id, IPC_RMID, NULL), 0);
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
	return check_done();
}
