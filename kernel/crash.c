/*
 * Deliberate kernel faults, chosen with the boot option crash=KIND, so that tests can check
 * that the panic path explains itself (message, registers, CR2, backtrace) and ends QEMU.
 */
#include <kernel.h>
#include <kheap.h>
#include <arch/cpu.h>

/* noinline so that each appears as its own frame in the backtrace the test looks for. */
__attribute__((noinline)) static void crash_page_fault(void)
{
    volatile uint32_t *bad = (volatile uint32_t *)0xDEAD0000u;   /* user half: nothing mapped */
    kprintf("crash: writing to %p\n", (void *)bad);   /* a call keeps a frame, so the caller shows */
    *bad = 1;
}

__attribute__((noinline)) static void crash_divide(void)
{
    arch_divide_by_zero();        /* in assembly: gcc may turn a C division into a compare */
}

__attribute__((noinline)) static void crash_kheap_overrun(void)
{
    char *p = kmalloc(40);
    memset(p, 'x', 41);          /* one byte into the canary */
    kfree(p);
}

__attribute__((noinline)) static void crash_kheap_double_free(void)
{
    void *p = kmalloc(100);
    kfree(p);
    kfree(p);
}

void crash_on_request(const char *kind)
{
    kprintf("crash: doing what was asked: %s\n", kind);
    if (strncmp(kind, "pagefault", 9) == 0)
        crash_page_fault();
    else if (strncmp(kind, "divide", 6) == 0)
        crash_divide();
    else if (strncmp(kind, "kheap-overrun", 13) == 0)
        crash_kheap_overrun();
    else if (strncmp(kind, "kheap-double-free", 17) == 0)
        crash_kheap_double_free();
    else if (strncmp(kind, "panic", 5) == 0)
        panic("crash=panic asked for a panic");
    kprintf("crash: unknown kind, nothing done\n");
}
