/*
 * Out of memory at fault time: kill the process with the most resident pages (Linux's OOM
 * killer, without its refinements), with a message saying so. Never init, never the kernel.
 */
#include <pmm.h>
#include <proc_internal.h>
#include <signal.h>
#include <vm.h>

void oom_kill(void)
{
    struct proc *victim = NULL;
    for (struct proc *p = proc_first(); p; p = p->next) {
        if (p->pid == 1 || p->state == PROC_ZOMBIE || !p->vm || p->kill_signal)
            continue;
        if (!victim || p->vm->rss > victim->vm->rss)
            victim = p;
    }
    if (!victim) {
        /* Everyone is already dying, or only init is left: make init's fault fail. */
        if (!current->kill_signal)
            send_signal(current, SIGKILL);
        return;
    }
    kprintf("pagewise: out of memory: killed pid %d (%s), %u KiB resident; %u frames free\n",
            victim->pid, victim->name, (unsigned)(victim->vm->rss * (PAGE_SIZE / 1024)),
            (unsigned)pmm_free_frames());
    send_signal(victim, SIGKILL);
}
