/*
 * What /proc shows of an address space, in Linux's formats (proc(5)): the memory lines of
 * /proc/<pid>/status, /proc/<pid>/maps, /proc/<pid>/stat and /proc/<pid>/pagemap.
 */
#include <errno.h>
#include <pmm.h>
#include <procfs.h>
#include <proc.h>
#include <timer.h>
#include <uaccess.h>
#include <vfs.h>
#include <vm.h>
#include "vm_internal.h"

#define KB(pages) ((unsigned long)(pages) * (PAGE_SIZE / 1024))

static size_t exec_pages(struct vm *vm)
{
    size_t n = 0;
    for (struct vm_region *r = vm_find_from(vm, 0); r; r = vm_next(vm, r))
        if ((r->prot & PROT_EXEC) && !(r->prot & PROT_WRITE) && !(r->flags & VR_STACK))
            n += (r->end - r->start) / PAGE_SIZE;
    return n;
}

/* A region's line of maps: "start-end perms offset dev inode   path". */
static void maps_line(struct vm_region *r, struct pbuf *b)
{
    uint64_t ino = 0;
    struct kstat st;
    if (r->file && r->file->ops->stat && r->file->ops->stat(r->file, &st) == 0)
        ino = st.ino;
    int start = (int)b->len;
    pbuf_printf(b, "%08x-%08x %c%c%c%c %08llx %02x:%02x %llu", (unsigned)r->start, (unsigned)r->end,
                r->prot & PROT_READ ? 'r' : '-', r->prot & PROT_WRITE ? 'w' : '-',
                r->prot & PROT_EXEC ? 'x' : '-', r->flags & VR_SHARED ? 's' : 'p',
                r->file ? (unsigned long long)r->offset : 0ull, 0u, r->file ? 1u : 0u,
                (unsigned long long)ino);
    if (r->path[0]) {
        int used = (int)b->len - start;
        pbuf_printf(b, "%*s%s", used < 49 ? 49 - used : 1, "", r->path);
    }
    pbuf_printf(b, "\n");
}

void vm_show_maps(struct proc *p, struct pbuf *b)
{
    struct vm *vm = p->vm;
    if (!vm)
        return;
    for (struct vm_region *r = vm_find_from(vm, 0); r; r = vm_next(vm, r))
        maps_line(r, b);
}

/*
 * /proc/<pid>/smaps: each region's maps line, then what of it is in memory, in Linux's
 * fields (proc(5)). A page counts once it has a frame of its own (the shared zero page does
 * not, as in VmRSS). Shared_* are frames another mapping also has (copy-on-write after fork,
 * shared memory), Private_* the others; Pss gives each page's 4 kB divided among its
 * mappings, so the Pss of all processes adds up to the memory they use. A page is dirty
 * when written since it was filled (the MMU's dirty bit), or when it is anonymous memory,
 * which has nowhere to be read back from. Anonymous counts private memory that no file
 * backs: zero-filled pages, and pages of a private file mapping once written. The fields
 * pagewise has no use for (huge pages, swap) are there, 0, for the programs that read them.
 */
struct smaps_sums {
    size_t rss, shared_clean, shared_dirty, private_clean, private_dirty, anon;
    uint64_t pss, pss_dirty;        /* in 1/4096 kB, to keep the fractions */
};

static void region_sums(struct vm *vm, struct vm_region *r, struct smaps_sums *s)
{
    /* (va below start: the candidate wrapped past the top) */
    for (uintptr_t va = r->start; va >= r->start && va < r->end;
         va = arch_mmu_next_candidate(&vm->as, va + PAGE_SIZE)) {
        paddr_t pa;
        if (!arch_mmu_query(&vm->as, va, &pa, NULL) || pa == zero_page())
            continue;
        unsigned maps = frame_mappings(pa);
        bool dirty = !r->file || arch_mmu_dirty(&vm->as, va);
        s->rss++;
        /* A written page of a private file mapping is, on Linux, a copy-on-write copy: anonymous. */
        s->anon += !r->shared && (!r->file || (dirty && !(r->flags & VR_SHARED)));
        s->pss += maps ? 4096u * 4 / maps : 0;
        s->pss_dirty += maps && dirty ? 4096u * 4 / maps : 0;
        if (maps > 1)
            *(dirty ? &s->shared_dirty : &s->shared_clean) += 1;
        else
            *(dirty ? &s->private_dirty : &s->private_clean) += 1;
    }
}

void procfs_status_vm(struct proc *p, struct pbuf *b)
{
    struct vm *vm = p->vm;
    if (!vm)
        return;                        /* a zombie has no memory left */
    pbuf_printf(b, "VmSize:\t%8lu kB\n", KB(vm_total_pages(vm)));
    pbuf_printf(b, "VmLck:\t%8lu kB\n", KB(vm_locked_pages(vm)));
    pbuf_printf(b, "VmHWM:\t%8lu kB\n", KB(vm->hwm));
    pbuf_printf(b, "VmRSS:\t%8lu kB\n", KB(vm->rss));
    /* VmRSS split as Linux splits it: shared memory, file pages not written (a private file
     * mapping's copies read as the file's, as in smaps), and the rest, anonymous. */
    struct smaps_sums all = { 0 };
    size_t shmem = 0;
    for (struct vm_region *r = vm_find_from(vm, 0); r; r = vm_next(vm, r)) {
        size_t before = all.rss;
        region_sums(vm, r, &all);
        shmem += r->shared ? all.rss - before : 0;
    }
    pbuf_printf(b, "RssAnon:\t%8lu kB\n", KB(all.anon));
    pbuf_printf(b, "RssFile:\t%8lu kB\n", KB(all.rss - all.anon - shmem));
    pbuf_printf(b, "RssShmem:\t%8lu kB\n", KB(shmem));
    pbuf_printf(b, "VmData:\t%8lu kB\n", KB(vm_data_pages(vm)));
    pbuf_printf(b, "VmStk:\t%8lu kB\n", KB(vm_stack_pages(vm)));
    pbuf_printf(b, "VmExe:\t%8lu kB\n", KB(exec_pages(vm)));
    pbuf_printf(b, "VmLib:\t%8lu kB\n", 0ul);
    /* Linux's VmPTE for i386's two levels: the page tables, not the directory. */
    pbuf_printf(b, "VmPTE:\t%8lu kB\n", KB(arch_aspace_table_pages(&vm->as) - 1));
    pbuf_printf(b, "VmSwap:\t%8lu kB\n", 0ul);
}

void vm_show_smaps(struct proc *p, struct pbuf *b)
{
    struct vm *vm = p->vm;
    if (!vm)
        return;
    for (struct vm_region *r = vm_find_from(vm, 0); r; r = vm_next(vm, r)) {
        struct smaps_sums s = { 0 };
        region_sums(vm, r, &s);
        maps_line(r, b);
        unsigned long size = (unsigned long)((r->end - r->start) / 1024);
        const struct { const char *name; unsigned long kb; } f[] = {
            { "Size", size }, { "KernelPageSize", 4 }, { "MMUPageSize", 4 },
            { "Rss", KB(s.rss) }, { "Pss", (unsigned long)(s.pss / 4096) },
            { "Pss_Dirty", (unsigned long)(s.pss_dirty / 4096) },
            { "Shared_Clean", KB(s.shared_clean) }, { "Shared_Dirty", KB(s.shared_dirty) },
            { "Private_Clean", KB(s.private_clean) }, { "Private_Dirty", KB(s.private_dirty) },
            { "Referenced", KB(s.rss) }, { "Anonymous", KB(s.anon) }, { "LazyFree", 0 },
            { "AnonHugePages", 0 }, { "ShmemPmdMapped", 0 }, { "FilePmdMapped", 0 },
            { "Shared_Hugetlb", 0 }, { "Private_Hugetlb", 0 }, { "Swap", 0 }, { "SwapPss", 0 },
            { "Locked", r->flags & VR_LOCKED ? KB(s.rss) : 0 },
        };
        for (size_t i = 0; i < ARRAY_SIZE(f); i++)
            pbuf_printf(b, "%s:%*s%8lu kB\n", f[i].name, (int)(15 - strlen(f[i].name)), "", f[i].kb);
        pbuf_printf(b, "THPeligible:%*s%8d\n", 3, "", 0);
        /* Linux's two-letter flags, those that mean something here. Shared memory the region
         * may never write is "ms" only, without "sh" and "mw", as Linux clears VM_SHARED and
         * VM_MAYWRITE for it. */
        bool shared = r->flags & VR_SHARED, may_write = !(r->flags & VR_NO_WRITE);
        pbuf_printf(b, "VmFlags: %s%s%s%smr %sme %s%s%s%s\n", r->prot & PROT_READ ? "rd " : "",
                    r->prot & PROT_WRITE ? "wr " : "", r->prot & PROT_EXEC ? "ex " : "",
                    shared && may_write ? "sh " : "", may_write ? "mw " : "", shared ? "ms " : "",
                    r->flags & VR_GROWSDOWN ? "gd " : "", r->flags & VR_LOCKED ? "lo " : "",
                    !shared && (r->prot & PROT_WRITE) ? "ac " : "");
    }
}

/* /proc/<pid>/stat: the 52 fields of proc(5), in order; what pagewise has not got is 0. The
 * state is the thread's, the figures are the process's (all its threads'). */
void vm_show_stat(struct proc *t, struct pbuf *b)
{
    struct vm *vm = t->vm;
    struct proc *p = proc_group(t);
    char state = proc_exited(t) ? 'Z' : proc_held_stopped(t) ? 'T' : t->state == PROC_SLEEPING ? 'S' : 'R';
    unsigned long vsize = vm ? vm_total_pages(vm) * PAGE_SIZE : 0, rss = vm ? vm->rss : 0;
    pbuf_printf(b, "%d (%s) %c %d %d %d 0 -1 0 %lu %lu %lu %lu ", t->pid, t->name, state,
                p->parent ? p->parent->pid : 0, p->pgid, p->sid,
                p->minflt, p->child_minflt, p->majflt, p->child_majflt);
    pbuf_printf(b, "%llu %llu %llu %llu 20 0 %d 0 %llu %lu %lu 4294967295 ",
                p->user_ticks, p->kernel_ticks, p->child_user_ticks, p->child_kernel_ticks,
                MAX(proc_live_threads(p), 1), p->start_tick, vsize, rss);
    /* startcode endcode startstack ... exit_signal ... start_data end_data start_brk arg_start
     * arg_end env_start env_end exit_code */
    pbuf_printf(b, "0 0 %lu 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 %lu %lu %lu 0 0 %d\n",
                vm ? (unsigned long)vm->stack_top : 0ul, vm ? (unsigned long)vm->start_brk : 0ul,
                vm ? (unsigned long)vm->arg_start : 0ul, vm ? (unsigned long)vm->arg_end : 0ul,
                p->state == PROC_ZOMBIE ? p->exit_status : 0);
}

/* The argument strings, NUL after each, as the process's own memory holds them now. */
void vm_show_cmdline(struct proc *p, struct pbuf *b)
{
    struct vm *vm = p->vm;
    if (!vm || vm->arg_end <= vm->arg_start)
        return;
    char chunk[128];
    for (uintptr_t a = vm->arg_start; a < vm->arg_end;) {
        size_t got = vm_read(vm, a, chunk, MIN(sizeof chunk, vm->arg_end - a));
        if (!got)
            break;
        for (size_t i = 0; i < got; i++)
            pbuf_printf(b, "%c", chunk[i]);
        a += got;
    }
}

/*
 * /proc/<pid>/pagemap (Linux's Documentation/admin-guide/mm/pagemap.rst): for each virtual
 * page, at offset (address / 4096) * 8, a 64-bit word: bit 63 the page is present, bits 0-54
 * its physical frame number, bit 56 this is the frame's only mapping, bit 61 it is shared
 * memory (Linux: a file's page, shared memory included). A page not present, or not mapped
 * at all, reads 0. The frame numbers are shown to everyone: everyone here is root, whom Linux
 * shows them to. So the whole road can be followed to physical memory: two processes sharing
 * a page after fork read the same frame, the shared zero page is one frame for all.
 * A private file mapping's page is the process's own copy from its first touch here (there
 * is no page cache), so it reads as anonymous memory, where Linux would say "file" until the
 * page is written.
 */
#define PM_PRESENT   (1ull << 63)
#define PM_FILE      (1ull << 61)
#define PM_EXCLUSIVE (1ull << 56)

static uint64_t pagemap_entry(uint64_t page, void *arg)
{
    struct vm *vm = arg;
    uintptr_t va = (uintptr_t)(page * PAGE_SIZE);
    struct vm_region *r = vm_find(vm, va);
    paddr_t pa;
    if (!r || !arch_mmu_query(&vm->as, va, &pa, NULL))
        return 0;
    uint64_t e = PM_PRESENT | (uint64_t)(pa >> PAGE_SHIFT);
    if (pa == zero_page())
        return e;                                   /* no one's alone, as Linux's zero page */
    if (r->shared || (r->file && (r->flags & VR_SHARED)))
        e |= PM_FILE;
    return frame_mappings(pa) == 1 ? e | PM_EXCLUSIVE : e;
}

long vm_read_pagemap(struct proc *p, struct file *f, uintptr_t ubuf, size_t n)
{
    /* A zombie's memory is gone: nothing to read; nothing past the user half. */
    return procfs_read_entries(f, ubuf, n, p->vm ? USER_TOP / PAGE_SIZE : 0, pagemap_entry, p->vm);
}
