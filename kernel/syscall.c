/*
 * The system-call table, generated from kernel/syscalls.tbl (tools/gensyscalls): entry nr is
 * the function of column 3, or none (-ENOSYS). Every entry is called with the six argument
 * registers; cdecl lets a function take fewer. With tracing on, each call is printed with its
 * arguments and result.
 */
#include <errno.h>
#include <proc.h>
#include <trap_hooks.h>

typedef long (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);

/* Declared without a prototype: each is defined with its own parameter types. */
#define SYSCALL_ENTRY(e) long e();
#include "syscall_table.h"
#undef SYSCALL_ENTRY

#define SYSCALL(nr, name, e) [nr] = (syscall_fn)e,
static const syscall_fn table[SYSCALL_MAX] = {
#include "syscall_table.h"
};
#undef SYSCALL

#define SYSCALL(nr, name, e) [nr] = #name,
static const char *const names[SYSCALL_MAX] = {
#include "syscall_table.h"
};
#undef SYSCALL

const char *syscall_name(unsigned nr) { return nr < SYSCALL_MAX && names[nr] ? names[nr] : "?"; }

long syscall_dispatch(unsigned nr, const uint32_t a[6])
{
    syscall_fn fn = nr < SYSCALL_MAX ? table[nr] : NULL;
    if (current)
        current->restart_pending = false;
    long ret = fn ? fn(a[0], a[1], a[2], a[3], a[4], a[5]) : -ENOSYS;
    if ((ret == -ERESTARTSYS || ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK) && current) {
        current->restart_pending = true;      /* return_to_user decides: restart or EINTR */
        current->restart_error = (int)ret;
        current->restart_nr = ret == -ERESTART_RESTARTBLOCK ? 0 : nr;   /* 0: restart_syscall */
    }
    if (current && current->traced)
        kprintf("[%d %s] %s(%#x, %#x, %#x, %#x) = %ld%s\n", current->pid, current->name,
                syscall_name(nr), a[0], a[1], a[2], a[3], ret, ret < 0 && ret > -4096 ? " (error)" : "");
    return ret;
}
