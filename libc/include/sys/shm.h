/* System V shared memory: shmget(2), shmat(2), shmdt(2), shmctl(2). */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <sys/ipc.h>

typedef unsigned long shmatt_t;

int shmget(key_t key, size_t size, int flags);
void *shmat(int id, const void *addr, int flags);     /* (void *)-1 on error */
int shmdt(const void *addr);
int shmctl(int id, int cmd, struct shmid_ds *buf);

#endif
