/*
 * set_thread_area and get_thread_area (man 2 set_thread_area): the TLS segment a static glibc
 * or musl program loads into %gs. Three slots per thread, GDT entries 6..8, as on Linux; the
 * switch to a thread loads its three. clone's CLONE_SETTLS fills a slot of the new thread.
 */
#include <errno.h>
#include <abi/ldt.h>
#include <kernel.h>
#include <proc.h>
#include <uaccess.h>
#include <arch/cpu.h>
#include <arch/segments.h>
#include <arch/thread.h>
#include <arch/trap.h>

/* Slot slot of t becomes what d describes. Only plain data segments: code segments would let
 * user code pick its own privilege. */
static long install(struct arch_thread *t, const struct user_desc *d, int slot)
{
    if (d->contents >= 2)
        return -EINVAL;
    bool empty = d->base_addr == 0 && d->limit == 0 && d->seg_not_present && d->read_exec_only;
    t->tls[slot] = (struct tls_desc){ d->base_addr, d->limit, !empty && !d->seg_not_present,
                                      d->limit_in_pages, d->seg_32bit };
    return 0;
}

/* CLONE_SETTLS: as Linux, the new thread's slot must be named (no "find a free one"). */
long arch_tls_for_new_thread(struct arch_thread *t, uintptr_t uinfo)
{
    struct user_desc d;
    if (copy_from_user(&d, uinfo, sizeof d) < 0)
        return -EFAULT;
    if (d.entry_number < GDT_TLS_MIN || d.entry_number >= GDT_TLS_MIN + TLS_SLOTS)
        return -EINVAL;
    return install(t, &d, (int)d.entry_number - GDT_TLS_MIN);
}

long sys_set_thread_area(uintptr_t uinfo)
{
    struct user_desc d;
    if (copy_from_user(&d, uinfo, sizeof d) < 0)
        return -EFAULT;
    struct tls_desc *tls = current->arch.tls;
    int slot;
    if (d.entry_number == (uint32_t)-1) {
        for (slot = 0; slot < TLS_SLOTS && tls[slot].present; slot++)
            ;
        if (slot == TLS_SLOTS)
            return -ESRCH;
        d.entry_number = GDT_TLS_MIN + slot;
        if (copy_to_user(uinfo, &d, sizeof d) < 0)
            return -EFAULT;
    } else if (d.entry_number < GDT_TLS_MIN || d.entry_number >= GDT_TLS_MIN + TLS_SLOTS) {
        return -EINVAL;
    }
    slot = (int)d.entry_number - GDT_TLS_MIN;
    long err = install(&current->arch, &d, slot);
    if (err)
        return err;
    gdt_set_tls(slot, d.base_addr, d.limit, d.limit_in_pages, tls[slot].present);
    if (!tls[slot].present) {
        /* A segment register still naming the slot would fault when trap_return pops it
         * (or irets to it): reset it to null, as Linux does (arch/x86/kernel/tls.c,
         * do_set_thread_area); %ss cannot be null in ring 3, so it gets the flat segment. */
        struct trap_frame *tf = current->tf;
        uint32_t sel = (uint32_t)(GDT_TLS_MIN + slot) << 3;
        if ((tf->ds & 0xFFFC) == sel) tf->ds = 0;
        if ((tf->es & 0xFFFC) == sel) tf->es = 0;
        if ((tf->fs & 0xFFFC) == sel) tf->fs = 0;
        if ((tf->gs & 0xFFFC) == sel) tf->gs = 0;
        if ((tf->user_ss & 0xFFFC) == sel) tf->user_ss = SEL_USER_DATA;
    }
    return 0;
}
