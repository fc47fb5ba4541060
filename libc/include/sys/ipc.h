/* System V IPC's common part: keys and struct ipc_perm (Linux i386 values). */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <bits/alltypes.h>
#include <abi/shm.h>

typedef int key_t;

/* A key from a file's inode and device and the low 8 bits of id (glibc's recipe). */
key_t ftok(const char *path, int id);

#endif
