/* System V shared memory: the direct i386 calls (Linux 5.1 and later; the kernel also has
 * them behind ipc(2), which older programs use), and ftok. */
#include <sys/shm.h>
#include <sys/stat.h>
#include "syscall.h"

int shmget(key_t key, size_t size, int flags)
{
	return __sys(__NR_shmget, key, size, flags);
}

void *shmat(int id, const void *addr, int flags)
{
	return (void *)__sys(__NR_shmat, id, addr, flags);
}

int shmdt(const void *addr)
{
	return __sys(__NR_shmdt, addr);
}

/* The structures of <sys/shm.h> are the IPC_64 ones. */
int shmctl(int id, int cmd, struct shmid_ds *buf)
{
	return __sys(__NR_shmctl, id, cmd | IPC_64, buf);
}

key_t ftok(const char *path, int id)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return -1;
	return (key_t)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) | ((unsigned)(id & 0xff) << 24));
}
