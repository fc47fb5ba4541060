/* What the boot loader told us, copied out of its structures before they can be overwritten. */
#ifndef BOOT_H
#define BOOT_H

#include <kernel.h>
#include <arch/memlayout.h>

#define BOOT_MAX_RANGES   32
#define BOOT_MAX_MODULES  8

enum mem_type { MEM_USABLE = 1, MEM_RESERVED = 2, MEM_ACPI = 3, MEM_NVS = 4, MEM_BAD = 5 };

struct mem_range {
    uint64_t base, length;
    uint32_t type;                 /* enum mem_type, as the firmware's E820 map says */
};

struct boot_module {
    paddr_t start, end;            /* physical, end exclusive */
    char name[64];                 /* the module's command line (GRUB) or file name (QEMU) */
};

struct boot_info {
    char cmdline[256];
    const char *loader;            /* boot loader name, when given */
    struct mem_range ranges[BOOT_MAX_RANGES];
    int nranges;
    struct boot_module modules[BOOT_MAX_MODULES];
    int nmodules;
};

extern struct boot_info boot_info;

/* Parse the loader's data into boot_info (arch code: Multiboot on x86). */
void arch_parse_boot_info(uint32_t magic, paddr_t info);
/* Extra command-line words handed in by the emulator (QEMU fw_cfg opt/pagewise/cmdline). */
void arch_read_extra_cmdline(char *buf, size_t size);

/* "word" or "word=value" present on the command line? Returns the value ("" for a bare word). */
const char *boot_option(const char *name);

#endif
