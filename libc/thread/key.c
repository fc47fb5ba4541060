/*
 * Thread-specific data. A key is a slot number; each thread keeps one value per slot in its
 * struct pthread. Deleting a key cannot reach into every thread to clear its value, so each
 * slot carries a sequence number that create bumps: a value set under an older key of the
 * same slot no longer matches and reads as NULL.
 */
#include <errno.h>
#include "pthread_impl.h"

static struct {
	unsigned seq;			/* odd while the slot is a live key */
	void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];
static volatile int keys_lock;

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	__lock(&keys_lock);
	for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++)
		if (!(keys[k].seq & 1)) {
			keys[k].seq++;
			keys[k].destructor = destructor;
			__unlock(&keys_lock);
			*key = k;
			return 0;
		}
	__unlock(&keys_lock);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX || !(keys[key].seq & 1))
		return EINVAL;
	__lock(&keys_lock);
	keys[key].seq++;
	keys[key].destructor = NULL;
	__unlock(&keys_lock);
	return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct pthread *t = __pthread_self();
	if (key >= PTHREAD_KEYS_MAX || t->specific[key].seq != keys[key].seq)
		return NULL;
	return (void *)t->specific[key].value;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	if (key >= PTHREAD_KEYS_MAX || !(keys[key].seq & 1))
		return EINVAL;
	struct pthread *t = __pthread_self();
	t->specific[key].seq = keys[key].seq;
	t->specific[key].value = value;
	t->has_specific = 1;
	return 0;
}

/* At pthread_exit: each non-NULL value goes to its key's destructor, and since a destructor
 * may set values again, repeat up to PTHREAD_DESTRUCTOR_ITERATIONS times. */
void __pthread_run_destructors(struct pthread *t)
{
	for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		int ran = 0;
		for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void (*d)(void *) = keys[k].destructor;
			void *v = pthread_getspecific(k);
			if (!d || !v)
				continue;
			t->specific[k].value = NULL;
			d(v);
			ran = 1;
		}
		if (!ran)
			return;
	}
}
