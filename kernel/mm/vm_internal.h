/* Between the files of kernel/mm: page-level helpers and the layout constants. */
#ifndef VM_INTERNAL_H
#define VM_INTERNAL_H

#include <shmem.h>
#include <vm.h>

#define MMAP_BASE  (USER_TOP - 128u * MiB)   /* Linux i386: TASK_SIZE minus the 128 MiB minimum gap */
#define MMAP_MIN   0x10000u                   /* vm.mmap_min_addr's default */
#define STACK_GUARD_GAP (256u * PAGE_SIZE)    /* Linux's stack_guard_gap */
/* Linux's vm.max_map_count: regions cost the kernel memory but the process no resident page,
 * so the OOM killer would not blame it; past this many, new regions are ENOMEM. */
#define MAX_MAP_COUNT 65530u

static inline struct vm_region *region_of(struct avl_node *n)
{
    return n ? container_of(n, struct vm_region, node) : NULL;
}

/* The region tree (region.c). */
struct vm_region *vm_prev(struct vm *vm, struct vm_region *r);
void vm_region_insert(struct vm *vm, struct vm_region *r);
void vm_region_remove(struct vm *vm, struct vm_region *r);
void vm_region_free(struct vm_region *r);
/* A copy of r for address space vm (a split: r's own; fork: the child's). */
struct vm_region *vm_region_copy(const struct vm_region *r, struct vm *vm);
/* A region at [start, end) of vm (which must be free) that maps what r maps, from offset: the
 * same file or shared memory (its owner hears of it, as of a fork's copy), protection, name.
 * NULL when out of memory or regions. */
struct vm_region *vm_region_copy_at(struct vm *vm, const struct vm_region *r, uintptr_t start,
                                    uintptr_t end, uint64_t offset);
struct vm_region *vm_try_merge(struct vm *vm, struct vm_region *r);
/* Make region boundaries fall at start and end; false when out of memory. */
bool vm_split_at_bounds(struct vm *vm, uintptr_t start, uintptr_t end);
struct vm_region *vm_region_merge(struct vm *vm, struct vm_region *r);
/* Change where r ends (keeps the tree's record of holes right). */
void vm_region_set_end(struct vm *vm, struct vm_region *r, uintptr_t end);
/* Move r's start (the stack growing down); the tree is keyed by start. */
void vm_region_rekey(struct vm *vm, struct vm_region *r, uintptr_t new_start);
unsigned region_mmu_flags(const struct vm_region *r, bool writable);

/* Map pa at va (the caller owns one reference to pa, which the mapping takes over). *ok is
 * false when a page table could not be allocated. Keeps rss and hwm. */
void vm_map_page(struct vm *vm, uintptr_t va, paddr_t pa, unsigned mmu_flags, bool *ok);
void vm_release_pages(struct vm *vm, uintptr_t start, uintptr_t end);
void release_frame(paddr_t pa);
/* fork: share r's present pages between parent and child, copy-on-write where private. */
bool vm_copy_pages(struct vm *parent, struct vm *child, struct vm_region *r);

/* How many page-table entries map frame pa (kpage.c): its references for a private page, less
 * the one shared memory's object holds; 0 for the zero page and the kernel's frames. smaps,
 * pagemap and kpagecount all ask. */
unsigned frame_mappings(paddr_t pa);

#endif
