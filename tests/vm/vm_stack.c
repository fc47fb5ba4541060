/*
 * The stack grows down on demand to its 8 MiB limit (RLIMIT_STACK, Linux's default): a
 * recursion 1 MiB deep works, touching pages 1 MiB below the stack pointer costs exactly one
 * minor fault each and VmStk follows, a page 7 MiB below the top is still allowed, while
 * touching beyond the limit (or far below it) kills the child with SIGSEGV.
 */
#include <sys/auxv.h>
#include "vmtest.h"

#define MIB (1024u * 1024u)
#define NPAGES 256                      /* 1 MiB */
#define SKIP 16                         /* start 64 KiB below us: never touched before */

static uintptr_t top;                   /* the top of the stack (page after AT_EXECFN) */

/* About 4 KiB per call: a 1 MiB deep recursion is 256 calls. */
static __attribute__((noinline)) int recurse(int depth)
{
	volatile char frame[4000];

	frame[0] = (char)depth;
	frame[sizeof frame - 1] = (char)depth;
	if (depth == 0)
		return frame[0];
	return recurse(depth - 1) + frame[sizeof frame - 1] - (char)depth;
}

static void deep_recursion(void *arg) { _exit(recurse((int)(uintptr_t)arg) == 0 ? 0 : 3); }

static __attribute__((noinline)) void touch_below(uintptr_t base, int count)
{
	for (int i = 0; i < count; i++)
		*(volatile char *)(base - (size_t)i * PAGE) = 1;
}

static void touch_at(void *addr) { write_byte(addr); }

int main(void)
{
	struct counts a, b;
	char here;

	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	top = ((uintptr_t)execfn + strlen(execfn) + PAGE) & ~(uintptr_t)(PAGE - 1);
	printf("stack top %#lx, we are at %#lx\n", (unsigned long)top, (unsigned long)&here);

	section("a recursion 1 MiB deep (256 frames of 4 KiB) works, in a child");
	CHECK_EXITED0(child_status(deep_recursion, (void *)(uintptr_t)(NPAGES + 16)));

	section("touching 256 pages below the stack pointer: exactly 256 minor faults");
	uintptr_t base = ((uintptr_t)&here & ~(uintptr_t)(PAGE - 1)) - SKIP * PAGE;
	long stk_before = status_kb("VmStk");
	counts_now(&a);
	touch_below(base + SKIP * PAGE, 1);              /* warm the path on our own page */
	counts_now(&b);
	counts_now(&a);
	touch_below(base, NPAGES);
	counts_now(&b);
	long stk_after = status_kb("VmStk");
	printf("  %ld minor faults, VmStk %ld -> %ld kB\n", b.minflt - a.minflt, stk_before, stk_after);
	if (on_pagewise()) {
		CHECK_EQ(b.minflt - a.minflt, NPAGES);
		if (have_rss())
			CHECK_EQ(b.rss_kb - a.rss_kb, NPAGES * 4);
		if (stk_after >= 0)
			CHECK(stk_after >= (long)((top - (base - (NPAGES - 1) * PAGE)) / 1024));
	}

	section("a page 7 MiB below the top is within the limit");
	CHECK_EXITED0(child_status(touch_at, (void *)(top - 7 * MIB)));

	section("beyond the 8 MiB limit, and far below it, kills with SIGSEGV");
	/* qemu-user gives the guest a fixed 8 MiB stack plus its own guard: the same answer. */
	CHECK_KILLED(child_status(touch_at, (void *)(top - 8 * MIB - 64 * 1024)), SIGSEGV);
	CHECK_KILLED(child_status(touch_at, (void *)(top - 16 * MIB)), SIGSEGV);
	CHECK_KILLED(child_status(touch_at, (void *)(top - 100 * MIB)), SIGSEGV);

	/* Linux's get_unmapped_area takes a hint only if it ends below vm_start_gap(stack), the
	 * stack's start minus stack_guard_gap (256 pages); otherwise the stack could not grow. */
	section("a hint just below the stack is not taken: the stack's guard gap stays free");
	long stk = status_kb("VmStk");
	if (on_pagewise() && stk > 0) {
		uintptr_t start = top - (uintptr_t)stk * 1024;
		char *h = mmap((void *)(start - 2 * PAGE), PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(h != MAP_FAILED);
		CHECK((uintptr_t)h + PAGE <= start - 256 * PAGE);
		printf("  stack from %#lx, hint %#lx, got %p\n", (unsigned long)start,
		       (unsigned long)(start - 2 * PAGE), (void *)h);
		CHECK_EXITED0(child_status(touch_at, (void *)(start - 64 * PAGE)));
		munmap(h, PAGE);
	}

	section("the stack still works after all that");
	CHECK_EXITED0(child_status(deep_recursion, (void *)16));
	return vt_done();
}
