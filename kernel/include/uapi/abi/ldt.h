/* set_thread_area's, get_thread_area's and clone(CLONE_SETTLS)'s descriptor of a TLS segment
 * (Linux's asm/ldt.h). Shared by the kernel (arch/x86/tls.c), libc's threads and the tests. */
#ifndef ABI_LDT_H
#define ABI_LDT_H

struct user_desc {
	unsigned entry_number;	/* a GDT index, or -1: "pick a free slot and tell me" */
	unsigned base_addr;
	unsigned limit;
	unsigned seg_32bit : 1, contents : 2, read_exec_only : 1, limit_in_pages : 1,
		 seg_not_present : 1, useable : 1;
};

#endif
