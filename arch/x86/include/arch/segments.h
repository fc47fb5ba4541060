/* GDT layout. The TLS slots sit at entries 6..8 as on Linux i386 (GDT_ENTRY_TLS_MIN), so a
 * static glibc or musl binary's set_thread_area gets the entry number it expects. */
#ifndef ARCH_SEGMENTS_H
#define ARCH_SEGMENTS_H

#define GDT_KERNEL_CODE 1
#define GDT_KERNEL_DATA 2
#define GDT_USER_CODE   3
#define GDT_USER_DATA   4
#define GDT_TSS         5
#define GDT_TLS_MIN     6
#define GDT_TLS_COUNT   3
#define GDT_ENTRIES     (GDT_TLS_MIN + GDT_TLS_COUNT)

#define RPL_USER        3
#define SEL_KERNEL_CODE (GDT_KERNEL_CODE << 3)
#define SEL_KERNEL_DATA (GDT_KERNEL_DATA << 3)
#define SEL_USER_CODE   ((GDT_USER_CODE << 3) | RPL_USER)
#define SEL_USER_DATA   ((GDT_USER_DATA << 3) | RPL_USER)
#define SEL_TSS         (GDT_TSS << 3)

#endif
