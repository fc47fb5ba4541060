/*
 * Which thread is running, where its errno is, and its thread-local storage.
 *
 * %gs names a TLS segment whose base is the running thread's struct pthread. Right below the
 * struct lies the thread's copy of the program's __thread variables (the PT_TLS segment: its
 * initial image, then zeros), as the i386 ABI's TLS "variant II" has it: the compiler reaches
 * a variable at a fixed negative offset from %gs's base, or from %gs:0, the struct's first
 * word, which points to itself.
 *
 * A program with no __thread variables gets no TLS segment until it makes its first thread:
 * until then its one struct is the static __main_thread and %gs stays 0. That keeps
 * single-threaded programs' behaviour exact (their page faults, their set_thread_area
 * slots), which the demos and tests count on. A program with __thread variables needs them
 * from its first instruction, so __libc_start sets TLS up before main.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include "libc.h"
#include "pthread_impl.h"
#include "syscall.h"

int __libc_threaded;
long (*__syscall_cp_hook)(long n, long a, long b, long c, long d, long e, long f);	/* cancel.c */
struct pthread __main_thread = { .self = &__main_thread, .detach_state = DT_JOINABLE };

static struct user_desc tls_desc;	/* the slot every thread's %gs names */

/* The program's PT_TLS segment, if it has one. */
static struct {
	const void *image;	/* .tdata's initial values */
	size_t filesz, memsz;	/* .tdata; .tdata and .tbss */
	size_t align;		/* of each struct pthread: the segment's, at least 16 */
	size_t block;		/* memsz rounded up to the segment's alignment */
} tls = { .align = 16 };

/* An i386 ELF program header, as the kernel passes them (AT_PHDR, AT_PHNUM). */
struct phdr {
	unsigned type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
#define PT_TLS 7

void __libc_init_tls(void)
{
	const struct phdr *ph = (const struct phdr *)getauxval(AT_PHDR);
	unsigned long n = getauxval(AT_PHNUM);
	for (unsigned long i = 0; ph && i < n; i++) {
		if (ph[i].type != PT_TLS || !ph[i].memsz)
			continue;
		tls.image = (const void *)ph[i].vaddr;	/* static ET_EXEC: no load bias */
		tls.filesz = ph[i].filesz;
		tls.memsz = ph[i].memsz;
		/* The linker placed each variable at its offset minus memsz rounded up to the
		 * segment's own alignment: the block must be exactly that big. The struct above
		 * it is aligned at least as the segment, and to 16 for the stack below. */
		size_t a = ph[i].align ? ph[i].align : 1;
		tls.block = (tls.memsz + a - 1) & ~(a - 1);
		tls.align = a > 16 ? a : 16;
		if (__pthread_tls_init() < 0) {
			static const char msg[] = "libc: no TLS segment for __thread variables\n";
			__syscall(__NR_write, 2, msg, sizeof msg - 1);
			__syscall(__NR_exit_group, 127);
		}
		return;
	}
}

size_t __pthread_tls_area_size(void)
{
	return tls.block + tls.align + sizeof(struct pthread);
}

/* Lay out a thread's struct and TLS block at the top of area (zeroed memory, at least
 * __pthread_tls_area_size() bytes); the struct, which %gs will point to. */
struct pthread *__pthread_tls_place(void *area, size_t size, char **below)
{
	uintptr_t tp = ((uintptr_t)area + size - sizeof(struct pthread)) & ~(uintptr_t)(tls.align - 1);
	struct pthread *t = (struct pthread *)tp;
	if (tls.filesz)
		memcpy((char *)tp - tls.block, tls.image, tls.filesz);	/* .tbss: already zero */
	t->self = t;
	if (below)
		*below = (char *)tp - tls.block;
	return t;
}

/* A flat 4 GiB data segment starting at t; *desc names the slot. */
static void describe(struct user_desc *desc, unsigned slot, struct pthread *t)
{
	*desc = (struct user_desc){ .entry_number = slot, .base_addr = (unsigned)t,
				    .limit = 0xfffff, .seg_32bit = 1, .limit_in_pages = 1,
				    .useable = 1 };
}

/* Give the main thread its TLS segment: the static __main_thread when the program has no
 * __thread variables, else a struct with the TLS block below it, in a mapping of its own.
 * Returns 0, or -errno. */
int __pthread_tls_init(void)
{
	if (__libc_threaded)
		return 0;
	struct pthread *main = &__main_thread;
	if (tls.memsz) {
		size_t size = __pthread_tls_area_size();
		void *area = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				  -1, 0);
		if (area == MAP_FAILED)
			return -ENOMEM;
		main = __pthread_tls_place(area, size, NULL);
		main->detach_state = DT_JOINABLE;
	}
	/* The kernel zeroes the tid and wakes a futex when the main thread ends too, so even
	 * it can be joined; set_tid_address answers with the tid. */
	main->tid = (int)__syscall(__NR_set_tid_address, &main->tid);
	describe(&tls_desc, (unsigned)-1, main);
	long r = __syscall(__NR_set_thread_area, &tls_desc);
	if (r < 0)
		return (int)r;
	unsigned sel = tls_desc.entry_number * 8 + 3;	/* GDT, ring 3 */
	__asm__ volatile("movw %w0, %%gs" : : "q"(sel) : "memory");
	__libc_threaded = 1;
	return 0;
}

/* The descriptor clone(CLONE_SETTLS) gives a new thread whose struct is t. */
void __pthread_tls_for(struct pthread *t, struct user_desc *desc)
{
	describe(desc, tls_desc.entry_number, t);
}

int __pthread_tid(void)
{
	struct pthread *t = __pthread_self();
	if (!t->tid)
		t->tid = (int)__syscall(__NR_gettid);
	return t->tid;
}

int *__errno_location(void)
{
	return &__pthread_self()->err;
}

pthread_t pthread_self(void)
{
	return __pthread_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}
