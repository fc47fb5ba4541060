/*
 * The memory system calls: brk, mmap2, old mmap, munmap, mprotect, madvise, mremap, and the
 * questions mincore and msync. They only edit regions; pages come later, from faults (or at
 * once, for a locked region: mlock.c). Error cases follow Linux's man pages brk(2), mmap(2),
 * munmap(2), mprotect(2), madvise(2), mremap(2), mincore(2), msync(2) and mm/mmap.c.
 */
#include <errno.h>
#include <abi/fcntl.h>
#include <proc.h>
#include <uaccess.h>
#include <vfs.h>
#include <vm.h>
#include "vm_internal.h"

#define DATA_LIMIT       (USER_TOP)      /* RLIMIT_DATA: unlimited */

static bool range_free(struct vm *vm, uintptr_t start, uintptr_t end)
{
    struct vm_region *r = vm_find_from(vm, start);
    return !r || r->start >= end;
}

/* A hint is taken only if it also keeps out of the guard gap below a stack, or the stack could
 * no longer grow (Linux's get_unmapped_area compares with vm_start_gap(next)). */
static bool hint_free(struct vm *vm, uintptr_t start, uintptr_t end)
{
    struct vm_region *r = vm_find_from(vm, start);
    if (!r)
        return true;
    uintptr_t limit = r->start;
    if (r->flags & VR_GROWSDOWN)
        limit = limit > STACK_GUARD_GAP ? limit - STACK_GUARD_GAP : 0;
    return end <= limit;
}

long sys_brk(uintptr_t addr)
{
    struct vm *vm = current->vm;
    uintptr_t old = vm->brk;
    if (addr < vm->start_brk || addr - vm->start_brk > DATA_LIMIT)
        return (long)old;
    uintptr_t old_end = page_up(old), new_end = page_up(addr);
    if (new_end < old_end) {
        vm_unmap(vm, new_end, old_end);
    } else if (new_end > old_end) {
        /* Like Linux: the new heap may not come within a page of the next mapping. */
        struct vm_region *next = vm_find_from(vm, old_end);
        uintptr_t limit = next ? next->start - ((next->flags & VR_GROWSDOWN) ? STACK_GUARD_GAP : 0) : USER_TOP;
        if (next && next->start < old_end)
            return (long)old;
        if (new_end > limit || new_end + PAGE_SIZE > limit || new_end > USER_TOP)
            return (long)old;
        /* Linux's do_brk_flags: the heap grows in place only while its lock is what
         * mlockall(MCL_FUTURE) asks for new memory; otherwise the growth is a region of its
         * own, locked (and faulted in) as that asks. */
        struct vm_region *heap = old_end > vm->start_brk ? vm_find(vm, old_end - 1) : NULL;
        if (heap && (heap->flags & VR_HEAP) && (heap->flags & VR_LOCK_MASK) == vm->lock_future) {
            vm_region_set_end(vm, heap, new_end);
        } else {
            heap = vm_map_region(vm, old_end, new_end, PROT_READ | PROT_WRITE, VR_HEAP | vm->lock_future,
                                 NULL, 0);
            if (!heap)
                return (long)old;
            strlcpy(heap->path, "[heap]", sizeof heap->path);
        }
        if (vr_faulted_in(vm->lock_future))
            vm_populate(vm, old_end, new_end);
    }
    vm->brk = addr;
    return (long)addr;
}

static struct file *mmap_file(int fd, unsigned flags, unsigned prot, long *err);

static long do_mmap(uintptr_t addr, size_t len, unsigned prot, unsigned flags, int fd, uint64_t off)
{
    struct vm *vm = current->vm;
    unsigned type = flags & MAP_TYPE;
    if (len == 0 || (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE))
        return -EINVAL;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
        return -EINVAL;
    /* Linux too: shared anonymous pages are found by index from the start, which growing
     * down would move below 0 (the fault would find no page and call it out of memory). */
    if (type != MAP_PRIVATE && (flags & MAP_ANONYMOUS) && (flags & MAP_GROWSDOWN))
        return -EINVAL;
    if (len > USER_TOP - MMAP_MIN)
        return -ENOMEM;
    len = page_up(len);
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    if (fixed) {
        if (addr & (PAGE_SIZE - 1))
            return -EINVAL;
        if (addr > USER_TOP - len)
            return -ENOMEM;
        if (addr < MMAP_MIN)
            return -EPERM;
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) && !range_free(vm, addr, addr + len))
            return -EEXIST;
    }

    struct file *file = NULL;
    if (!(flags & MAP_ANONYMOUS)) {
        long err;
        file = mmap_file(fd, flags, prot, &err);
        if (!file)
            return err;
    }

    if (!fixed) {
        uintptr_t hint = page_up(addr);     /* Linux's PAGE_ALIGN(addr): an unaligned hint rounds up */
        if (hint && hint >= MMAP_MIN && hint <= USER_TOP - len && hint_free(vm, hint, hint + len))
            addr = hint;
        else if (!(addr = vm_find_free(vm, len)))
            return file_put(file), -ENOMEM;
    } else if (vm_unmap(vm, addr, addr + len) < 0) {    /* MAP_FIXED replaces what was there */
        return file_put(file), -ENOMEM;
    }

    unsigned vr = type == MAP_PRIVATE ? 0 : VR_SHARED;
    struct shmem *pages = file && (vr & VR_SHARED) && file->ops->shared_memory
                              ? file->ops->shared_memory(file) : NULL;
    if (file && (vr & VR_SHARED) && ((file->flags & O_ACCMODE) != O_RDWR || !pages))
        vr |= VR_NO_WRITE;
    if (flags & MAP_GROWSDOWN)
        vr |= VR_GROWSDOWN;
    vr |= (flags & MAP_LOCKED) ? VR_LOCKED : vm->lock_future;
    struct vm_region *r = pages ? vm_map_shared(vm, addr, addr + len, prot, vr, pages, file, off)
                                : vm_map_region(vm, addr, addr + len, prot, vr, file, off);
    if (file)
        file_put(file);                      /* the region holds its own reference */
    if (!r)
        return -ENOMEM;
    if (file)
        vfs_describe(file, r->path, sizeof r->path);
    else if (r->shared)     /* Linux backs it with an unlinked file, and names it so */
        strlcpy(r->path, "/dev/zero (deleted)", sizeof r->path);
    else
        vm_region_merge(vm, r);
    if (((flags & MAP_POPULATE) && !(flags & MAP_NONBLOCK)) || vr_faulted_in(vr))
        vm_populate(vm, addr, addr + len);
    if (current->traced)
        kprintf("[%d %s] mmap region 0x%08x-0x%08x %c%c%c%c %s\n", current->pid, current->name,
                (unsigned)addr, (unsigned)(addr + len), prot & PROT_READ ? 'r' : '-',
                prot & PROT_WRITE ? 'w' : '-', prot & PROT_EXEC ? 'x' : '-', vr & VR_SHARED ? 's' : 'p',
                file ? "file" : "anonymous");
    return (long)addr;
}

/* The open file behind a file mapping, with a reference, or NULL and *err. */
static struct file *mmap_file(int fd, unsigned flags, unsigned prot, long *err)
{
    struct file *f = fd_get(current->files, fd);
    if (!f) {
        *err = -EBADF;
        return NULL;
    }
    unsigned mode = f->flags & O_ACCMODE;
    if (!f->ops->pread_kernel) {
        *err = -ENODEV;
    } else if (mode == O_WRONLY || ((flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE) && mode != O_RDWR)) {
        *err = -EACCES;
    } else if ((flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE) && !f->ops->shared_memory) {
        *err = -ENODEV;                 /* its pages could not be written back */
    } else {
        file_get(f);
        return f;
    }
    return NULL;
}

long sys_mmap2(uintptr_t addr, size_t len, unsigned prot, unsigned flags, int fd, unsigned pgoff)
{
    return do_mmap(addr, len, prot, flags, fd, (uint64_t)pgoff << PAGE_SHIFT);
}

/* The old i386 mmap takes one pointer to all six arguments. */
long sys_mmap(uintptr_t uargs)
{
    struct { uint32_t addr, len, prot, flags, fd, offset; } a;
    if (copy_from_user(&a, uargs, sizeof a) < 0)
        return -EFAULT;
    if (a.offset & (PAGE_SIZE - 1))
        return -EINVAL;
    return do_mmap(a.addr, a.len, a.prot, a.flags, (int)a.fd, a.offset);
}

static long check_range(uintptr_t addr, size_t len, uintptr_t *end)
{
    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    *end = addr + page_up(len);
    if (*end < addr || *end > USER_TOP || page_up(len) < len)
        return -EINVAL;
    return 0;
}

long sys_munmap(uintptr_t addr, size_t len)
{
    uintptr_t end;
    if (len == 0 || check_range(addr, len, &end) < 0)
        return -EINVAL;
    return vm_unmap(current->vm, addr, end);
}

/*
 * mprotect and madvise check their arguments in Linux's order (mm/mprotect.c
 * do_mprotect_pkey, mm/madvise.c do_madvise), because the order decides which
 * errno a call with several faults gets. Past the checks, any range is taken:
 * what no region covers (a hole, the kernel half, beyond the top) is ENOMEM.
 */
#define PROT_SEM 0x8    /* accepted and ignored, as on x86 Linux */

long sys_mprotect(uintptr_t addr, size_t len, unsigned prot)
{
    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    if (len == 0)
        return 0;
    uintptr_t end = addr + page_up(len);
    if (end <= addr)                    /* wraps, or the length rounds up to 0 */
        return -ENOMEM;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
        return -EINVAL;
    prot &= ~PROT_SEM;
    return vm_protect(current->vm, addr, end, prot);
}

long sys_madvise(uintptr_t addr, size_t len, int advice)
{
    switch (advice) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
    case MADV_DONTNEED: case MADV_FREE: case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
        break;
    default:
        return -EINVAL;
    }
    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    uintptr_t end = addr + page_up(len);
    if ((len && !page_up(len)) || end < addr)
        return -EINVAL;
    if (end == addr)
        return 0;
    /* Like Linux, a hole anywhere in the range makes the answer ENOMEM, after the advice
     * was applied to the mapped parts (populating stops at the first hole). Discarding stops
     * at a locked region, with EINVAL. */
    uintptr_t covered = addr, first_hole = end, first_locked = end;
    for (struct vm_region *r = vm_find_from(current->vm, addr); r && r->start < end; r = vm_next(current->vm, r)) {
        if (r->start > covered && first_hole == end)
            first_hole = covered;
        if ((r->flags & VR_LOCKED) && first_locked == end)
            first_locked = MAX(r->start, addr);
        covered = r->end;
    }
    if (covered < end && first_hole == end)
        first_hole = covered;
    long err = 0;
    if ((advice == MADV_DONTNEED || advice == MADV_FREE) && first_locked < end) {
        vm_discard(current->vm, addr, first_locked);
        return -EINVAL;
    }
    if (advice == MADV_DONTNEED || advice == MADV_FREE)
        err = vm_discard(current->vm, addr, end);
    else if (advice == MADV_POPULATE_READ || advice == MADV_POPULATE_WRITE)
        err = vm_populate(current->vm, addr, first_hole);     /* fault the pages in now, in one call */
    return err ? err : first_hole < end ? -ENOMEM : 0;
}

/* Move the present pages of [old, old+len) to new (an empty range). */
static void move_pages(struct vm *vm, uintptr_t old, uintptr_t new, size_t len, unsigned mmu_flags)
{
    for (size_t off = 0; off < len; off += PAGE_SIZE) {
        paddr_t pa;
        unsigned flags;
        if (!arch_mmu_query(&vm->as, old + off, &pa, &flags))
            continue;
        arch_mmu_unmap(&vm->as, old + off, NULL);
        if (pa != zero_page())
            vm->rss--;
        bool ok;
        vm_map_page(vm, new + off, pa, (flags & MMU_WRITE) ? mmu_flags : (mmu_flags & ~MMU_WRITE), &ok);
        if (!ok)
            release_frame(pa);      /* out of page tables: the page reads as zero again */
    }
}

long sys_mremap(uintptr_t old, size_t old_len, size_t new_len, unsigned flags, uintptr_t new_addr)
{
    struct vm *vm = current->vm;
    bool fixed = flags & MREMAP_FIXED;
    if ((old & (PAGE_SIZE - 1)) || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
        (fixed && !(flags & MREMAP_MAYMOVE)))
        return -EINVAL;
    old_len = page_up(old_len);
    new_len = page_up(new_len);
    if (new_len == 0 || new_len > USER_TOP - MMAP_MIN)
        return -EINVAL;
    if (fixed && ((new_addr & (PAGE_SIZE - 1)) || new_addr > USER_TOP - new_len ||
                  (new_addr < old + old_len && old < new_addr + new_len)))
        return -EINVAL;                              /* unaligned, or overlapping the old range */
    if (fixed && new_addr < MMAP_MIN)
        return -EPERM;                               /* as mmap: page 0 stays unmapped */
    struct vm_region *r = vm_find(vm, old);
    if (!r || old_len > r->end - old)                /* (old + old_len could wrap) */
        return -EFAULT;
    if (old_len == 0 && (!r->shared || !(flags & MREMAP_MAYMOVE)))
        return -EINVAL;                              /* only shared memory can be mapped twice */
    if (old_len && !fixed && new_len <= old_len) {
        vm_unmap(vm, old + new_len, old + old_len);
        return (long)old;
    }
    if (old_len && !fixed && old + old_len == r->end && new_len <= USER_TOP - old &&
        range_free(vm, r->end, old + new_len)) {
        vm_region_set_end(vm, r, old + new_len);    /* grow in place */
        if (vr_faulted_in(r->flags))
            vm_populate(vm, old + old_len, old + new_len);
        return (long)old;
    }
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    uintptr_t dest = new_addr;
    if (fixed)
        vm_unmap(vm, dest, dest + new_len);          /* MREMAP_FIXED replaces what was there */
    else if (!(dest = vm_find_free(vm, new_len)))
        return -ENOMEM;
    r = vm_find(vm, old);                            /* the unmap may have split regions */
    struct vm_region *n = vm_region_copy_at(vm, r, dest, dest + new_len, r->offset + (old - r->start));
    if (!n)
        return -ENOMEM;
    if (!old_len)                                    /* a second mapping of the same pages */
        return (long)dest;
    size_t moved = MIN(old_len, new_len);
    move_pages(vm, old, dest, moved, region_mmu_flags(n, true));
    vm_unmap(vm, old, old + old_len);
    if (vr_faulted_in(n->flags) && new_len > moved)
        vm_populate(vm, dest + moved, dest + new_len);
    return (long)dest;
}

/* Is the page at va in memory? Present in the page tables (the zero page too, as on Linux);
 * else a shared page another process made, or a page of the file's contents: the files here
 * live in memory, as if all were in the page cache (a page wholly past the file's end is
 * not: Linux's page cache has none there). Untouched private anonymous pages are not. */
static unsigned char resident(struct vm *vm, struct vm_region *r, uintptr_t va)
{
    if (arch_mmu_query(&vm->as, va, NULL, NULL))
        return 1;
    if (r->shared)
        return shmem_has(r->shared, (size_t)((r->offset + (va - r->start)) / PAGE_SIZE));
    struct kstat st;
    if (!r->file || !r->file->ops->stat || r->file->ops->stat(r->file, &st) != 0)
        return 0;
    return r->offset + (va - r->start) < st.size;
}

/* mincore: one byte per page of [addr, addr+len), 1 when the page is in memory. A hole is
 * ENOMEM; the bytes for the pages before it are written, as Linux's loop writes them. */
long sys_mincore(uintptr_t addr, size_t len, uintptr_t uvec)
{
    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    uintptr_t end = addr + page_up(len);
    if (end < addr || (len && end == addr) || end > USER_TOP)
        return -ENOMEM;
    if (!user_range_ok(uvec, (end - addr) / PAGE_SIZE))
        return -EFAULT;
    struct vm *vm = current->vm;
    unsigned char buf[64];
    size_t n = 0;
    for (uintptr_t va = addr; va < end; va += PAGE_SIZE) {
        struct vm_region *r = vm_find(vm, va);
        if (!r)
            return n && copy_to_user(uvec, buf, n) < 0 ? -EFAULT : -ENOMEM;
        buf[n++] = resident(vm, r, va);
        if (n == sizeof buf || va + PAGE_SIZE == end) {
            if (copy_to_user(uvec, buf, n) < 0)
                return -EFAULT;
            uvec += n;
            n = 0;
        }
    }
    return 0;
}

/* msync: nothing to write back (a shared mapping of a tmpfs file is the file's own pages, other
 * shared file mappings are read-only, and a private mapping never goes back to its file), so
 * only the questions: the flags, the alignment, and a range wholly mapped (ENOMEM otherwise). */
long sys_msync(uintptr_t addr, size_t len, int flags)
{
    if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || (addr & (PAGE_SIZE - 1)) ||
        ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return -EINVAL;
    uintptr_t end = addr + page_up(len);
    if (end < addr)
        return -ENOMEM;
    for (uintptr_t at = addr; at < end;) {
        struct vm_region *r = vm_find(current->vm, at);
        if (!r)
            return -ENOMEM;
        at = r->end;
    }
    return 0;
}
