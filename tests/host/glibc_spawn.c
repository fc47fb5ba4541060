/* A static glibc program that makes processes the ways glibc does: fork (clone with
 * CLONE_CHILD_SETTID), posix_spawn and system (clone with CLONE_VM | CLONE_VFORK, the child
 * on a stack of its own, in the parent's memory until it execs), raise in a forked child
 * (glibc signals the thread id clone wrote), and an execve from a program whose %gs holds
 * a TLS segment. It prints one line, then becomes "sh -c 'exit 6'" (a shell both here and
 * on the Linux that stands in, which cannot start i386 programs itself). */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int status_of(pid_t pid)
{
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(7);
    int forked = status_of(pid);

    pid = fork();
    if (pid == 0) {
        raise(SIGUSR1);                 /* tgkill(getpid(), the tid clone stored) */
        _exit(0);
    }
    int raised = status_of(pid);

    char *true_argv[] = { "true", NULL };
    int r = posix_spawn(&pid, "/bin/true", NULL, NULL, true_argv, environ);
    int spawned = r == 0 ? status_of(pid) : -r;

    /* Linux answers ENOENT; qemu-user, which copies memory for CLONE_VM, loses the child's
     * report and the child exits 127: both mean "not run". */
    r = posix_spawn(&pid, "/no/such/program", NULL, NULL, true_argv, environ);
    int missing = r == ENOENT || (r == 0 && status_of(pid) == 127);

    int sys = system("exit 3");
    printf("glibc spawn: fork=%d raise=%d spawn=%d missing=%d system=%d\n", forked, raised,
           spawned, missing, WIFEXITED(sys) ? WEXITSTATUS(sys) : -1);
    fflush(stdout);
    char *sh[] = { "sh", "-c", "exit 6", NULL };
    execve("/bin/sh", sh, environ);
    perror("execve");
    return 1;
}
