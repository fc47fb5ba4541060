/*
 * A user access the process may not make kills that process, and only it;
 * its parent sees the signal Linux would send (arch/x86/kernel/traps.c,
 * arch/x86/mm/fault.c):
 *   page faults: a read of address 0 or of kernel memory, a write to kernel
 *     memory or to read-only text, a jump to 0 or into the kernel   SIGSEGV
 *   general protection in ring 3: hlt, cli, in, out, mov from %cr0,
 *     int $0x40 (its IDT gate has DPL 0, so the int itself is a #GP)  SIGSEGV
 *   int3 (#BP)                                                       SIGTRAP
 *   divide by zero and INT_MIN / -1 (#DE)                            SIGFPE
 *   ud2 (#UD)                                                        SIGILL
 * Each cause runs in its own child; the parent checks WTERMSIG exactly.
 */
#include <signal.h>
#include "check.h"

int main(int argc, char **argv);

static void read_null(void) { (void)*(volatile int *)0; }
static void read_kernel(void) { (void)*(volatile int *)0xC0000000u; }
static void read_kernel_top(void) { (void)*(volatile int *)0xFFFFF000u; }
static void write_kernel(void) { *(volatile int *)0xC0100000u = 1; }
static void write_text(void) { *(volatile unsigned char *)main = 0xc3; }
static void jump_null(void) { ((void (*volatile)(void))0)(); }
static void jump_kernel(void) { ((void (*volatile)(void))0xC0100000u)(); }
static void do_hlt(void) { __asm__ volatile("hlt"); }
static void do_cli(void) { __asm__ volatile("cli"); }
static void do_in(void) { unsigned char v; __asm__ volatile("inb $0x80, %0" : "=a"(v)); }
static void do_out(void) { __asm__ volatile("outb %0, $0x80" : : "a"((unsigned char)0)); }
static void read_cr0(void) { unsigned long v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); }
static void int_0x40(void) { __asm__ volatile("int $0x40"); }
static void do_int3(void) { __asm__ volatile("int3"); }
static void do_ud2(void) { __asm__ volatile("ud2"); }

/* In assembly: C's x / 0 is undefined and the compiler may not emit the div. */
static void divide_by_zero(void)
{
	__asm__ volatile("xor %%edx, %%edx\n\tmov $1, %%eax\n\txor %%ecx, %%ecx\n\tdivl %%ecx" : : : "eax", "ecx",
			 "edx");
}

static void divide_overflow(void)
{
	__asm__ volatile("mov $0x80000000, %%eax\n\tcltd\n\tmov $-1, %%ecx\n\tidivl %%ecx" : : : "eax", "ecx",
			 "edx");
}

struct cause {
	const char *what;
	void (*fn)(void);
	int sig;
};

static const struct cause causes[] = {
	{ "read of address 0", read_null, SIGSEGV },
	{ "read of kernel address 0xC0000000", read_kernel, SIGSEGV },
	{ "read of kernel address 0xFFFFF000", read_kernel_top, SIGSEGV },
	{ "write to kernel address 0xC0100000", write_kernel, SIGSEGV },
	{ "write to read-only text", write_text, SIGSEGV },
	{ "jump to address 0", jump_null, SIGSEGV },
	{ "jump into the kernel", jump_kernel, SIGSEGV },
	{ "hlt (privileged)", do_hlt, SIGSEGV },
	{ "cli (privileged)", do_cli, SIGSEGV },
	{ "in from port 0x80 (privileged)", do_in, SIGSEGV },
	{ "out to port 0x80 (privileged)", do_out, SIGSEGV },
	{ "mov from %cr0 (privileged)", read_cr0, SIGSEGV },
	{ "int $0x40 (not the syscall gate)", int_0x40, SIGSEGV },
	{ "int3 (breakpoint)", do_int3, SIGTRAP },
	{ "divide by zero", divide_by_zero, SIGFPE },
	{ "INT_MIN / -1", divide_overflow, SIGFPE },
	{ "ud2 (undefined instruction)", do_ud2, SIGILL },
};
#define NCAUSES (int)(sizeof causes / sizeof causes[0])

int main(int argc, char **argv)
{
	int i, st, ran = 0;

	check_init(argc, argv);
	for (i = 0; i < NCAUSES; i++) {
		printf("checking: %s kills the child with %s\n", causes[i].what, sig_name(causes[i].sig));
		st = status_of(causes[i].fn);
		if (!(WIFSIGNALED(st) && WTERMSIG(st) == causes[i].sig))
			printf("  FAIL %s: %s, want killed by %s\n", causes[i].what, status_text(st),
			       sig_name(causes[i].sig));
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == causes[i].sig);
		ran++;
	}
	section("the parent is untouched after all that");
	CHECK_EQ(ran, NCAUSES);
	CHECK(getpid() > 0);
	return check_done();
}
