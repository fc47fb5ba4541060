/* kmain: the first C code. Brings the machine up in dependency order, then runs what was asked. */
#include <boot.h>
#include <kernel.h>
#include <kheap.h>
#include <ktest.h>
#include <pmm.h>
#include <timer.h>
#include <arch/console.h>
#include <arch/cpu.h>
#include <arch/mmu.h>
#include <arch/thread.h>
#include <arch/trap.h>
#include <proc_internal.h>
#include <vfs.h>
#include <vm.h>

#define PAGEWISE_VERSION "0.1"

void crash_on_request(const char *kind);

static const char *range_type(uint32_t type)
{
    switch (type) {
    case MEM_USABLE: return "usable";
    case MEM_ACPI: return "ACPI data";
    case MEM_NVS: return "ACPI NVS";
    case MEM_BAD: return "unusable";
    default: return "reserved";
    }
}

static void print_memory_map(void)
{
    kprintf("memory map:\n");
    for (int i = 0; i < boot_info.nranges; i++) {
        const struct mem_range *r = &boot_info.ranges[i];
        kprintf("  [mem 0x%09llx-0x%09llx] %s\n", r->base, r->base + r->length - 1, range_type(r->type));
    }
    for (int i = 0; i < boot_info.nmodules; i++) {
        const struct boot_module *m = &boot_info.modules[i];
        kprintf("  module %d: %#x-%#x (%u KiB) %s\n", i, m->start, m->end - 1,
                (m->end - m->start) / KiB, m->name);
    }
}

static void print_memory_summary(void)
{
    uint64_t ram = pmm_ram_bytes();
    size_t managed = pmm_managed_frames(), free = pmm_free_frames();
    kprintf("memory: %llu KiB RAM, %u KiB managed, %u KiB free (%u of %u frames)\n",
            ram / KiB, managed * (PAGE_SIZE / KiB), free * (PAGE_SIZE / KiB), free, managed);
    if (ram > DIRECT_MAP_SIZE)
        kprintf("memory: only the first %u MiB are used: the kernel maps no more (no highmem)\n",
                DIRECT_MAP_SIZE / MiB);
}

static void append_extra_cmdline(void)
{
    char extra[128];
    arch_read_extra_cmdline(extra, sizeof extra);
    if (!extra[0])
        return;
    size_t n = strlen(boot_info.cmdline);
    ksnprintf(boot_info.cmdline + n, sizeof boot_info.cmdline - n, "%s%s", n ? " " : "", extra);
}

NORETURN static void idle_forever(void)
{
    for (;;)
        cpu_sti_hlt();
}

void kmain(uint32_t magic, paddr_t info)
{
    arch_console_init();
    arch_parse_boot_info(magic, info);
    append_extra_cmdline();

    kprintf("pagewise %s (i386) booting, loaded by %s\n", PAGEWISE_VERSION,
            boot_info.loader ? boot_info.loader : "an unnamed Multiboot loader");
    kprintf("command line: %s\n", boot_info.cmdline);
    print_memory_map();

    pmm_init(&boot_info);
    arch_mmu_init(pmm_managed_end());
    arch_cpu_init();
    arch_fpu_init();
    timer_init();
    cpu_sti();
    print_memory_summary();
    kprintf("pagewise: ready, %u ticks since boot\n", (unsigned)timer_ticks());

    const char *crash = boot_option("crash");
    if (crash)
        crash_on_request(crash);

    const char *tests = boot_option("ktest");
    if (tests)
        arch_poweroff(ktest_run_all(tests) ? 1 : 0);

    if (boot_option("hang"))            /* the runner's time-out test */
        idle_forever();
    if (boot_info.nmodules == 0) {
        kprintf("pagewise: no initrd was loaded, so there is no program to run\n");
        if (boot_option("batch"))
            arch_poweroff(0);
        idle_forever();
    }
    const struct boot_module *initrd = &boot_info.modules[0];
    vfs_init(phys_to_virt(initrd->start), initrd->end - initrd->start);
    zero_page();                        /* made now, so no process's fault is charged for it */
    serial_enable_rx_irq();
    pic_unmask(IRQ_COM1);
    const char *init = boot_option("init");
    char init_path[64];
    strlcpy(init_path, init ? init : "/bin/init", sizeof init_path);
    char *space = strchr(init_path, ' ');
    if (space)
        *space = '\0';
    start_init(init_path, NULL);
}
