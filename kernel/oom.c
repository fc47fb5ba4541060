/*
 * Out of memory at fault time: kill the process holding the most memory (Linux's OOM killer,
 * without its refinements), with a message saying so. Never init, never the kernel. What a
 * process holds is its resident pages plus what the kernel keeps for it: page tables and
 * region records, which a program can pile up without touching a single page.
 */
#include <pmm.h>
#include <proc_internal.h>
#include <signal.h>
#include <vm.h>

static size_t badness(struct proc *p)
{
    struct vm *vm = p->vm;
    return vm->rss + arch_aspace_table_pages(&vm->as) +
           vm->nregions * sizeof(struct vm_region) / PAGE_SIZE;
}

void oom_kill(void)
{
    struct proc *victim = NULL;
    for (struct proc *p = proc_first(); p; p = p->next) {
        if (proc_group(p)->pid == 1 || proc_exited(p) || !p->vm || p->kill_signal)
            continue;
        if (!victim || badness(p) > badness(victim))
            victim = p;
    }
    if (!victim) {
        /* Everyone is already dying, or only init is left: make init's fault fail. */
        if (!current->kill_signal)
            send_signal(current, SIGKILL);
        return;
    }
    kprintf("pagewise: out of memory: killed pid %d (%s), %u KiB resident, %u KiB held in all; "
            "%u frames free\n", victim->pid, victim->name, (unsigned)(victim->vm->rss * (PAGE_SIZE / 1024)),
            (unsigned)(badness(victim) * (PAGE_SIZE / 1024)), (unsigned)pmm_free_frames());
    send_signal(victim, SIGKILL);
}
