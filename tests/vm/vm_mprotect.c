/*
 * mprotect(2): read-only memory kills a writer with SIGSEGV, PROT_NONE kills a reader, and
 * giving the protection back makes the same pages usable with their data intact. Protecting
 * part of a mapping splits it; the other pages keep theirs. Ranges with holes are ENOMEM.
 */
#include "vmtest.h"

#define RW (PROT_READ | PROT_WRITE)

static char *mem;

static void write_at(void *off) { write_byte(mem + (uintptr_t)off); }
static void read_at(void *off) { read_byte(mem + (uintptr_t)off); }

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	mem = anon(4 * PAGE);
	for (int i = 0; i < 4; i++)
		memset(mem + i * PAGE, '0' + i, PAGE);

	section("mprotect(PROT_READ): reads work, a write kills the child with SIGSEGV");
	CHECK_EQ(mprotect(mem, 4 * PAGE, PROT_READ), 0);
	CHECK(all_bytes(mem, '0', PAGE));
	CHECK_KILLED(child_status(write_at, (void *)0), SIGSEGV);
	CHECK_KILLED(child_status(write_at, (void *)(3 * PAGE + 5)), SIGSEGV);
	CHECK_EXITED0(child_status(read_at, (void *)(3 * PAGE + 5)));

	section("mprotect(PROT_NONE): a read kills the child with SIGSEGV");
	CHECK_EQ(mprotect(mem + PAGE, PAGE, PROT_NONE), 0);
	CHECK_KILLED(child_status(read_at, (void *)PAGE), SIGSEGV);
	CHECK_KILLED(child_status(write_at, (void *)(2 * PAGE - 1)), SIGSEGV);
	CHECK_EXITED0(child_status(read_at, (void *)(PAGE - 1)));   /* its neighbours still read */
	CHECK_EXITED0(child_status(read_at, (void *)(2 * PAGE)));

	section("PROT_READ|PROT_WRITE again: writes work and the data survived");
	CHECK_EQ(mprotect(mem, 4 * PAGE, RW), 0);
	for (int i = 0; i < 4; i++)
		CHECK(all_bytes(mem + i * PAGE, '0' + i, PAGE));
	mem[PAGE] = 'w';
	CHECK_EQ(mem[PAGE], 'w');
	CHECK_EXITED0(child_status(write_at, (void *)(3 * PAGE)));

	section("a split: only the middle page is read-only");
	CHECK_EQ(mprotect(mem + 2 * PAGE, PAGE, PROT_READ), 0);
	mem[PAGE + 1] = 'x';
	mem[3 * PAGE + 1] = 'y';
	CHECK_KILLED(child_status(write_at, (void *)(2 * PAGE + 7)), SIGSEGV);
	CHECK_EQ(mprotect(mem, 4 * PAGE, RW), 0);
	mem[2 * PAGE + 7] = 'z';
	CHECK_EQ(mem[2 * PAGE + 7], 'z');

	section("a page that was never touched, protected before its first fault");
	char *fresh = anon(2 * PAGE);
	CHECK_EQ(mprotect(fresh, 2 * PAGE, PROT_READ), 0);
	CHECK_EQ(fresh[100], 0);                          /* the zero page, read-only anyway */
	mem = fresh;
	CHECK_KILLED(child_status(write_at, (void *)100), SIGSEGV);
	CHECK_EQ(mprotect(fresh, 2 * PAGE, RW), 0);
	fresh[100] = 5;                                   /* must copy off the zero page now */
	CHECK_EQ(fresh[100], 5);
	CHECK_EQ(fresh[PAGE + 100], 0);

	section("mprotect errors: a hole is ENOMEM, unaligned is EINVAL, bad bits are EINVAL");
	CHECK_EQ(munmap(fresh + PAGE, PAGE), 0);
	if (on_pagewise())            /* qemu-user mprotects its own reservation and says 0 */
		CHECK_ERR(mprotect(fresh, 2 * PAGE, PROT_READ), ENOMEM);
	/* Linux changes what comes before the hole, then says ENOMEM (mm/mprotect.c). */
	if (on_pagewise()) {
		mem = fresh;
		CHECK_KILLED(child_status(write_at, (void *)100), SIGSEGV);    /* the first page changed */
	}
	CHECK_EQ(mprotect(fresh, PAGE, RW), 0);
	CHECK_ERR(mprotect(fresh + 1, PAGE, PROT_READ), EINVAL);
	CHECK_ERR(mprotect(fresh, PAGE, 0x100), EINVAL);
	CHECK_EQ(fresh[100], 5);

	/* Linux checks in this order (mm/mprotect.c, do_mprotect_pkey): alignment, a zero
	 * length (success, whatever prot says), a length that wraps (ENOMEM), then prot. */
	section("mprotect checks its arguments in Linux's order; PROT_SEM is accepted");
	CHECK_ERR(mprotect(fresh + 1, 0, PROT_READ), EINVAL);
	CHECK_ERR(mprotect(fresh, 0xF0000000u, PROT_READ), ENOMEM);
	/* qemu-user 7.2 checks prot before the length, and mprotects its own reservation of
	 * the guest's kernel half: these three follow Linux's source, on pagewise only. */
	if (on_pagewise()) {
		CHECK_EQ(mprotect(fresh, 0, 0x100), 0);
		CHECK_ERR(mprotect(fresh, 0xF0000000u, 0x100), ENOMEM);
		CHECK_ERR(mprotect((void *)0xC0000000u, PAGE, PROT_READ), ENOMEM);   /* no mapping there */
	}
	CHECK_EQ(mprotect(fresh, PAGE, RW | 0x8 /* PROT_SEM */), 0);
	fresh[100] = 6;
	CHECK_EQ(fresh[100], 6);
	return vt_done();
}
