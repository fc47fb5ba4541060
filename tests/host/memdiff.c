/*
 * memdiff SEED [OPS]: a random run of memory system calls whose transcript must be the same
 * on pagewise and on Linux.
 *
 * Everything happens in a window of WINDOW pages that the program reserves first, with
 * MAP_FIXED inside it, so every address is the window's start plus an offset and the
 * transcript does not depend on where either kernel put the window. Each step is one of
 * mmap (private or shared, some prot), munmap, mprotect, madvise(MADV_DONTNEED), a
 * read or a write of one page (caught with a SIGSEGV and SIGBUS handler), a child that
 * writes a page (copy-on-write or shared), a mapping of the program's own file that may
 * reach past its end, mincore of a range (which of its pages are in memory), or a call with
 * bad arguments; its line gives the arguments as page offsets and the result (0 or -errno, or
 * the byte read, or "segv", or the pages in memory as 0s and 1s). At the end every page of
 * the window is probed.
 *
 * mprotect, madvise and mincore are only called on ranges without holes: over a hole,
 * qemu-user (which stands in for Linux on a host without i386 support) answers 0, where
 * Linux changes what precedes the hole and answers ENOMEM (qemu reserves the guest's whole
 * address space on the host). vm_mprotect, vm_madvise and vm_mlock check that case on
 * pagewise. mincore also keeps away from PROT_NONE pages, which qemu-user's mincore calls
 * unmapped (ENOMEM).
 *
 * Nothing may allocate or map behind our back while the steps run (a mapping the kernel
 * places itself could land in a hole of the window): the transcript goes to a static
 * buffer and is written once at the end. Static glibc, raw system calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "transcript.h"

#define PAGE 4096
#define WINDOW 32

static char *win;
static sigjmp_buf probe_env;
static int exe;			/* our own executable, read-only */
static unsigned exe_pages;		/* its length in pages, the last one partial */
static char mapped[WINDOW];	/* what we know is mapped: holes keep mprotect and madvise away */
static char no_access[WINDOW];	/* and PROT_NONE: qemu-user's mincore calls that unmapped */

static void set_mapped(unsigned a, unsigned n, char v)
{
	memset(mapped + a, v, n);
}

static int has_hole(unsigned a, unsigned n)
{
	return memchr(mapped + a, 0, n) != NULL;
}

/* A system call's result as the transcript shows it: 0 for success, -errno otherwise
 * (glibc's syscall() returns -1 and sets errno). */
static long result(long r, void *want)
{
	if (r == -1)
		return -errno;
	return want && (void *)r != want ? -9999 : 0;	/* -9999: mapped somewhere else */
}

static void on_fault(int sig)
{
	siglongjmp(probe_env, sig == SIGBUS ? 2 : 1);
}

/* Read (or write) one byte of page pg: the byte, or -1 for SIGSEGV, -2 for SIGBUS. */
static int probe(unsigned pg, int write, unsigned char value)
{
	volatile unsigned char *p = (volatile unsigned char *)win + pg * PAGE + 123;
	int sig = sigsetjmp(probe_env, 1);
	if (sig)
		return -sig;
	if (write)
		*p = value;
	return *p;
}

static const int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE };
static const char *const prot_names[] = { "none", "r", "rw" };

static void step(int i)
{
	unsigned a = rnd(WINDOW), n = 1 + rnd(WINDOW - a), k = rnd(3);
	char *addr = win + a * PAGE;
	size_t len = n * PAGE;

	switch (rnd(14)) {
	case 0:
	case 1: {
		int shared = rnd(4) == 0;
		long r = result(syscall(SYS_mmap2, addr, len, prots[k],
					(shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS | MAP_FIXED, -1, 0), addr);
		if (r == 0) {
			set_mapped(a, n, 1);
			memset(no_access + a, k == 0, n);
		}
		say("%d mmap +%u %u %s %s = %ld\n", i, a, n, prot_names[k], shared ? "shared" : "private", r);
		break;
	}
	case 2: {
		long r = result(syscall(SYS_munmap, addr, len), NULL);
		if (r == 0)
			set_mapped(a, n, 0);
		say("%d munmap +%u %u = %ld\n", i, a, n, r);
		break;
	}
	case 3:
	case 4:
		if (!has_hole(a, n)) {
			long r = result(syscall(SYS_mprotect, addr, len, prots[k]), NULL);
			if (r == 0)
				memset(no_access + a, k == 0, n);
			say("%d mprotect +%u %u %s = %ld\n", i, a, n, prot_names[k], r);
		}
		break;
	case 5:
		if (!has_hole(a, n))
			say("%d madvise-dontneed +%u %u = %ld\n", i, a, n,
			    result(syscall(SYS_madvise, addr, len, MADV_DONTNEED), NULL));
		break;
	case 6:
	case 7: {
		unsigned char v = (unsigned char)(1 + rnd(250));
		say("%d write +%u %u = %d\n", i, a, v, probe(a, 1, v));
		break;
	}
	case 8:
		say("%d read +%u = %d\n", i, a, probe(a, 0, 0));
		break;
	case 9: {
		/* A child writes a page and exits; what the parent then reads there tells private
		 * (copy-on-write: its own byte) from shared (the child's byte). */
		unsigned char v = (unsigned char)(1 + rnd(250));
		int st = 0;
		long pid = syscall(SYS_fork);
		if (pid == 0)
			syscall(SYS_exit, probe(a, 1, v) < 0 ? 99 : 0);
		syscall(SYS_wait4, pid, &st, 0, NULL);
		say("%d fork-write +%u %u = child %d, parent reads %d\n", i, a, v,
		    WIFEXITED(st) ? WEXITSTATUS(st) : -1, probe(a, 0, 0));
		break;
	}
	case 10:
	case 11: {
		/* A file mapping that may reach past the end of the file: its pages read the
		 * file, the rest of the last page zeros, and whole pages past the end SIGBUS. */
		unsigned off = exe_pages - 1 - rnd(exe_pages < 8 ? exe_pages : 8) + rnd(3);
		int shared = rnd(3) == 0;
		long r = result(syscall(SYS_mmap2, addr, len, prots[k],
					(shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED, exe, off), addr);
		if (r == 0) {
			set_mapped(a, n, 1);
			memset(no_access + a, k == 0, n);
		}
		say("%d mmap-file +%u %u %s %s end%+d = %ld\n", i, a, n, prot_names[k],
		    shared ? "shared" : "private", (int)off - (int)exe_pages, r);
		break;
	}
	case 12:
		if (!has_hole(a, n) && !memchr(no_access + a, 1, n)) {
			unsigned char vec[WINDOW];
			long r = result(syscall(SYS_mincore, addr, len, vec), NULL);
			say("%d mincore +%u %u = %ld ", i, a, n, r);
			for (unsigned j = 0; j < n && r == 0; j++)
				say("%d", vec[j] & 1);
			say("\n");
		}
		break;
	default:
		/* Bad arguments: a misaligned address, a zero length, a length past the top. */
		switch (k) {
		case 0:
			say("%d mprotect-misaligned = %ld\n", i,
			    result(syscall(SYS_mprotect, addr + 1, len, PROT_READ), NULL));
			break;
		case 1:
			say("%d munmap-zero = %ld mmap-zero = %ld\n", i,
			    result(syscall(SYS_munmap, addr, 0), NULL),
			    result(syscall(SYS_mmap2, addr, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), addr));
			break;
		default:
			say("%d mprotect-huge = %ld madvise-huge = %ld\n", i,
			    result(syscall(SYS_mprotect, addr, 0xF0000000ul, PROT_READ), NULL),
			    result(syscall(SYS_madvise, addr, 0xF0000000ul, MADV_DONTNEED), NULL));
		}
	}
}

int main(int argc, char **argv)
{
	int ops = argc > 2 ? atoi(argv[2]) : 400;
	struct sigaction sa = { .sa_handler = on_fault };

	seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	/* The program's own file, the same bytes on both systems: file mappings map it. */
	exe = open("/proc/self/exe", O_RDONLY);
	struct stat st;
	if (exe < 0 || fstat(exe, &st) != 0) {
		perror("memdiff: /proc/self/exe");
		return 2;
	}
	exe_pages = (unsigned)((st.st_size + PAGE - 1) / PAGE);
	/* Warm up stdio's buffer now, so nothing is mapped while the steps run. */
	printf("memdiff seed %llu, %d steps in a window of %d pages\n", seed, ops, WINDOW);
	fflush(stdout);
	win = mmap(NULL, WINDOW * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (win == MAP_FAILED) {
		perror("memdiff: mmap");
		return 2;
	}
	set_mapped(0, WINDOW, 1);
	memset(no_access, 1, WINDOW);
	for (int i = 0; i < ops; i++)
		step(i);
	say("final:");
	for (unsigned pg = 0; pg < WINDOW; pg++)
		say(" %d", probe(pg, 0, 0));
	say("\n");
	say_flush();
	return 0;
}
