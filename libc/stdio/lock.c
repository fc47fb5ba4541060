/*
 * A stream's lock: flockfile(3). Each stdio call takes it, and a thread may take it again
 * while it holds it (flockfile around several printf calls, or printf's own fwrite), so it
 * is recursive: the futex lock plus the holder and a depth.
 */
#include "pthread_impl.h"
#include "stdio_impl.h"

void flockfile(FILE *f)
{
	struct pthread *me = __pthread_self();
	if (f->owner == me) {
		f->depth++;
		return;
	}
	__lock(&f->lock);
	f->owner = me;
}

int ftrylockfile(FILE *f)
{
	struct pthread *me = __pthread_self();
	if (f->owner == me) {
		f->depth++;
		return 0;
	}
	if (__sync_val_compare_and_swap(&f->lock, 0, 1) != 0)
		return -1;
	f->owner = me;
	return 0;
}

void funlockfile(FILE *f)
{
	if (f->depth) {
		f->depth--;
		return;
	}
	f->owner = 0;
	__unlock(&f->lock);
}

void __stdio_lock(FILE *f)
{
	flockfile(f);
}

void __stdio_unlock(FILE *f)
{
	funlockfile(f);
}
