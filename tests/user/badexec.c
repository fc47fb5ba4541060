/*
 * execve(2) of files that are not runnable programs must fail and leave the
 * caller alive. The files are made at build time (tests/user/mkbad.c) and sit
 * in data/, since the initrd cannot be written.
 *
 * What Linux does (fs/binfmt_elf.c load_elf_binary, fs/exec.c, execve(2)):
 *  - bad magic, wrong machine, ELFCLASS64, a cut header or cut program headers,
 *    a text file without "#!", an empty file: no binary format accepts it,
 *    execve returns -1 with ENOEXEC;
 *  - a directory: EACCES; a missing file: ENOENT;
 *  - a segment reaching 0xC0000000 or beyond, p_filesz > p_memsz: Linux finds
 *    these only while mapping, after the point of no return (begin_new_exec),
 *    so the process is killed with SIGSEGV; a segment cut short by the end of
 *    the file is mapped anyway and the process dies (SIGSEGV or SIGBUS) when it
 *    runs into the missing part.
 * pagewise checks every segment before it lets go of the old program, so
 * there all of these fail with ENOEXEC or EINVAL (EIO also for a cut file),
 * and the caller lives on: this test asks for that on pagewise, and for
 * Linux's answers elsewhere.
 *
 * qemu-i386 hands execve to the host kernel: on a host that cannot run i386
 * programs every ELF file here fails with ENOEXEC, which Linux mode accepts.
 */
#include <signal.h>
#include "check.h"

/* Outcome sets, as bit masks. */
#define E_NOEXEC (1 << 0)
#define E_INVAL (1 << 1)
#define E_IO (1 << 2)
#define E_ACCES (1 << 3)
#define E_NOENT (1 << 4)
#define K_SEGV (1 << 5)	/* killed by SIGSEGV */
#define K_BUS (1 << 6)	/* killed by SIGBUS */

struct bad_file {
	const char *name;
	int pagewise;	/* outcomes accepted on pagewise */
	int on_linux;	/* and on Linux */
};

static const struct bad_file files[] = {
	{ "bad_magic", E_NOEXEC, E_NOEXEC },
	{ "wrong_machine", E_NOEXEC, E_NOEXEC },
	{ "elf64", E_NOEXEC, E_NOEXEC },
	{ "truncated_header", E_NOEXEC | E_INVAL | E_IO, E_NOEXEC },
	{ "truncated_phdrs", E_NOEXEC | E_INVAL | E_IO, E_NOEXEC },
	{ "not-a-program.txt", E_NOEXEC, E_NOEXEC },
	{ "empty", E_NOEXEC, E_NOEXEC },
	{ "", E_ACCES, E_ACCES },			/* the data directory itself */
	{ "no-such-file", E_NOENT, E_NOENT },
	/* Linux: past the point of no return (see above). */
	{ "truncated_segment", E_NOEXEC | E_INVAL | E_IO, K_SEGV | K_BUS | E_NOEXEC },
	{ "kernel_overlap", E_NOEXEC | E_INVAL, K_SEGV | E_NOEXEC },
	{ "kernel_segment", E_NOEXEC | E_INVAL, K_SEGV | E_NOEXEC },
	{ "filesz_gt_memsz", E_NOEXEC | E_INVAL, K_SEGV | E_NOEXEC },
	{ "stack_overlap", E_NOEXEC | E_INVAL, K_SEGV | E_NOEXEC },
};
#define NFILES (int)(sizeof files / sizeof files[0])
#define FIRST_FATAL_ON_LINUX 9

static int outcome_bit(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return WTERMSIG(wstatus) == SIGSEGV ? K_SEGV : WTERMSIG(wstatus) == SIGBUS ? K_BUS : 0;
	switch (WEXITSTATUS(wstatus)) {
	case ENOEXEC: return E_NOEXEC;
	case EINVAL: return E_INVAL;
	case EIO: return E_IO;
	case EACCES: return E_ACCES;
	case ENOENT: return E_NOENT;
	}
	return 0;
}

static const char *errno_name(int e)
{
	static char other[16];

	switch (e) {
	case ENOEXEC: return "ENOEXEC";
	case EINVAL: return "EINVAL";
	case EIO: return "EIO";
	case EACCES: return "EACCES";
	case ENOENT: return "ENOENT";
	}
	snprintf(other, sizeof other, "errno %d", e);
	return other;
}

/* The wait status of a child that execs path and, if execve returns, exits with errno. */
static int exec_in_child(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	int st = -1;
	pid_t pid = xfork();

	if (pid == 0) {
		execve(path, argv, environ);
		_exit(errno);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

int main(int argc, char **argv)
{
	int pagewise, i, st, want;
	char *args[] = { "x", NULL };
	const char *path;

	check_init(argc, argv);
	pagewise = on_pagewise();
	printf("rules: %s\n", pagewise ? "pagewise (every bad file fails execve, the caller lives)"
				       : "Linux (some bad files kill the process after the point of no return)");

	section("a good program runs (data/exit42 exits 42): the data files are where we think");
	st = exec_in_child(data_path("exit42"));
	if (!pagewise && WIFEXITED(st) && WEXITSTATUS(st) == ENOEXEC)
		printf("note: this host cannot execve i386 programs (qemu-user without binfmt_misc)\n");
	else
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42);

	section("execve in this very process returns -1 and we carry on");
	for (i = 0; i < FIRST_FATAL_ON_LINUX; i++) {
		path = data_path(files[i].name);
		errno = 0;
		CHECK_EQ(execve(path, args, environ), -1);
		want = pagewise ? files[i].pagewise : files[i].on_linux;
		if (!(outcome_bit(errno << 8) & want))
			printf("  FAIL %s: errno %d (%s) not among the expected\n", path, errno, strerror(errno));
		CHECK(outcome_bit(errno << 8) & want);
	}

	section("each bad file in a child: the outcome is the expected error (or Linux's kill)");
	for (i = 0; i < NFILES; i++) {
		path = data_path(files[i].name);
		st = exec_in_child(path);
		want = pagewise ? files[i].pagewise : files[i].on_linux;
		printf("  %s: %s%s%s%s\n", files[i].name[0] ? files[i].name : "(the directory)",
		       WIFEXITED(st) ? "execve failed with " : "", WIFEXITED(st) ? errno_name(WEXITSTATUS(st)) : "",
		       WIFEXITED(st) ? "" : status_text(st), outcome_bit(st) & want ? "" : ": not among the expected");
		CHECK(st != -1 && (outcome_bit(st) & want));
	}
	return check_done();
}
