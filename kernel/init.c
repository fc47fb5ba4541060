/*
 * Starting user space: pid 1 runs /bin/init (or init=PATH), with the kernel command line's
 * words after "--" as its arguments, and descriptors 0, 1, 2 on the console.
 */
#include <boot.h>
#include <proc_internal.h>
#include <vfs.h>
#include <vm.h>

#define MAX_INIT_ARGS 32

static char args_buf[sizeof boot_info.cmdline];

/* Split the words after " -- " into argv[1..]; argv[0] is the init path. */
static void init_argv(const char *path, char *argv[MAX_INIT_ARGS + 2])
{
    int argc = 0;
    argv[argc++] = (char *)path;
    const char *dashes = strstr(boot_info.cmdline, " -- ");
    if (!dashes && strncmp(boot_info.cmdline, "-- ", 3) == 0)
        dashes = boot_info.cmdline - 1;
    if (dashes) {
        strlcpy(args_buf, dashes + 4, sizeof args_buf);
        for (char *p = args_buf; *p && argc <= MAX_INIT_ARGS;) {
            while (*p == ' ')
                *p++ = '\0';
            if (!*p)
                break;
            argv[argc++] = p;
            while (*p && *p != ' ')
                p++;
        }
    }
    argv[argc] = NULL;
}

void start_init(const char *path, char *const unused[])
{
    (void)unused;
    char *argv[MAX_INIT_ARGS + 2];
    /* PAGEWISE_BATCH tells init nobody is at the console (tools/qemu-run --batch): run /etc/rc
     * and power off rather than start an interactive shell. */
    static char *const interactive_env[] = { "PATH=/bin", "HOME=/", "TERM=vt100", NULL };
    static char *const batch_env[] = { "PATH=/bin", "HOME=/", "TERM=vt100", "PAGEWISE_BATCH=1", NULL };
    char *const *envp = boot_option("batch") ? batch_env : interactive_env;
    init_argv(path, argv);

    struct proc *p = proc_alloc();
    if (!p || !(p->vm = vm_new()) || !(p->files = fdtable_new()))
        panic("no memory for init");
    struct file *console = console_file();
    for (int fd = 0; fd < 3; fd++)
        if (fd_install(p->files, console, fd) != fd)
            panic("cannot give init its console descriptors");
    p->start_tick = 0;
    current = p;
    long err = kernel_execve(path, argv, envp);
    if (err < 0)
        panic("cannot run %s as init: error %ld", path, -err);
    kprintf("pagewise: starting %s as pid 1\n", path);
    sched_start(p);
}
