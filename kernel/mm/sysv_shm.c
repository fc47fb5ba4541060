/*
 * System V shared memory: shmget, shmat, shmdt, shmctl, and the old ipc() call that i386
 * programs reach them through (shmget(2), shmat(2), shmctl(2), ipc(2); Linux's ipc/shm.c).
 *
 * A segment is a shared object (the same one MAP_SHARED|MAP_ANONYMOUS uses: frames found by
 * page index, zeroed at the first touch) with a key, an id and the figures shmctl reports.
 * shmat maps it like any shared mapping; the region's open and close (vm_region_ops) keep the
 * attach count, so fork, exit, exec and munmap count as Linux counts them: one per region,
 * a region split in two by mprotect or a partial munmap counting twice. IPC_RMID takes the key
 * away; the segment and its frames go when the last region does.
 *
 * Every process runs as root here, so the permission bits are kept and shown but never refuse.
 */
#include <errno.h>
#include <kheap.h>
#include <proc.h>
#include <timer.h>
#include <uaccess.h>
#include <vm.h>
#include <abi/shm.h>
#include "vm_internal.h"

#define SHMMIN 1u
#define SHMMNI 4096u                          /* segments at most */
#define SHMMAX (0xffffffffu - (1u << 24))     /* Linux's default on 32 bits */
#define SEQ_MULTIPLIER 32768u                 /* id = seq * this + slot (ipc_buildid) */

struct shm_segment {
    struct shmem *obj;
    int key;
    unsigned slot, seq;
    size_t size;
    uint32_t mode;                  /* permission bits, SHM_DEST, SHM_LOCKED */
    uint32_t uid, gid, cuid, cgid;
    int cpid, lpid;
    unsigned nattch;
    int64_t atime, dtime, ctime;
};

static struct shm_segment *segments[SHMMNI];
static unsigned next_seq;

static int64_t now(void) { return timer_epoch_ns() / 1000000000; }
static int seg_id(const struct shm_segment *s) { return (int)(s->seq * SEQ_MULTIPLIER + s->slot); }

static struct shm_segment *by_id(int id)
{
    if (id < 0)
        return NULL;
    struct shm_segment *s = segments[(unsigned)id % SEQ_MULTIPLIER % SHMMNI];
    return s && seg_id(s) == id ? s : NULL;
}

static void destroy(struct shm_segment *s)
{
    segments[s->slot] = NULL;
    shmem_put(s->obj);
    kfree(s);
}

/* ---- attaches: the regions keep the count ---- */

static void region_open(struct vm_region *r)
{
    struct shm_segment *s = r->owner;
    s->nattch++;
    s->atime = now();
    s->lpid = proc_group(current)->pid;
}

static void region_close(struct vm_region *r)
{
    struct shm_segment *s = r->owner;
    s->nattch--;
    s->dtime = now();
    s->lpid = current ? proc_group(current)->pid : 0;
    if (!s->nattch && (s->mode & SHM_DEST))
        destroy(s);
}

static const struct vm_region_ops shm_region_ops = { .open = region_open, .close = region_close };

/* ---- the calls ---- */

long sys_shmget(int key, size_t size, int flags)
{
    if (key != IPC_PRIVATE) {
        for (unsigned i = 0; i < SHMMNI; i++) {
            struct shm_segment *s = segments[i];
            if (!s || s->key != key)
                continue;
            if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
                return -EEXIST;
            if (size > s->size)
                return -EINVAL;
            return seg_id(s);
        }
        if (!(flags & IPC_CREAT))
            return -ENOENT;
    }
    if (size < SHMMIN || size > SHMMAX)
        return -EINVAL;
    unsigned slot = 0;
    while (slot < SHMMNI && segments[slot])
        slot++;
    if (slot == SHMMNI)
        return -ENOSPC;
    struct shm_segment *s = kzalloc(sizeof *s);
    if (!s)
        return -ENOMEM;
    s->obj = shmem_new(size, NULL);
    if (!s->obj) {
        kfree(s);
        return -ENOMEM;
    }
    s->key = key;
    s->slot = slot;
    s->seq = next_seq++ % (0x7fffffffu / SEQ_MULTIPLIER);
    s->size = size;
    s->mode = (uint32_t)flags & 0777;
    s->cpid = proc_group(current)->pid;
    s->ctime = now();
    segments[slot] = s;
    return seg_id(s);
}

long sys_shmat(int id, uintptr_t addr, int flags)
{
    struct shm_segment *s = by_id(id);
    if (!s)
        return -EINVAL;
    struct vm *vm = current->vm;
    size_t len = page_up(s->size);
    if (addr) {
        if (addr & (PAGE_SIZE - 1)) {
            if (!(flags & SHM_RND))
                return -EINVAL;
            addr = page_down(addr);     /* SHMLBA is a page on x86 */
            if (!addr && (flags & SHM_REMAP))
                return -EINVAL;
        }
        if (!(flags & SHM_REMAP)) {
            struct vm_region *there = vm_find_from(vm, addr);
            if (addr + len < addr || (there && there->start < addr + len))
                return -EINVAL;         /* it wraps, or something is there, and no SHM_REMAP */
        }
        if (len > USER_TOP || addr > USER_TOP - len)
            return -ENOMEM;             /* then mmap's answers, in its order */
        if (addr < MMAP_MIN)
            return -EPERM;
        if ((flags & SHM_REMAP) && vm_unmap(vm, addr, addr + len) < 0)
            return -ENOMEM;
    } else if (flags & SHM_REMAP) {
        return -EINVAL;
    } else if (len > USER_TOP - MMAP_MIN || !(addr = vm_find_free(vm, len))) {
        return -ENOMEM;
    }
    unsigned prot = PROT_READ | (flags & SHM_RDONLY ? 0 : PROT_WRITE) | (flags & SHM_EXEC ? PROT_EXEC : 0);
    unsigned vr = vm->lock_future | (flags & SHM_RDONLY ? VR_NO_WRITE : 0);
    struct vm_region *r = vm_map_shared(vm, addr, addr + len, prot, vr, s->obj, NULL, 0);
    if (!r)
        return -ENOMEM;
    r->ops = &shm_region_ops;
    r->owner = s;
    ksnprintf(r->path, sizeof r->path, "/SYSV%08x (deleted)", (unsigned)s->key);
    region_open(r);
    if (vr_faulted_in(r->flags))
        vm_populate(vm, addr, addr + len);
    return (long)addr;
}

/* Every region of the attach that starts at addr goes: the one there, and those after it that
 * map the rest of the same segment (Linux's shmdt walks them the same way). */
long sys_shmdt(uintptr_t addr)
{
    struct vm *vm = current->vm;
    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    struct vm_region *r = vm_find(vm, addr);
    if (!r || r->start != addr || r->ops != &shm_region_ops || r->offset != 0)
        return -EINVAL;
    struct shm_segment *s = r->owner;
    uintptr_t end = addr + page_up(s->size);
    while (r && r->start < end) {
        struct vm_region *next = vm_next(vm, r);
        if (r->owner == s && r->offset == r->start - addr)
            vm_unmap(vm, r->start, r->end);
        r = next;
    }
    return 0;
}

/* ---- shmctl ---- */

static long stat_to_user(const struct shm_segment *s, uintptr_t ubuf)
{
    struct shmid_ds d = {
        .shm_perm = { .__key = s->key, .uid = s->uid, .gid = s->gid, .cuid = s->cuid,
                      .cgid = s->cgid, .mode = (uint16_t)s->mode, .__seq = (uint16_t)s->seq },
        .shm_segsz = (uint32_t)s->size,
        .shm_atime = (long)s->atime, .__shm_atime_high = (unsigned long)(s->atime >> 32),
        .shm_dtime = (long)s->dtime, .__shm_dtime_high = (unsigned long)(s->dtime >> 32),
        .shm_ctime = (long)s->ctime, .__shm_ctime_high = (unsigned long)(s->ctime >> 32),
        .shm_cpid = s->cpid, .shm_lpid = s->lpid, .shm_nattch = s->nattch,
    };
    return copy_to_user(ubuf, &d, sizeof d) < 0 ? -EFAULT : 0;
}

/* The highest slot in use, or 0 (IPC_INFO and SHM_INFO return it: ipc_get_maxidx). */
static long max_slot(void)
{
    for (unsigned i = SHMMNI; i-- > 0;)
        if (segments[i])
            return (long)i;
    return 0;
}

long sys_shmctl(int id, int cmd, uintptr_t ubuf)
{
    if (!(cmd & IPC_64) && (cmd & ~IPC_64) != IPC_RMID && (cmd & ~IPC_64) != SHM_LOCK &&
        (cmd & ~IPC_64) != SHM_UNLOCK)
        return -EINVAL;                 /* the pre-2.4 structures: not kept */
    cmd &= ~IPC_64;
    if (cmd == IPC_INFO) {
        struct shminfo i = { SHMMAX, SHMMIN, SHMMNI, SHMMNI, SHMMAX, { 0 } };
        return copy_to_user(ubuf, &i, sizeof i) < 0 ? -EFAULT : max_slot();
    }
    if (cmd == SHM_INFO) {
        struct shm_info i = { 0 };
        for (unsigned k = 0; k < SHMMNI; k++)
            if (segments[k]) {
                i.used_ids++;
                i.shm_tot += (uint32_t)(page_up(segments[k]->size) / PAGE_SIZE);
                i.shm_rss += (uint32_t)shmem_pages_held(segments[k]->obj);
            }
        return copy_to_user(ubuf, &i, sizeof i) < 0 ? -EFAULT : max_slot();
    }
    if (cmd == SHM_STAT || cmd == SHM_STAT_ANY) {       /* id is a slot: the answer its id */
        struct shm_segment *s = id >= 0 && (unsigned)id < SHMMNI ? segments[id] : NULL;
        if (!s)
            return -EINVAL;
        long err = stat_to_user(s, ubuf);
        return err ? err : seg_id(s);
    }
    struct shm_segment *s = by_id(id);
    if (!s)
        return -EINVAL;
    switch (cmd) {
    case IPC_STAT:
        return stat_to_user(s, ubuf);
    case IPC_SET: {
        struct shmid_ds d;
        if (copy_from_user(&d, ubuf, sizeof d) < 0)
            return -EFAULT;
        s->uid = d.shm_perm.uid;
        s->gid = d.shm_perm.gid;
        s->mode = (s->mode & ~0777u) | (d.shm_perm.mode & 0777u);
        s->ctime = now();
        return 0;
    }
    case IPC_RMID:
        s->mode |= SHM_DEST;
        s->key = IPC_PRIVATE;           /* a shmget of the key makes a new segment now */
        s->ctime = now();
        if (!s->nattch)
            destroy(s);
        return 0;
    case SHM_LOCK:
        s->mode |= SHM_LOCKED;
        return 0;
    case SHM_UNLOCK:
        s->mode &= ~SHM_LOCKED;
        return 0;
    default:
        return -EINVAL;
    }
}

/* ipc(2): the one entry i386 had for all of System V IPC (glibc still uses it). The call's
 * high 16 bits are a version; shmat's answer goes to *third. Semaphores and message queues
 * are not here. */
#define IPC_SHMAT  21
#define IPC_SHMDT  22
#define IPC_SHMGET 23
#define IPC_SHMCTL 24

long sys_ipc(unsigned call, int first, unsigned long second, unsigned long third, uintptr_t ptr,
             long fifth)
{
    unsigned version = call >> 16;
    switch (call & 0xffff) {
    case IPC_SHMAT: {
        if (version == 1)
            return -EINVAL;             /* iBCS2's, which Linux no longer has either */
        long addr = sys_shmat(first, (uintptr_t)fifth, (int)second);
        if (addr < 0 && addr > -4096)
            return addr;
        uint32_t a = (uint32_t)addr;
        return copy_to_user((uintptr_t)third, &a, sizeof a) < 0 ? -EFAULT : 0;
    }
    case IPC_SHMDT:
        return sys_shmdt(ptr);
    case IPC_SHMGET:
        return sys_shmget(first, (size_t)second, (int)third);
    case IPC_SHMCTL:
        return sys_shmctl(first, (int)second, ptr);
    default:
        return -ENOSYS;
    }
}
