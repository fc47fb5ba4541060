/*
 * Raw system calls: Linux i386 ABI, int 0x80 with the number in eax and the
 * arguments in ebx, ecx, edx, esi, edi, ebp.  The __syscallN functions return
 * what the kernel returned (a value, or -errno in [-4095, -1]); only
 * __syscall_ret() turns that into errno, so there is one place to look
 * when a call "fails for no reason".
 *
 * Inline for 0-5 arguments: a syscall costs one int 0x80 and nothing more,
 * which matters when the point is to measure it.  Six arguments need ebp,
 * which gcc may be using as the frame pointer, so __syscall6 is out of line
 * in syscall6.asm.
 */
#ifndef _INTERNAL_SYSCALL_H
#define _INTERNAL_SYSCALL_H

#include <syscall_nr.h>

long __syscall_ret(unsigned long r);
long __syscall6(long n, long a, long b, long c, long d, long e, long f);

/* "memory": the kernel reads and writes user buffers behind gcc's back. */
static inline long __syscall0(long n)
{
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(n) : "memory");
	return r;
}

static inline long __syscall1(long n, long a)
{
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a) : "memory");
	return r;
}

static inline long __syscall2(long n, long a, long b)
{
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b) : "memory");
	return r;
}

static inline long __syscall3(long n, long a, long b, long c)
{
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

static inline long __syscall4(long n, long a, long b, long c, long d)
{
	long r;
	__asm__ volatile("int $0x80"
			 : "=a"(r)
			 : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d)
			 : "memory");
	return r;
}

static inline long __syscall5(long n, long a, long b, long c, long d, long e)
{
	long r;
	__asm__ volatile("int $0x80"
			 : "=a"(r)
			 : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory");
	return r;
}

/* Pick __syscallN by the number of arguments, casting each to long. */
#define __SC_COUNT(...) __SC_COUNT_(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0, )
#define __SC_COUNT_(n, a, b, c, d, e, f, k, ...) k
#define __SC_CAT(a, b) __SC_CAT_(a, b)
#define __SC_CAT_(a, b) a##b
#define __SC_L(x) ((long)(x))
#define __SC_0(n) __syscall0(n)
#define __SC_1(n, a) __syscall1(n, __SC_L(a))
#define __SC_2(n, a, b) __syscall2(n, __SC_L(a), __SC_L(b))
#define __SC_3(n, a, b, c) __syscall3(n, __SC_L(a), __SC_L(b), __SC_L(c))
#define __SC_4(n, a, b, c, d) __syscall4(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d))
#define __SC_5(n, a, b, c, d, e) \
	__syscall5(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d), __SC_L(e))
#define __SC_6(n, a, b, c, d, e, f) \
	__syscall6(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d), __SC_L(e), __SC_L(f))

/* __syscall(__NR_x, args...): the raw -errno result. */
#define __syscall(...) __SC_CAT(__SC_, __SC_COUNT(__VA_ARGS__))(__VA_ARGS__)
/* syscall(__NR_x, args...): -1 with errno set on failure, as wrappers return. */
#define __sys(...) __syscall_ret(__syscall(__VA_ARGS__))

/*
 * The same for a call that is a cancellation point (read, write, sleeping, waiting): once a
 * program has a second thread (or cancelled itself), it goes through thread/cancel.c, which
 * acts on a pending cancellation; until then it is the plain call, and a program without
 * threads links none of that (the hook is a pointer, set by pthread_create).
 */
extern long (*__syscall_cp_hook)(long n, long a, long b, long c, long d, long e, long f);
#define __SCP_0(n) __syscall_cp_hook(n, 0, 0, 0, 0, 0, 0)
#define __SCP_1(n, a) __syscall_cp_hook(n, __SC_L(a), 0, 0, 0, 0, 0)
#define __SCP_2(n, a, b) __syscall_cp_hook(n, __SC_L(a), __SC_L(b), 0, 0, 0, 0)
#define __SCP_3(n, a, b, c) __syscall_cp_hook(n, __SC_L(a), __SC_L(b), __SC_L(c), 0, 0, 0)
#define __SCP_4(n, a, b, c, d) __syscall_cp_hook(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d), 0, 0)
#define __SCP_5(n, a, b, c, d, e) \
	__syscall_cp_hook(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d), __SC_L(e), 0)
#define __SCP_6(n, a, b, c, d, e, f) \
	__syscall_cp_hook(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d), __SC_L(e), __SC_L(f))
#define __syscall_cp(...) \
	(__syscall_cp_hook ? __SC_CAT(__SCP_, __SC_COUNT(__VA_ARGS__))(__VA_ARGS__) : __syscall(__VA_ARGS__))
#define __sys_cp(...) __syscall_ret(__syscall_cp(__VA_ARGS__))

#endif
