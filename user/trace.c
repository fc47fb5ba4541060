/*
 * trace: run a program with the kernel's trace on.
 *
 *   trace [-m] PROGRAM [ARG...]
 *
 * Switches on pagewise's trace for this process (prctl PR_PAGEWISE_TRACE, a
 * number Linux does not use) and execs PROGRAM, which inherits it, as do its
 * children. The kernel then prints on the console, in order, every system
 * call with its arguments and result and every page fault with its address,
 * kind (zero-fill, zero-page, file, copy-on-write, stack growth) and frame:
 *
 *   [2 demo-abcd] brk(0x806f000, 0, 0, 0) = 134672384
 *   [2 demo-abcd] fault 0x08067010 write zero-fill -> frame 0x315000
 *
 * -m also sets PAGEWISE_MALLOC_TRACE=1, so the program's malloc prints a
 * line for each call ("pw-malloc: malloc(30720) = 0x8067010 [top+brk]"),
 * written to standard error in the same stream: malloc -> brk -> return ->
 * first touch -> fault -> frame on one screen.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "userlib.h"

#define PR_PAGEWISE_TRACE 0x70770001

static int usage(void)
{
	fprintf(stderr, "usage: trace [-m] PROGRAM [ARG...]\n"
			"  runs PROGRAM with every system call and page fault shown;\n"
			"  -m: malloc's own trace too (PAGEWISE_MALLOC_TRACE=1)\n");
	return 2;
}

int main(int argc, char **argv)
{
	char path[256];
	int i = 1, err;

	if (i < argc && strcmp(argv[i], "-m") == 0) {
		/* setenv before prctl: its own malloc is not part of what is traced. */
		if (setenv("PAGEWISE_MALLOC_TRACE", "1", 1) < 0) {
			perror("trace: setenv");
			return 1;
		}
		i++;
	}
	if (i >= argc || argv[i][0] == '-')
		return usage();
	err = find_program(argv[i], path, sizeof path);
	if (err) {
		fprintf(stderr, "trace: %s: %s\n", argv[i], strerror(-err));
		return 127;
	}
	if (syscall(__NR_prctl, PR_PAGEWISE_TRACE, 1, 0, 0, 0) < 0) {
		/* Linux (or qemu-i386) does not know the option: EINVAL. */
		fprintf(stderr, "trace: this kernel has no trace switch (%s); running %s untraced\n",
			strerror(errno), argv[i]);
	}
	fflush(stdout);
	execve(path, argv + i, environ);
	err = errno;
	/* Still traced: the failing execve is already on the console. */
	syscall(__NR_prctl, PR_PAGEWISE_TRACE, 0, 0, 0, 0);
	fprintf(stderr, "trace: %s: %s\n", path, strerror(err));
	return err == ENOENT ? 127 : 126;
}
