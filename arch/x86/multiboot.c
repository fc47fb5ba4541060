/*
 * Multiboot v1: turn the boot loader's information structure into struct boot_info.
 * Spec: Multiboot Specification 0.6.96, section 3.3 "Boot information format".
 * Everything is copied: the loader's structures sit in memory the frame allocator will reuse.
 */
#include <boot.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002u

#define MBI_MEM        (1u << 0)
#define MBI_CMDLINE    (1u << 2)
#define MBI_MODS       (1u << 3)
#define MBI_MMAP       (1u << 6)
#define MBI_LOADER     (1u << 9)

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;          /* KiB below 1 MiB and above it */
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr;
    uint32_t config_table;
    uint32_t boot_loader_name;
} __attribute__((packed));

struct multiboot_module {
    uint32_t start, end, string, reserved;
} __attribute__((packed));

/* "size" does not count itself: the next entry is at entry + size + 4. */
struct multiboot_mmap_entry {
    uint32_t size;
    uint64_t base, length;
    uint32_t type;
} __attribute__((packed));

struct boot_info boot_info;
static char loader_name[64];

void arch_parse_boot_info(uint32_t magic, paddr_t info_pa)
{
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
        panic("not started by a Multiboot loader (eax=%#x)", magic);
    /* The boot page directory maps the first 768 MiB, which is where loaders put these. */
    const struct multiboot_info *mbi = phys_to_virt(info_pa);

    if (mbi->flags & MBI_CMDLINE)
        strlcpy(boot_info.cmdline, phys_to_virt(mbi->cmdline), sizeof boot_info.cmdline);
    if (mbi->flags & MBI_LOADER) {
        strlcpy(loader_name, phys_to_virt(mbi->boot_loader_name), sizeof loader_name);
        boot_info.loader = loader_name;
    }

    if (mbi->flags & MBI_MMAP) {
        uintptr_t p = (uintptr_t)phys_to_virt(mbi->mmap_addr);
        uintptr_t end = p + mbi->mmap_length;
        while (p < end && boot_info.nranges < BOOT_MAX_RANGES) {
            const struct multiboot_mmap_entry *e = (const void *)p;
            struct mem_range *r = &boot_info.ranges[boot_info.nranges++];
            r->base = e->base;
            r->length = e->length;
            r->type = e->type;
            p += e->size + 4;
        }
    } else if (mbi->flags & MBI_MEM) {
        /* No map: the two figures describe low memory and the block from 1 MiB up. */
        boot_info.ranges[0] = (struct mem_range){ 0, (uint64_t)mbi->mem_lower * 1024, MEM_USABLE };
        boot_info.ranges[1] = (struct mem_range){ 0x100000, (uint64_t)mbi->mem_upper * 1024, MEM_USABLE };
        boot_info.nranges = 2;
    } else {
        panic("the boot loader gave no memory information");
    }

    if (mbi->flags & MBI_MODS) {
        const struct multiboot_module *m = phys_to_virt(mbi->mods_addr);
        for (uint32_t i = 0; i < mbi->mods_count && i < BOOT_MAX_MODULES; i++) {
            struct boot_module *b = &boot_info.modules[boot_info.nmodules++];
            b->start = m[i].start;
            b->end = m[i].end;
            if (m[i].string)
                strlcpy(b->name, phys_to_virt(m[i].string), sizeof b->name);
        }
    }
}
