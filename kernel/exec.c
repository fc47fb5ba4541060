/*
 * execve: replace the calling process's program. Arguments and environment are copied into
 * the kernel first; the new address space is built completely beside the old one, so every
 * error before the switch returns to an intact caller. The initial stack follows the i386
 * System V ABI: argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL; strings above.
 */
#include <abi/fcntl.h>
#include <elf.h>
#include <errno.h>
#include <kheap.h>
#include <proc_internal.h>
#include <random.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <vfs.h>
#include <vm.h>
#include <arch/cpu.h>

#define ARG_MAX      (128u * KiB)       /* argv + envp strings */
#define MAX_ARGS     4096               /* pointers in argv + envp */
#define STACK_INITIAL (128u * KiB)      /* the stack region's size before it grows */
#define S_IFMT   0170000
#define S_IFREG  0100000
#define S_IFDIR  0040000

enum { AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
       AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
       AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25,
       AT_EXECFN = 31 };

struct args {
    char *strings;                       /* argv strings, then envp strings, each NUL-ended */
    size_t used;
    int argc, envc;
};

static long add_string(struct args *a, const char *s, size_t len)
{
    if (a->used + len + 1 > ARG_MAX || a->argc + a->envc >= MAX_ARGS)
        return -E2BIG;
    memcpy(a->strings + a->used, s, len + 1);
    a->used += len + 1;
    return 0;
}

/* Copy a user NULL-terminated vector of strings; *count gets its length. */
static long collect_user(struct args *a, uintptr_t uvec, int *count)
{
    for (*count = 0; uvec; uvec += sizeof(uint32_t)) {
        uint32_t up;
        if (copy_from_user(&up, uvec, sizeof up) < 0)
            return -EFAULT;
        if (!up)
            return 0;
        if (a->used >= ARG_MAX || a->argc + a->envc >= MAX_ARGS)
            return -E2BIG;
        long n = strncpy_from_user(a->strings + a->used, up, ARG_MAX - a->used);
        if (n == -ENAMETOOLONG)
            return -E2BIG;
        if (n < 0)
            return n;
        a->used += (size_t)n + 1;
        (*count)++;
    }
    return 0;
}

static long collect_kernel(struct args *a, char *const vec[], int *count)
{
    long err = 0;
    for (*count = 0; vec && vec[*count] && !err; (*count)++)
        err = add_string(a, vec[*count], strlen(vec[*count]));
    return err;
}

/* Lay out the initial stack in the (now current) new address space; the initial sp or 0. */
static uintptr_t build_stack(const struct args *a, const struct elf_image *img, const char *path)
{
    uintptr_t sp = USER_TOP - sizeof(uint32_t);        /* a zero word marks the top */
    size_t pathlen = strlen(path) + 1;
    uintptr_t u_execfn = sp -= pathlen;
    uintptr_t u_strings = sp -= a->used;
    static const char platform[] = "i686";
    uintptr_t u_platform = sp -= sizeof platform;
    uint8_t random[16];
    get_random_bytes(random, sizeof random);
    uintptr_t u_random = sp = ALIGN_DOWN(sp - sizeof random, 16);

    const uint32_t auxv[][2] = {
        { AT_PHDR, img->phdr }, { AT_PHENT, img->phent }, { AT_PHNUM, img->phnum },
        { AT_PAGESZ, PAGE_SIZE }, { AT_BASE, 0 }, { AT_FLAGS, 0 }, { AT_ENTRY, img->entry },
        { AT_UID, 0 }, { AT_EUID, 0 }, { AT_GID, 0 }, { AT_EGID, 0 }, { AT_SECURE, 0 },
        { AT_HWCAP, arch_hwcap() }, { AT_CLKTCK, 100 }, { AT_PLATFORM, u_platform },
        { AT_RANDOM, u_random }, { AT_EXECFN, u_execfn }, { AT_NULL, 0 },
    };
    size_t words = 1 + (size_t)a->argc + 1 + (size_t)a->envc + 1 + 2 * ARRAY_SIZE(auxv);
    sp = ALIGN_DOWN(sp - words * sizeof(uint32_t), 16);   /* argc sits 16-byte aligned */

    uint32_t *vec = kmalloc(words * sizeof(uint32_t));
    if (!vec)
        return 0;
    size_t w = 0, off = 0;
    vec[w++] = (uint32_t)a->argc;
    for (int list = 0; list < 2; list++) {                 /* argv, then envp */
        for (int i = 0; i < (list ? a->envc : a->argc); i++) {
            vec[w++] = (uint32_t)(u_strings + off);
            off += strlen(a->strings + off) + 1;
        }
        vec[w++] = 0;                                      /* its terminating NULL */
    }
    memcpy(&vec[w], auxv, sizeof auxv);
    size_t argv_bytes = 0;
    for (int i = 0; i < a->argc; i++)
        argv_bytes += strlen(a->strings + argv_bytes) + 1;
    current->vm->arg_start = u_strings;
    current->vm->arg_end = u_strings + argv_bytes;
    bool ok = copy_to_user(sp, vec, words * sizeof(uint32_t)) == 0 &&
              copy_to_user(u_strings, a->strings, a->used) == 0 &&
              copy_to_user(u_execfn, path, pathlen) == 0 &&
              copy_to_user(u_platform, platform, sizeof platform) == 0 &&
              copy_to_user(u_random, random, sizeof random) == 0 &&
              clear_user(USER_TOP - sizeof(uint32_t), sizeof(uint32_t)) == 0;
    kfree(vec);
    return ok ? sp : 0;
}

static long open_executable(const char *path, struct file **out)
{
    long err = vfs_open(path, O_RDONLY, out);
    if (err < 0)
        return err;
    struct kstat st;
    if ((*out)->ops->stat && (*out)->ops->stat(*out, &st) == 0) {
        if ((st.mode & S_IFMT) != S_IFREG || !(st.mode & 0111)) {
            file_put(*out);
            return -EACCES;
        }
    }
    return 0;
}

/* Linux's de_thread: the other threads of the process are killed, and once they are gone the
 * caller goes on alone, as the process's leader (with the process's pid, whichever thread it
 * was). -EINTR when the process is ending anyway (an exit_group or a fatal signal came first,
 * or comes meanwhile). */
static long become_sole_thread(void)
{
    struct proc *g = proc_group(current);
    if (proc_live_threads(g) == 1 && current == g)
        return 0;
    if (g->group_exiting || g->de_threading)
        return -EINTR;
    g->de_threading = true;             /* the dying threads must not kill us in turn */
    signal_kill_threads(g, current);
    while (proc_live_threads(g) > 1) {
        if (sleep_on(g) < 0) {
            if (current->kill_signal) {
                g->de_threading = false;
                return -EINTR;
            }
            yield();                    /* a signal for us waits: let the others die meanwhile */
        }
    }
    g->de_threading = false;
    if (current != g)
        proc_become_leader(current);
    return 0;
}

static long do_execve(const char *path, const struct args *a)
{
    struct file *f;
    long err = open_executable(path, &f);
    if (err < 0)
        return err;
    struct vm *vm = vm_new();
    if (!vm) {
        file_put(f);
        return -ENOMEM;
    }
    char exe[PATH_MAX_LEN];
    vfs_describe(f, exe, sizeof exe);
    struct elf_image img;
    uintptr_t stack_size = page_up(a->used + PAGE_SIZE) + STACK_INITIAL;
    struct vm_region *stack = NULL;
    err = elf_load(f, vm, path, &img);
    if (!err && vm_find_from(vm, USER_TOP - stack_size))
        err = -EINVAL;                    /* a segment where the stack must go */
    if (!err && !(stack = vm_map_region(vm, USER_TOP - stack_size, USER_TOP, PROT_READ | PROT_WRITE,
                                        VR_GROWSDOWN | VR_STACK, NULL, 0)))
        err = -ENOMEM;
    file_put(f);                          /* the regions hold their own references */
    if (!err)
        err = become_sole_thread();
    if (err) {
        vm_free(vm);
        return err;
    }
    strlcpy(stack->path, "[stack]", sizeof stack->path);
    vm->start_brk = vm->brk = img.brk;

    /* The point of no return: from here on, failure kills the process. The robust mutexes
     * the caller holds die with the old program, as on Linux. */
    futex_release_robust(current);
    struct vm *old = current->vm;
    current->vm = vm;
    vm_activate(vm);
    if (old) {
        current->maxrss_pages = MAX(current->maxrss_pages, old->hwm);   /* Linux keeps ru_maxrss over exec */
        proc_drop_vm(current, old);     /* a vfork child's is its parent's */
    }
    fdtable_exec(current->files);
    proc_set_name(current, path);
    memcpy(current->exe, exe, sizeof exe);     /* current is the leader now */
    current->clear_child_tid = 0;
    arch_thread_reset(&current->arch);
    arch_thread_load(&current->arch);
    signal_exec(current);
    current->did_exec = true;
    vfork_release(current);

    uintptr_t sp = build_stack(a, &img, path);
    if (!sp) {
        /* The old program is gone: nothing to return to. Linux forces SIGSEGV here too. */
        kprintf("pagewise: pid %d (%s) killed by SIGSEGV: no memory for the initial stack\n",
                current->pid, current->name);
        do_exit(W_EXITCODE(0, SIGSEGV));
    }
    arch_user_frame(current->tf, img.entry, sp);
    if (current->traced)
        kprintf("[%d %s] execve %s: entry %#x, stack %#x, brk %#x\n", current->pid, current->name,
                path, (unsigned)img.entry, (unsigned)sp, (unsigned)img.brk);
    return 0;
}

static long with_args(const char *path, long (*collect)(struct args *, const void *, const void *),
                      const void *argv, const void *envp)
{
    struct args a = { .strings = kmalloc(ARG_MAX) };
    if (!a.strings)
        return -ENOMEM;
    long err = collect(&a, argv, envp);
    if (!err)
        err = do_execve(path, &a);
    kfree(a.strings);
    return err;
}

/*
 * An empty argv becomes one empty string, as on Linux since 5.18: programs take
 * argv[0] for granted, and with argc 0 their argv[1] would be the first
 * environment string. Called between argv and envp, so the strings stay in order.
 */
static long argv0_if_none(struct args *a)
{
    if (a->argc)
        return 0;
    long err = add_string(a, "", 0);
    if (!err)
        a->argc = 1;
    return err;
}

static long collect_from_user(struct args *a, const void *argv, const void *envp)
{
    long err = collect_user(a, (uintptr_t)argv, &a->argc);
    if (!err)
        err = argv0_if_none(a);
    return err ? err : collect_user(a, (uintptr_t)envp, &a->envc);
}

static long collect_from_kernel(struct args *a, const void *argv, const void *envp)
{
    long err = collect_kernel(a, argv, &a->argc);
    if (!err)
        err = argv0_if_none(a);
    return err ? err : collect_kernel(a, envp, &a->envc);
}

long sys_execve(uintptr_t upath, uintptr_t uargv, uintptr_t uenvp)
{
    char path[PATH_MAX_LEN];
    long n = strncpy_from_user(path, upath, sizeof path);
    if (n < 0)
        return n;
    return with_args(path, collect_from_user, (const void *)uargv, (const void *)uenvp);
}

long kernel_execve(const char *path, char *const argv[], char *const envp[])
{
    return with_args(path, collect_from_kernel, argv, envp);
}
