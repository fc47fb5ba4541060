/*
 * Segment selectors a program may leave behind for the kernel to load on its way back to
 * user mode (pop %gs ... iret). A selector that names a TLS slot which is not (or no longer)
 * present would fault inside the kernel; it must instead cost only the program:
 *
 *   - set_thread_area(2) emptying the slot %gs uses: the kernel resets %gs to the null
 *     selector, as Linux does (arch/x86/kernel/tls.c reloads the segment);
 *   - sigreturn with a saved %gs naming an empty slot: a bad frame, SIGSEGV.
 *
 * Both are pagewise-only checks: qemu-i386 emulates the GDT and does neither.
 */
#include <asm/ldt.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "check.h"

#define NR_set_thread_area 243
#define TLS_EMPTY_SLOT_SEL ((8u << 3) | 3)    /* GDT entry 8: the last TLS slot, never set here */

static unsigned get_gs(void)
{
	unsigned v;
	__asm__ volatile("movl %%gs, %0" : "=r"(v));
	return v & 0xFFFF;
}

static void set_gs(unsigned v) { __asm__ volatile("movl %0, %%gs" : : "r"(v)); }

static int tls_word = 12345;

/* A TLS slot over tls_word, loaded into %gs, then emptied: the program goes on with gs = 0. */
static void empty_loaded_slot(void)
{
	struct user_desc d = { .entry_number = (uint32_t)-1, .base_addr = (uint32_t)&tls_word,
			       .limit = 0xFFFFF, .seg_32bit = 1, .limit_in_pages = 1, .useable = 1 };
	if (syscall(NR_set_thread_area, &d) != 0)
		_exit(2);
	unsigned sel = (d.entry_number << 3) | 3;
	set_gs(sel);
	int v;
	__asm__ volatile("movl %%gs:0, %0" : "=r"(v));
	if (v != 12345 || get_gs() != sel)
		_exit(3);
	struct user_desc empty = { .entry_number = d.entry_number, .seg_not_present = 1,
				   .read_exec_only = 1 };
	if (syscall(NR_set_thread_area, &empty) != 0)
		_exit(4);
	_exit(get_gs() == 0 ? 0 : 5);        /* the kernel returned here with a usable %gs */
}

/* The same with %ss: a flat TLS segment loaded as the stack segment, emptied by the system
 * call made with it. The kernel must return to a usable %ss (the flat user data segment). */
static void empty_slot_in_ss(void)
{
	struct user_desc d = { .entry_number = (uint32_t)-1, .limit = 0xFFFFF, .seg_32bit = 1,
			       .limit_in_pages = 1, .useable = 1 };
	if (syscall(NR_set_thread_area, &d) != 0)
		_exit(2);
	static struct user_desc empty = { .seg_not_present = 1, .read_exec_only = 1 };
	empty.entry_number = d.entry_number;
	unsigned sel = (d.entry_number << 3) | 3, old_ss, new_ss;
	long r;
	__asm__ volatile("movl %%ss, %1\n\t"
			 "movl %3, %%ss\n\t"
			 "int $0x80\n\t"
			 "movl %%ss, %2\n\t"
			 "movl %1, %%ss"
			 : "=a"(r), "=&r"(old_ss), "=&r"(new_ss)
			 : "r"(sel), "a"(NR_set_thread_area), "b"(&empty)
			 : "memory");
	_exit(r == 0 && (new_ss & 0xFFFF) == (old_ss & 0xFFFF) ? 0 : 5);
}

static void on_usr1(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)info;
	/* i386 ucontext: uc_flags, uc_link, uc_stack (3 words), then the sigcontext, gs first. */
	((uint32_t *)uc)[5] = TLS_EMPTY_SLOT_SEL;
}

/* sigreturn to a %gs naming an empty slot: the frame is refused, the program gets SIGSEGV. */
static void sigreturn_bad_gs(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	_exit(0);
}

int main(int argc, char **argv)
{
	check_init(argc, argv);
	if (!on_pagewise()) {
		printf("(segment checks run on pagewise only)\n");
		return check_done();
	}
	int st;

	section("set_thread_area empties the slot %gs holds: gs becomes 0, the kernel carries on");
	st = status_of(empty_loaded_slot);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0))
		printf("     %s\n", status_text(st));

	section("set_thread_area empties the slot %ss holds: ss becomes the flat data segment");
	st = status_of(empty_slot_in_ss);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0))
		printf("     %s\n", status_text(st));

	section("sigreturn with %gs naming an empty TLS slot: SIGSEGV");
	st = status_of(sigreturn_bad_gs);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	if (!(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV))
		printf("     %s\n", status_text(st));
	return check_done();
}
