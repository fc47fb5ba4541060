/*
 * Files through the syscall wrappers and through stdio, in a temporary file
 * under $TMPDIR (default /tmp).  Where the file system is read-only (the
 * pagewise initrd), the writing part is skipped and said so.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static char path[256];

static void test_syscalls(int fd)
{
	char buf[64];
	struct stat st;

	CHECK_EQ(write(fd, "hello, pagewise\n", 16), 16);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 16);
	CHECK_EQ(lseek(fd, 7, SEEK_SET), 7);
	CHECK_EQ(read(fd, buf, 8), 8);
	CHECK(memcmp(buf, "pagewise", 8) == 0);
	CHECK_EQ(read(fd, buf, sizeof buf), 1);	/* just the newline left */
	CHECK_EQ(read(fd, buf, sizeof buf), 0);	/* end of file */
	CHECK_EQ(lseek(fd, -4, SEEK_END), 12);
	/* A hole: seek past the end and write; the file grows. */
	CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 101);
	CHECK(S_ISREG(st.st_mode));
	CHECK((st.st_mode & 0777) == 0600);
	CHECK(st.st_ino != 0 && st.st_nlink == 1);
	CHECK_EQ(stat(path, &st), 0);
	CHECK_EQ(st.st_size, 101);
	CHECK_EQ(lseek(fd, -1, SEEK_SET), -1);
	CHECK_EQ(errno, EINVAL);
}

static void test_stdio(void)
{
	FILE *f;
	char line[32];
	int i;

	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	for (i = 0; i < 1000; i++)	/* more than one buffer's worth */
		fprintf(f, "line %d\n", i);
	CHECK_EQ(fclose(f), 0);
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_STR(fgets(line, sizeof line, f), "line 0\n");
	CHECK_STR(fgets(line, sizeof line, f), "line 1\n");
	CHECK_EQ(fgetc(f), 'l');
	CHECK_EQ(ungetc('L', f), 'L');
	CHECK_STR(fgets(line, sizeof line, f), "Line 2\n");
	CHECK_EQ(ftell(f), 21);
	CHECK_EQ(fseek(f, -8, SEEK_END), 0);
	CHECK_STR(fgets(line, sizeof line, f), "ine 999\n");
	CHECK(fgets(line, sizeof line, f) == NULL && feof(f) && !ferror(f));
	rewind(f);
	CHECK_EQ(fread(line, 1, 5, f), 5);
	CHECK(memcmp(line, "line ", 5) == 0);
	CHECK_EQ(fwrite("x", 1, 1, f), 0);	/* opened read-only */
	CHECK(ferror(f));
	CHECK_EQ(fclose(f), 0);
	CHECK(fopen("/nonexistent/pagewise", "r") == NULL && errno == ENOENT);
}

static void test_dir(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int seen = 0, dot = 0;

	CHECK(d != NULL);
	if (!d)
		return;
	while ((e = readdir(d))) {
		seen |= strcmp(e->d_name, name) == 0;
		dot |= strcmp(e->d_name, ".") == 0 && e->d_type == DT_DIR;
	}
	CHECK(seen);
	CHECK(dot);
	CHECK_EQ(closedir(d), 0);
	CHECK(opendir("/nonexistent") == NULL && errno == ENOENT);
}

/* Read-only checks on our own executable: these work on a read-only file
   system too (the pagewise initrd), where the writing part is skipped. */
static void test_self(const char *self)
{
	char magic[4];
	struct stat st;
	FILE *f;
	int fd = open(self, O_RDONLY);

	if (fd < 0) {
		printf("skip: cannot open %s (%s)\n", self, strerror(errno));
		return;
	}
	CHECK_EQ(read(fd, magic, 4), 4);
	CHECK(memcmp(magic, "\x7f" "ELF", 4) == 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode) && st.st_size > 4);
	CHECK_EQ(lseek(fd, 0, SEEK_END), st.st_size);
	CHECK_EQ(read(fd, magic, 4), 0);
	CHECK(write(fd, "x", 1) == -1 && errno == EBADF);	/* opened read-only */
	CHECK_EQ(close(fd), 0);
	f = fopen(self, "r");
	CHECK(f != NULL);
	if (f) {
		CHECK_EQ(fgetc(f), 0x7f);
		CHECK_EQ(fread(magic, 1, 3, f), 3);
		CHECK(memcmp(magic, "ELF", 3) == 0);
		CHECK_EQ(fclose(f), 0);
	}
}

int main(int argc, char **argv)
{
	const char *dir = check_tmpdir();
	const char *name = "pagewise-t_fileio.tmp";
	int fd;

	check_init(argc, argv);
	test_self(argv[0]);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0 && (errno == EROFS || errno == ENOSYS || errno == EACCES || errno == ENOENT)) {
		printf("skip: cannot create files in %s (%s)\n", dir, strerror(errno));
		return check_done();
	}
	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK(open(path, O_RDWR | O_CREAT | O_EXCL, 0600) < 0 && errno == EEXIST);
		test_syscalls(fd);
		CHECK_EQ(close(fd), 0);
		test_dir(dir, name);
		test_stdio();
	}
	CHECK_EQ(unlink(path), 0);
	CHECK(unlink(path) < 0 && errno == ENOENT);
	return check_done();
}
