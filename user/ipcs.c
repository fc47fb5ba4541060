/*
 * ipcs: the System V shared memory segments, in the layout of util-linux's `ipcs -m`, with
 * how much of each is resident (what `ipcs -m -u` sums up), from shmctl(2): SHM_INFO for how
 * many slots to look at, SHM_STAT for each one.
 *
 *   ------ Shared Memory Segments --------
 *   key        shmid      owner      perms      bytes      nattch     status
 *   0x00000000 0          root       600        10000      1          dest
 *
 * Works on Linux too (the same calls), which is how its output is checked.
 */
#include <stdio.h>
#include <sys/shm.h>

int main(void)
{
	struct shm_info info;
	struct shmid_ds ds;
	int max = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);
	if (max < 0) {
		perror("ipcs: shmctl(SHM_INFO)");
		return 1;
	}
	printf("\n------ Shared Memory Segments --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", "shmid", "owner", "perms",
	       "bytes", "nattch", "status");
	for (int slot = 0; slot <= max; slot++) {
		int id = shmctl(slot, SHM_STAT, &ds);
		if (id < 0)
			continue;
		char owner[16];
		if (ds.shm_perm.uid == 0)
			snprintf(owner, sizeof owner, "root");
		else
			snprintf(owner, sizeof owner, "%u", (unsigned)ds.shm_perm.uid);
		const char *status = ds.shm_perm.mode & SHM_DEST ? "dest" : "";
		if (ds.shm_perm.mode & SHM_LOCKED)
			status = ds.shm_perm.mode & SHM_DEST ? "dest locked" : "locked";
		printf("0x%08x %-10d %-10s %-10o %-10lu %-10lu %-12s\n", (unsigned)ds.shm_perm.__key, id,
		       owner, ds.shm_perm.mode & 0777u, (unsigned long)ds.shm_segsz, ds.shm_nattch, status);
	}
	printf("\n%d segments, %lu pages in all, %lu of them resident\n", info.used_ids, info.shm_tot,
	       info.shm_rss);
	return 0;
}
