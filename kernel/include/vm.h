/*
 * Address spaces: a set of regions (start, end, protection, what backs them) in an AVL tree,
 * over the arch page tables. Regions only describe; pages arrive through faults (vm_fault),
 * or through vm_populate. Linux's mm/mmap.c and mm/memory.c are the model.
 */
#ifndef VM_H
#define VM_H

#include <avl.h>
#include <kernel.h>
#include <arch/mmu.h>

struct file;

/* Protection and flags: Linux's values (man 2 mmap). */
#include <abi/mman.h>

/* Region kinds, for /proc/<pid>/maps labels and accounting. */
#define VR_SHARED      0x1        /* writes are seen by every mapping of the same memory */
#define VR_GROWSDOWN   0x2        /* the stack: faults just below extend it */
#define VR_HEAP        0x4        /* [start_brk, brk) */
#define VR_STACK       0x8
#define VR_LOCKED      0x10       /* mlock: faulted in when locked, and whenever it grows */
#define VR_LOCKONFAULT 0x20       /* with VR_LOCKED: locked, but pages come as they are touched */
#define VR_LOCK_MASK   (VR_LOCKED | VR_LOCKONFAULT)
#define VR_NO_WRITE    0x40       /* shared memory this mapping may not write, ever (a file opened
                                     read-only, a SHM_RDONLY attach): Linux's missing VM_MAYWRITE */

/* Region flags that say locked and not on-fault: its pages are faulted in as soon as it has
 * them (when locked, made, or grown). */
static inline bool vr_faulted_in(unsigned flags) { return (flags & VR_LOCK_MASK) == VR_LOCKED; }

/* Frames shared by MAP_SHARED|MAP_ANONYMOUS mappings across fork: page index -> frame. */
struct shmem;

/* What a region's owner hears of its life (Linux's vm_operations_struct open/close): open when
 * the region is copied (fork, a split), close before it is freed. Regions with a close are
 * never merged: each one counts (System V shared memory's attach count, as on Linux). */
struct vm_region;
struct vm_region_ops {
    void (*open)(struct vm_region *r);
    void (*close)(struct vm_region *r);
};

struct vm_region {
    struct avl_node node;         /* key = start */
    uintptr_t start, end;         /* page aligned, end exclusive */
    unsigned prot;                /* PROT_* */
    unsigned flags;               /* VR_* */
    struct file *file;            /* NULL: anonymous */
    uint64_t offset;              /* file offset of start */
    uint64_t file_end;            /* file bytes beyond this offset read as zero (ELF bss) */
    struct shmem *shared;         /* shared memory (shmem.h): MAP_SHARED anonymous or of a tmpfs
                                     file, System V */
    struct vm *vm;                /* the address space it is in */
    struct vm_region *shmem_next, **shmem_pprev;   /* the other regions that map shared */
    const struct vm_region_ops *ops;   /* NULL for most */
    void *owner;                  /* ops' own (a System V segment) */
    char path[48];                /* what /proc/<pid>/maps names it */
};

struct vm {
    struct arch_aspace as;
    struct avl_tree regions;
    size_t nregions;
    uintptr_t start_brk, brk;     /* the heap region covers [start_brk, page_up(brk)) */
    uintptr_t mmap_base;          /* mmap allocates top-down below this */
    uintptr_t stack_top;
    size_t rss, hwm;              /* resident pages now and at most (zero page not counted) */
    uintptr_t arg_start, arg_end; /* argv strings on the initial stack: /proc/<pid>/cmdline */
    size_t stack_pages_limit;
    unsigned lock_future;         /* mlockall(MCL_FUTURE): VR_LOCK_MASK bits for new regions */
};

#define STACK_LIMIT     (8u * MiB)      /* RLIMIT_STACK default */
#define STACK_GAP       (STACK_LIMIT + 128u * MiB)  /* mmap stays this far below the stack top */

static inline uintptr_t page_down(uintptr_t a) { return a & ~(uintptr_t)(PAGE_SIZE - 1); }
static inline uintptr_t page_up(uintptr_t a) { return (a + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1); }

struct vm *vm_new(void);                           /* empty user half; NULL when out of memory */
void vm_free(struct vm *vm);                       /* unmap everything, give back every frame */
struct vm *vm_clone(struct vm *vm);                /* fork: copy-on-write */
void vm_activate(struct vm *vm);

/* The region containing addr, or NULL. */
struct vm_region *vm_find(struct vm *vm, uintptr_t addr);
/* The first region ending above addr (containing it or after it), or NULL. */
struct vm_region *vm_find_from(struct vm *vm, uintptr_t addr);
/* The memory at addr as every process that maps it names it: its shared memory object and
 * the byte offset in that (a futex key across processes, Linux's inode and page index); NULL
 * when addr is not in shared memory (MAP_SHARED anonymous, System V). */
const void *vm_shmem_at(struct vm *vm, uintptr_t addr, uintptr_t *offset);
struct vm_region *vm_next(struct vm *vm, struct vm_region *r);

/* Create a region at [start, end) (must be free). Returns it, or NULL when out of memory or
 * the process has MAX_MAP_COUNT regions already. */
struct vm_region *vm_map_region(struct vm *vm, uintptr_t start, uintptr_t end, unsigned prot,
                                unsigned flags, struct file *file, uint64_t offset);
/* The same for a region over an existing shared memory object (a System V segment, a tmpfs
 * file's pages, with file for its name): offset is the object's byte offset at start; the
 * region takes its own references. */
struct vm_region *vm_map_shared(struct vm *vm, uintptr_t start, uintptr_t end, unsigned prot,
                                unsigned flags, struct shmem *obj, struct file *file, uint64_t offset);
/* shared (a region maps it) shrank to size: the pages of r wholly past the end leave its page
 * table, so the next touch there is SIGBUS, as Linux's unmap_mapping_range makes it. */
void vm_shmem_shrunk(struct vm_region *r, uint64_t size);
/* Remove [start, end): regions are split as needed, pages and frames released. */
int vm_unmap(struct vm *vm, uintptr_t start, uintptr_t end);
/* Change protection of [start, end), which must be fully mapped (-ENOMEM otherwise). */
int vm_protect(struct vm *vm, uintptr_t start, uintptr_t end, unsigned prot);
/* Drop the pages of [start, end) (MADV_DONTNEED): anonymous private memory reads zero again. */
int vm_discard(struct vm *vm, uintptr_t start, uintptr_t end);
/* Copy from another address space's resident pages (never faults one in): bytes copied. */
size_t vm_read(struct vm *vm, uintptr_t uaddr, void *buf, size_t n);
/* Write n bytes at uaddr of vm, which need not be the current address space (clone's
 * CLONE_CHILD_SETTID writes into the child's): pages are faulted in for writing as a write
 * by the process would (copy-on-write broken, zero-filled). 0, or -EFAULT where a write by
 * the process would have failed. */
int vm_write(struct vm *vm, uintptr_t uaddr, const void *buf, size_t n);
/* Read or write n bytes at uaddr of vm as the process's own accesses would, faulting pages in
 * (a read of untouched memory gives zeros, a write breaks copy-on-write), up to the first page
 * the process could not touch: the bytes done. */
size_t vm_access(struct vm *vm, uintptr_t uaddr, void *buf, size_t n, bool write);
/* A free range of len bytes, top-down below mmap_base; 0 when none. */
uintptr_t vm_find_free(struct vm *vm, size_t len);
/* Fault in every page of [start, end) as a write (if writable) or read would. */
int vm_populate(struct vm *vm, uintptr_t start, uintptr_t end);
/* mlock.c: the pages of locked regions (VmLck). */
size_t vm_locked_pages(struct vm *vm);

/* The page-fault handler's answer; the arch trap code decides what it means. */
enum fault_result {
    FAULT_HANDLED,
    FAULT_SEGV_MAPERR,      /* no region there: SIGSEGV, SEGV_MAPERR */
    FAULT_SEGV_ACCERR,      /* the region forbids it: SIGSEGV, SEGV_ACCERR */
    FAULT_BUS,              /* a file mapping beyond the end of the file: SIGBUS */
    FAULT_OOM,              /* no frame could be had */
};

#define FAULT_WRITE   0x1
#define FAULT_PRESENT 0x2   /* the page was present: a protection fault */
#define FAULT_USER    0x4
#define FAULT_EXEC    0x8

enum fault_result vm_fault(struct vm *vm, uintptr_t addr, unsigned access);

/* Sizes for /proc and getrusage, in pages. */
size_t vm_total_pages(struct vm *vm);
size_t vm_data_pages(struct vm *vm);     /* private writable, non-stack: Linux's VmData */
size_t vm_stack_pages(struct vm *vm);

/* /proc/<pid>/maps and /proc/<pid>/stat (kernel/mm/procfs_vm.c). */
struct proc;
struct pbuf;
void vm_show_maps(struct proc *p, struct pbuf *b);
void vm_show_smaps(struct proc *p, struct pbuf *b);
void vm_show_cmdline(struct proc *p, struct pbuf *b);
void vm_show_stat(struct proc *p, struct pbuf *b);
/* /proc/<pid>/pagemap: n bytes (whole 8-byte entries) from the file's position, to ubuf. */
struct file;
long vm_read_pagemap(struct proc *p, struct file *f, uintptr_t ubuf, size_t n);
/* /proc/meminfo and /proc/vmstat (meminfo.c), and the events vmstat counts since boot. */
void vm_show_meminfo(struct pbuf *b, void *arg);
void vm_show_vmstat(struct pbuf *b, void *arg);
struct vm_events {
    unsigned long long pgfault, pgmajfault;   /* every page fault handled; the file reads */
};
extern struct vm_events vm_events;

/* /proc/kpagecount and /proc/kpageflags (kpage.c): each physical frame's mappings and kind. */
long kpagecount_read(struct file *f, uintptr_t ubuf, size_t n);
long kpageflags_read(struct file *f, uintptr_t ubuf, size_t n);

/* The shared zero page: mapped read-only for read faults on untouched anonymous memory. */
paddr_t zero_page(void);

#endif
