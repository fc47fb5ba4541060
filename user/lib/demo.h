/*
 * What the demos (user/demo-*.c), ps, pmap, free and the demo tests share:
 * reading a process's memory figures from /proc and getrusage, showing
 * /proc/self/maps, and running a program as a child.
 *
 * None of these call malloc: the demos measure the heap, and a helper that
 * allocated would move the very break it is asked to show. Buffers are
 * static, so a process's first call touches them (and faults) once; demos
 * call demo_warm_up() before they start counting faults.
 */
#ifndef DEMO_H
#define DEMO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define KiB 1024u
#define MiB (1024u * 1024u)
#define PAGE 4096u

/* A field of /proc/PID/status in kB ("VmRSS"); pid 0 is /proc/self. -1 when missing. */
long demo_status_kb(pid_t pid, const char *field);
/* A field of /proc/meminfo in kB ("MemFree"), or -1. */
long demo_meminfo_kb(const char *field);

/* Page faults so far, from getrusage(RUSAGE_SELF). */
struct demo_faults {
	long minflt, majflt;
};
struct demo_faults demo_faults(void);

/*
 * /proc/PID/stat, the fields ps shows (proc(5) numbering in comments).
 * Returns 0, or -1 when the process is gone.
 */
struct demo_stat {
	int pid, ppid;			/* 1, 4 */
	char comm[32];			/* 2 */
	char state;			/* 3 */
	unsigned long minflt, majflt;	/* 10, 12 */
	unsigned long vsize;		/* 23, bytes */
	unsigned long rss;		/* 24, pages */
	unsigned long start_brk;	/* 47: where the heap begins */
};
int demo_read_stat(pid_t pid, struct demo_stat *st);

/* A page's entry in an open /proc/PID/pagemap (0 when it cannot be read), and what its bits
   say (Linux's pagemap.rst): in memory, the frame's only mapping, shared memory, the frame. */
unsigned long long demo_pagemap_entry(int fd, uintptr_t addr);
#define PAGEMAP_PRESENT (1ull << 63)
#define PAGEMAP_SHARED_MEM (1ull << 61)
#define PAGEMAP_ALONE (1ull << 56)
#define PAGEMAP_FRAME(e) ((unsigned long)((e) & ((1ull << 55) - 1)))

/* The physical frame number behind the page of addr in this process, from
   /proc/self/pagemap; 0 when the page is not in memory. */
unsigned long demo_frame(const void *addr);

/* Reads a whole small file (/proc) into buf, NUL-terminated; its length or -1. */
long demo_read_file(const char *path, char *buf, size_t size);

/*
 * Print the lines of /proc/self/maps, each indented, optionally only those
 * whose region overlaps [lo, hi) (hi 0: no filter).
 */
void demo_show_maps(uintptr_t lo, uintptr_t hi);
/* Does any region of /proc/self/maps contain addr? Its line (static) or NULL. */
const char *demo_maps_line(uintptr_t addr);

/* Touch the static buffers and the stack the helpers use, so that later measurements
   count only the faults of the experiment. */
void demo_warm_up(void);

/* fork + execve of a program found on PATH, stdout flushed first; its wait status or -1. */
int demo_run(char *const argv[]);

/*
 * Put NAME=VALUE (one string) into the environment without malloc, for
 * variables malloc reads on its first call (PAGEWISE_MALLOC_TCACHE=0):
 * setenv(3) itself calls malloc, which would read them too early.
 */
void demo_putenv_early(char *name_value);

/* A heading for the next step of a demo. */
void demo_step(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A claim the demo checks: prints "UNEXPECTED: ..." when it does not hold and
   remembers it, so the demo exits 1 (demo_exit_status()). Returns ok. */
int demo_expect(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int demo_exit_status(void);

#endif
