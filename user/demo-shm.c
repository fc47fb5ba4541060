/*
 * demo-shm: the other side of demo-isolation. System V shared memory (shmget, shmat) puts one
 * frame in two processes' page tables, and in one process's twice, at two addresses: a write
 * through any of them is there for all, with no copy (a second address still takes a minor
 * fault, to fill its own page table entry).
 *
 * The steps: make a segment of one page (nothing resident yet), attach it, write (one
 * fault, one frame, Shmem + 4 kB); attach it again in the same process; fork (the child's
 * copy of the attach is the same frame, and counts as an attach); the child writes, the
 * parent reads; then IPC_RMID, which takes the key away but keeps the memory until the last
 * detach, and the frame goes back.
 */
#include <stdio.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>
#include "demo.h"

static struct shmid_ds ds;

static unsigned long attaches(int id)
{
	return shmctl(id, IPC_STAT, &ds) == 0 ? ds.shm_nattch : 0;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	long shmem0 = demo_meminfo_kb("Shmem");

	demo_step("shmget(IPC_PRIVATE, 4096): a segment of one page");
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	if (id < 0) {
		perror("demo-shm: shmget");
		return 1;
	}
	printf("id %d: %lu attaches; Shmem %ld kB (no frame yet)\n", id, attaches(id),
	       demo_meminfo_kb("Shmem"));

	demo_step("shmat, and write \"hello\" into it");
	char *a = shmat(id, NULL, 0);
	if (a == (void *)-1) {
		perror("demo-shm: shmat");
		return 1;
	}
	strcpy(a, "hello");
	unsigned long frame = demo_frame(a);
	printf("attached at %p:\n    %s\n", (void *)a, demo_maps_line((uintptr_t)a));
	printf("%p -> frame %#lx; %lu attach; Shmem %ld kB\n", (void *)a, frame, attaches(id),
	       demo_meminfo_kb("Shmem"));
	demo_expect(demo_meminfo_kb("Shmem") == shmem0 + 4, "Shmem is not 4 kB more after the first write");

	demo_step("shmat again: a second address in this process");
	char *b = shmat(id, NULL, 0);
	printf("%p -> frame %#lx (nothing in this page table entry yet)\n", (void *)b, demo_frame(b));
	printf("%p reads \"%s\"", (void *)b, b);
	printf(" -> frame %#lx (a minor fault filled the entry: no new frame); %lu attaches\n",
	       demo_frame(b), attaches(id));
	demo_expect(b != a && demo_frame(b) == frame && strcmp(b, "hello") == 0,
		    "the second attach is not the same frame");

	demo_step("fork: the child writes \"world\" through its copy of the first attach");
	fflush(stdout);
	int pipefd[2];
	if (pipe(pipefd) < 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		unsigned long f = demo_frame(a);
		printf("child  (pid %d): %p -> frame %#lx; %lu attaches\n", (int)getpid(), (void *)a, f,
		       attaches(id));
		strcpy(a, "world");
		char c = 'w';
		if (write(pipefd[1], &c, 1) != 1)
			_exit(3);
		_exit(f == frame ? 0 : 1);
	}
	char c;
	if (read(pipefd[0], &c, 1) != 1)
		return 1;
	int status;
	waitpid(pid, &status, 0);
	printf("parent (pid %d): %p reads \"%s\", %p reads \"%s\"; %lu attaches again\n", (int)getpid(),
	       (void *)a, a, (void *)b, b, attaches(id));
	demo_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's page was another frame");
	demo_expect(strcmp(a, "world") == 0 && strcmp(b, "world") == 0, "the child's write is not seen");
	demo_expect(demo_meminfo_kb("Shmem") == shmem0 + 4, "Shmem moved: a copy was made");

	demo_step("IPC_RMID, then shmdt both: the frame goes at the last detach");
	shmctl(id, IPC_RMID, NULL);
	unsigned long n = attaches(id);
	printf("after IPC_RMID: %lu attaches, mode %o (SHM_DEST 01000); Shmem %ld kB\n", n,
	       (unsigned)ds.shm_perm.mode, demo_meminfo_kb("Shmem"));
	shmdt(a);
	shmdt(b);
	printf("after shmdt: IPC_STAT %s; Shmem %ld kB\n",
	       shmctl(id, IPC_STAT, &ds) < 0 ? "fails (the segment is gone)" : "still works",
	       demo_meminfo_kb("Shmem"));
	demo_expect(demo_meminfo_kb("Shmem") == shmem0, "the frame did not come back");

	printf("\nOne frame, four mappings (two addresses in each process): fork copied the page\n"
	       "table entries, not the page, and shared memory is never copied on write. Each\n"
	       "attach is a region and counts once (shm_nattch). Compare demo-isolation, where\n"
	       "the same address in two processes leads to two frames.\n");
	return demo_exit_status();
}
