/*
 * Round-robin scheduling. Only user code is preempted: the timer marks that someone else
 * should run, and the switch happens on the way back to user mode. Kernel code runs with
 * interrupts off until it sleeps or returns, so it needs no locks (one CPU).
 */
#include <errno.h>
#include <sched.h>
#include <timer.h>
#include <vm.h>
#include <arch/cpu.h>
#include <proc_internal.h>
#include <signal.h>

static struct proc *run_head, *run_tail;
static bool need_resched;

void sched_add(struct proc *p)
{
    p->state = PROC_RUNNABLE;
    p->run_next = NULL;
    if (run_tail)
        run_tail->run_next = p;
    else
        run_head = p;
    run_tail = p;
}

static struct proc *pick_next(void)
{
    struct proc *p = run_head;
    if (p) {
        run_head = p->run_next;
        if (!run_head)
            run_tail = NULL;
    }
    return p;
}

void schedule(void)
{
    proc_free_dead();
    struct proc *prev = current;
    if (prev->state == PROC_RUNNING)
        sched_add(prev);
    struct proc *next;
    while (!(next = pick_next()))
        cpu_sti_hlt();      /* idle: an interrupt may wake someone; then interrupts are off again */
    cpu_cli();
    need_resched = false;
    next->state = PROC_RUNNING;
    if (next == prev)
        return;
    current = next;
    vm_activate(next->vm);
    arch_switch_to(&prev->arch, &prev->context, &next->arch, next->context, proc_kstack_top(next));
}

void sched_start(struct proc *first)
{
    current = first;
    first->state = PROC_RUNNING;
    vm_activate(first->vm);
    arch_start_first(&first->arch, first->context, proc_kstack_top(first));
}

void yield(void)
{
    if (run_head)
        schedule();
}

void sleep_uninterruptible(const void *chan)
{
    current->sleep_chan = chan;
    current->state = PROC_SLEEPING;
    schedule();
    current->sleep_chan = NULL;
}

int sleep_on(const void *chan)
{
    if (signal_interrupts(current))
        return -ERESTARTSYS;
    sleep_uninterruptible(chan);
    return signal_interrupts(current) ? -ERESTARTSYS : 0;
}

void wakeup(const void *chan)
{
    for (struct proc *p = proc_first(); p; p = p->next)
        if (p->state == PROC_SLEEPING && p->sleep_chan == chan)
            sched_add(p);
}

void sched_tick(bool from_user)
{
    if (current && !proc_exited(current)) {      /* an exited one's process may be gone */
        struct proc *g = proc_group(current);
        if (from_user) {
            current->thread_user_ticks++;
            g->user_ticks++;
        } else {
            current->thread_kernel_ticks++;
            g->kernel_ticks++;
        }
    }
    wakeup(timer_channel());
    itimer_tick();
    if (run_head)
        need_resched = true;
}

bool sched_should_yield(void) { return need_resched; }
