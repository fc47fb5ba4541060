/* cat [FILE...]: copy each file (or standard input, also for "-") to standard output. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Straight read(2)/write(2): cat is how people look at /proc files, which
   must be read as the kernel hands them out, not through a stdio buffer. */
static int copy(int fd, const char *name)
{
	static char buf[4096];
	ssize_t n, done, w;

	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (done = 0; done < n; done += w) {
			w = write(STDOUT_FILENO, buf + done, n - done);
			if (w < 0) {
				fprintf(stderr, "cat: write error: %s\n", strerror(errno));
				return 1;
			}
		}
	}
	if (n < 0) {
		fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, fd, status = 0;

	if (argc < 2)
		return copy(STDIN_FILENO, "-");
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			status |= copy(STDIN_FILENO, "-");
			continue;
		}
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		close(fd);
	}
	return status;
}
