/*
 * demo-shm's claims, as its output shows them: a one-page System V segment has no frame until
 * its first write (Shmem +4 kB then); a second attach in the same process and the forked
 * child's copy are the same frame, so the child's write is seen through both of the parent's
 * addresses with no copy; the attach count follows (2 in the parent, 4 in the child after
 * fork); IPC_RMID marks it SHM_DEST and the frame goes at the last shmdt.
 */
#include "demotest.h"

static char out[8192];

/* The frame number after "-> frame " on the line that starts with start; -1 if none. */
static long frame_on(const char *start)
{
	const char *l = strstr(out, start);
	const char *f = l ? strstr(l, "-> frame ") : NULL;
	return f ? strtol(f + 9, NULL, 16) : -1;
}

int main(int argc, char **argv)
{
	char *demo[] = { "demo-shm", NULL };

	check_init(argc, argv);
	section("demo-shm runs and every claim holds");
	CHECK_EQ(capture(demo, out, sizeof out), 0);
	CHECK(strstr(out, "UNEXPECTED") == NULL);

	section("no frame before the first write; one frame everywhere after it");
	CHECK(strstr(out, ": 0 attaches; Shmem 0 kB (no frame yet)\n") != NULL);
	CHECK(strstr(out, "; 1 attach; Shmem 4 kB\n") != NULL);
	long frame = frame_on("0x");
	CHECK(frame > 0);
	CHECK(strstr(out, "-> frame 0 (nothing in this page table entry yet)\n") != NULL);
	CHECK_EQ(frame_on(" reads \"hello\" -> frame"), frame);
	CHECK_EQ(frame_on("child  (pid"), frame);
	CHECK(strstr(out, "/SYSV00000000 (deleted)") != NULL);

	section("attaches: 2 in the parent, 4 in the child; the child's write seen twice");
	CHECK(strstr(out, "no new frame); 2 attaches\n") != NULL);
	CHECK(strstr(out, "; 4 attaches\n") != NULL);
	CHECK(strstr(out, " reads \"world\", 0x") != NULL && strstr(out, "reads \"world\"; 2 attaches again\n") != NULL);

	section("IPC_RMID: SHM_DEST, memory kept; the last shmdt frees the frame");
	CHECK(strstr(out, "after IPC_RMID: 2 attaches, mode 1600 (SHM_DEST 01000); Shmem 4 kB\n") != NULL);
	CHECK(strstr(out, "after shmdt: IPC_STAT fails (the segment is gone); Shmem 0 kB\n") != NULL);
	if (check_failed)
		printf("%s", out);
	return check_done();
}
