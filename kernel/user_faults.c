/*
 * What happens when user code faults: the page-fault handler gets the first word; what it
 * refuses kills the process with one line naming the process, the address, the instruction
 * and the cause, and a signal status its parent can read with wait4.
 */
#include <pmm.h>
#include <proc_internal.h>
#include <sched.h>
#include <signal.h>
#include <trap_hooks.h>
#include <vm.h>
#include <arch/cpu.h>
#include <arch/memlayout.h>

void oom_kill(void);

static const char *fault_cause(enum fault_result res, uintptr_t addr, unsigned access)
{
    if (addr >= USER_TOP)
        return "kernel address";
    switch (res) {
    case FAULT_SEGV_MAPERR: return "no mapping at that address";
    case FAULT_SEGV_ACCERR:
        return access & FAULT_WRITE ? "write to memory that is not writable" : "memory that allows no access";
    case FAULT_BUS: return "beyond the end of the mapped file";
    default: return "out of memory";
    }
}

bool user_page_fault(struct trap_frame *tf, uintptr_t addr, unsigned access, bool from_user)
{
    for (;;) {
        enum fault_result res = vm_fault(current->vm, addr, access);
        if (res == FAULT_HANDLED)
            return true;
        if (res == FAULT_OOM) {
            oom_kill();                 /* may pick us; otherwise memory frees up as the victim exits */
            if (!current->kill_signal) {
                yield();
                continue;
            }
            if (!from_user)
                return false;
            do_exit(W_EXITCODE(0, SIGKILL));
        }
        if (!from_user)
            return false;               /* a bad pointer handed to a system call: -EFAULT */
        int sig = res == FAULT_BUS ? SIGBUS : SIGSEGV;
        if (signal_has_handler(current, sig)) {     /* the program catches it (on the way out) */
            /* As Linux: the kernel's half is no mapping of ours, whatever the page tables say. */
            int code = res == FAULT_BUS ? BUS_ADRERR
                     : res == FAULT_SEGV_ACCERR && addr < USER_TOP ? SEGV_ACCERR : SEGV_MAPERR;
            send_signal_from(current, sig, true, (struct sig_origin){ code, (uint32_t)addr, 0, 0 });
            return true;
        }
        kprintf("pagewise: pid %d (%s) killed by %s: %s 0x%08x, %s (%s), ip 0x%08x\n",
                current->pid, current->name, signal_name(sig), access & FAULT_WRITE ? "write at" : "read at",
                (unsigned)addr, fault_cause(res, addr, access),
                access & FAULT_PRESENT ? "protection" : "not present", (unsigned)arch_trap_ip(tf));
        do_exit(W_EXITCODE(0, sig));
    }
}

void user_exception(struct trap_frame *tf, int sig, const char *what)
{
    if (signal_has_handler(current, sig)) {
        send_signal_thread(current, sig);      /* delivered on the way back to user mode */
        return;
    }
    kprintf("pagewise: pid %d (%s) killed by %s: %s, ip 0x%08x\n", current->pid, current->name,
            signal_name(sig), what, (unsigned)arch_trap_ip(tf));
    do_exit(W_EXITCODE(0, sig));
}

void timer_interrupt(bool from_user) { sched_tick(from_user); }

void return_to_user(struct trap_frame *tf)
{
    if (!current->kill_signal && sched_should_yield())
        schedule();
    if (current->kill_signal)
        do_exit(W_EXITCODE(0, current->kill_signal));
    signal_deliver(tf);
    if (current->restart_pending) {   /* woken, but no handler ran: just do the call again */
        arch_restart_syscall(tf, current->restart_nr);
        current->restart_pending = false;
    }
}
