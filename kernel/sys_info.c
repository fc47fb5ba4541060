/* Small system calls about the process and the system: ids, uname, limits, sysinfo, CPU
 * affinity, sync, reboot. */
#include <errno.h>
#include <proc_internal.h>
#include <sched.h>
#include <signal.h>
#include <pmm.h>
#include <timer.h>
#include <uaccess.h>
#include <abi/sysinfo.h>
#include <vm.h>

#define LINUX_REBOOT_MAGIC1      0xfee1dead
#define LINUX_REBOOT_MAGIC2      672274793
#define LINUX_REBOOT_MAGIC2A     85072278
#define LINUX_REBOOT_MAGIC2B     369367448
#define LINUX_REBOOT_MAGIC2C     537993216
#define LINUX_REBOOT_CMD_RESTART   0x01234567
#define LINUX_REBOOT_CMD_HALT      0xCDEF0123
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDC
#define RLIMIT_STACK   3
#define RLIMIT_NOFILE  7
#define RLIMIT_SIGPENDING 11
#define RLIM_NLIMITS   16
#define RLIM_INFINITY  (~0ULL)

void arch_poweroff(int status);

long sys_getpid(void) { return proc_group(current)->pid; }
long sys_gettid(void) { return current->pid; }
long sys_getppid(void) { return proc_group(current)->parent ? proc_group(current)->parent->pid : 0; }
long sys_getuid32(void) { return 0; }       /* everyone is root: there are no users */
long sys_sched_yield(void) { yield(); return 0; }
/* The word to clear (and wake a futex waiter on) when this thread exits: pthread_join waits there. */
long sys_set_tid_address(uintptr_t tidptr)
{
    current->clear_child_tid = tidptr;
    return current->pid;
}

long sys_uname(uintptr_t ubuf)
{
    /* Static glibc refuses to start on a kernel whose release looks older than 3.2. */
    static const char fields[6][65] = { "pagewise", "pagewise", "6.1.0-pagewise", "#1 pagewise 0.1",
                                        "i686", "(none)" };
    return copy_to_user(ubuf, fields, sizeof fields) < 0 ? -EFAULT : 0;
}

static void limit_of(unsigned resource, uint64_t lim[2])
{
    lim[0] = lim[1] = RLIM_INFINITY;
    if (resource == RLIMIT_STACK)
        lim[0] = STACK_LIMIT;
    else if (resource == RLIMIT_NOFILE)
        lim[0] = lim[1] = 64;
    else if (resource == RLIMIT_SIGPENDING)
        lim[0] = lim[1] = SIGQUEUE_MAX;     /* per queue here, per user on Linux */
}

long sys_prlimit64(int pid, unsigned resource, uintptr_t unew, uintptr_t uold)
{
    if (pid != 0 && pid != current->pid && !proc_find(pid))
        return -ESRCH;
    if (resource >= RLIM_NLIMITS)
        return -EINVAL;
    if (unew)
        return -EPERM;          /* limits are fixed in pagewise */
    uint64_t lim[2];
    limit_of(resource, lim);
    return uold && copy_to_user(uold, lim, sizeof lim) < 0 ? -EFAULT : 0;
}

long sys_ugetrlimit(unsigned resource, uintptr_t uold)
{
    if (resource >= RLIM_NLIMITS)
        return -EINVAL;
    uint64_t lim[2];
    limit_of(resource, lim);
    uint32_t small[2] = { lim[0] > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)lim[0],
                          lim[1] > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)lim[1] };
    return copy_to_user(uold, small, sizeof small) < 0 ? -EFAULT : 0;
}

long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd)
{
    if (magic1 != LINUX_REBOOT_MAGIC1 || (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
                                          magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
        return -EINVAL;
    switch (cmd) {
    case LINUX_REBOOT_CMD_POWER_OFF:
    case LINUX_REBOOT_CMD_HALT:
    case LINUX_REBOOT_CMD_RESTART:       /* QEMU runs with -no-reboot: a restart ends it too */
        kprintf("pagewise: %s requested by pid %d (%s)\n", cmd == LINUX_REBOOT_CMD_RESTART ? "restart" : "power off",
                current->pid, current->name);
        arch_poweroff(0);
        return 0;
    default:
        return -EINVAL;
    }
}

/*
 * prctl: only pagewise's own option so far. PR_PAGEWISE_TRACE (a number Linux does not use;
 * Linux answers EINVAL) switches the trace of every system call and page fault of this process
 * and its future children on (1) or off (0): the `trace` program's mechanism.
 */
#define PR_PAGEWISE_TRACE 0x70770001

long sys_prctl(int option, unsigned long arg2)
{
    if (option != PR_PAGEWISE_TRACE || arg2 > 1)
        return -EINVAL;
    current->traced = arg2;
    return 0;
}

/* sysinfo: uptime (seconds, rounded up as Linux does), memory, the number of processes. Memory
 * is in bytes (mem_unit 1) when that fits in 32 bits, else in pages, as Linux does it. There
 * is no load average (0) and no swap. */
long sys_sysinfo(uintptr_t uinfo)
{
    struct sysinfo si;
    memset(&si, 0, sizeof si);
    uint64_t ms = timer_uptime_ms();
    si.uptime = (int32_t)((ms + 999) / 1000);
    uint64_t total = pmm_managed_frames(), free = pmm_free_frames();
    si.mem_unit = PAGE_SIZE;
    if (total * PAGE_SIZE <= UINT32_MAX) {
        total *= PAGE_SIZE, free *= PAGE_SIZE;
        si.mem_unit = 1;
    }
    si.totalram = (uint32_t)total;
    si.freeram = (uint32_t)free;
    si.procs = (uint16_t)proc_count();
    return copy_to_user(uinfo, &si, sizeof si) < 0 ? -EFAULT : 0;
}

/* One CPU: an affinity mask of one long with bit 0. As Linux: a length that is not a whole
 * number of longs, or too short for the CPUs, is EINVAL; a mask with no CPU we have too. */
static bool affinity_target(int pid)
{
    return pid == 0 || (pid > 0 && proc_find(pid));
}

long sys_sched_getaffinity(int pid, size_t len, uintptr_t umask)
{
    uint32_t mask = 1;
    if (len < sizeof mask || (len & (sizeof mask - 1)))   /* looked at first, as Linux does */
        return -EINVAL;
    if (!affinity_target(pid))
        return -ESRCH;
    return copy_to_user(umask, &mask, sizeof mask) < 0 ? -EFAULT : (long)sizeof mask;
}

long sys_sched_setaffinity(int pid, size_t len, uintptr_t umask)
{
    uint32_t mask = 0;
    if (!affinity_target(pid))
        return -ESRCH;
    if (copy_from_user(&mask, umask, MIN(len, sizeof mask)) < 0)
        return -EFAULT;
    return mask & 1 ? 0 : -EINVAL;
}

/* sync: nothing is ever waiting to be written (syncfs is with fsync, kernel/fs/sys_rw.c). */
long sys_sync(void) { return 0; }
