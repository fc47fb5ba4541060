/*
 * fork() in a program with threads. The child is a copy of the calling thread alone: a lock
 * that another thread held at that moment would stay held in the child forever, so fork
 * takes libc's locks first (every stream's, then the allocator's), and both sides let go
 * after. The allocator's hooks are weak: a program that never calls malloc does not get it
 * linked in by fork.
 */
#include "pthread_impl.h"
#include "stdio_impl.h"
#include "syscall.h"

void __malloc_fork_prepare(void) __attribute__((weak));
void __malloc_fork_parent(void) __attribute__((weak));
void __malloc_fork_child(void) __attribute__((weak));

void __fork_prepare(void)
{
	if (!__libc_threaded)
		return;
	for (int i = 0; i < __stdio_count; i++)
		__stdio_lock(__stdio_all[i]);
	if (__malloc_fork_prepare)
		__malloc_fork_prepare();
}

static void release(void)
{
	for (int i = __stdio_count - 1; i >= 0; i--)
		__stdio_unlock(__stdio_all[i]);
}

void __fork_parent(void)
{
	if (!__libc_threaded)
		return;
	if (__malloc_fork_parent)
		__malloc_fork_parent();
	release();
}

void __fork_child(void)
{
	/* A new process: its own tid, and (as after any fork) no tid word for the kernel to
	 * clear, until this says where. Without threads, the tid is learnt again on use. */
	struct pthread *self = __pthread_self();
	self->robust.next = NULL;	/* the kernel forgot the list; what it held is not ours */
	if (!__libc_threaded) {
		self->tid = 0;
		return;
	}
	self->tid = (int)__syscall(__NR_set_tid_address, &self->tid);
	if (__malloc_fork_child)
		__malloc_fork_child();
	release();
}
