/*
 * /proc/meminfo and /proc/vmstat: where the machine's memory is, in Linux's names.
 *
 * meminfo gives the frames in use by kind (the frame allocator counts each use, see pmm.h);
 * vmstat gives the same as page counts, and the events since boot: frames allocated and
 * freed, page faults and the major ones among them.
 */
#include <pmm.h>
#include <procfs.h>
#include <vm.h>

struct vm_events vm_events;

/* Linux's fields, in its order, for what pagewise has. Every frame in use is under one of
 * them but two that Linux has no line for: pipe buffers and the zero page. Shared memory
 * (tmpfs files, shared anonymous mappings) is Shmem and, as on Linux, also Cached: it is
 * the page cache of a file system that lives in memory; there is no other page cache. No
 * swap: its lines say 0; Shmem cannot be dropped, so what is free is what is available. */
void vm_show_meminfo(struct pbuf *b, void *arg)
{
    (void)arg;
    unsigned long kb = PAGE_SIZE / KiB, kvirt = (KVIRT_END - KVIRT_START) / KiB;
    const struct { const char *name; unsigned long kb; } lines[] = {
        { "MemTotal", pmm_managed_frames() * kb },
        { "MemFree", pmm_free_frames() * kb },
        { "MemAvailable", pmm_free_frames() * kb },
        { "Buffers", 0 },
        { "Cached", pmm_frames_for(FRAME_SHMEM) * kb },
        { "SwapCached", 0 },
        { "SwapTotal", 0 },
        { "SwapFree", 0 },
        { "AnonPages", pmm_frames_for(FRAME_ANON) * kb },
        { "Shmem", pmm_frames_for(FRAME_SHMEM) * kb },
        { "Slab", pmm_frames_for(FRAME_SLAB) * kb },
        { "SReclaimable", 0 },
        { "SUnreclaim", pmm_frames_for(FRAME_SLAB) * kb },
        { "KernelStack", pmm_frames_for(FRAME_KSTACK) * kb },
        { "PageTables", pmm_frames_for(FRAME_PAGETABLE) * kb },
        { "VmallocTotal", kvirt },
        { "VmallocUsed", pmm_frames_for(FRAME_VMALLOC) * kb },
    };
    /* Linux pads the name (with its colon) to 16 columns and the number to 8 (fs/proc/meminfo.c). */
    char name[24];
    for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
        ksnprintf(name, sizeof name, "%s:", lines[i].name);
        pbuf_printf(b, "%-16s%8lu kB\n", name, lines[i].kb);
    }
}

/* The lines of Linux's /proc/vmstat that pagewise has, in its order and units (pages, but
 * nr_kernel_stack in kB). No zones: every allocation is pgalloc_normal. */
void vm_show_vmstat(struct pbuf *b, void *arg)
{
    (void)arg;
    const struct { const char *name; unsigned long long n; } lines[] = {
        { "nr_free_pages", pmm_free_frames() },
        { "nr_slab_reclaimable", 0 },
        { "nr_slab_unreclaimable", pmm_frames_for(FRAME_SLAB) },
        { "nr_anon_pages", pmm_frames_for(FRAME_ANON) },
        { "nr_file_pages", pmm_frames_for(FRAME_SHMEM) },
        { "nr_shmem", pmm_frames_for(FRAME_SHMEM) },
        { "nr_kernel_stack", pmm_frames_for(FRAME_KSTACK) * (PAGE_SIZE / KiB) },
        { "nr_page_table_pages", pmm_frames_for(FRAME_PAGETABLE) },
        { "pgalloc_normal", pmm_allocations() },
        { "pgfree", pmm_frees() },
        { "pgfault", vm_events.pgfault },
        { "pgmajfault", vm_events.pgmajfault },
    };
    for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
        pbuf_printf(b, "%s %llu\n", lines[i].name, lines[i].n);
}
