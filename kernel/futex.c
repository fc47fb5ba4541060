/*
 * futex(2): the one blocking primitive threads need from the kernel. glibc's mutexes,
 * condition variables, pthread_join and semaphores are all built on FUTEX_WAIT ("sleep if
 * the word at uaddr still holds val") and FUTEX_WAKE ("wake n sleepers on uaddr").
 *
 * A waiter is a thread asleep with a key: a space and an address in it. A private futex
 * (FUTEX_PRIVATE_FLAG) is keyed by the waiter's address space and the word's address, as
 * Linux keys it by mm and address. Without the flag, a word in shared anonymous memory
 * (MAP_SHARED | MAP_ANONYMOUS, shared across fork) is keyed by that memory object and the
 * offset in it, the same in every process that maps it, so a wake in one process reaches a
 * waiter in another (Linux's inode and page index); any other word keeps the private key.
 * Waiters are found by scanning the threads, of which there are few. Because the kernel is
 * never preempted and has one CPU, reading the word and going to sleep cannot miss a wake
 * between them.
 *
 * Operations: WAIT, WAKE, WAIT_BITSET, WAKE_BITSET (the bitset picks which waiters a wake
 * may take), REQUEUE and CMP_REQUEUE (move waiters to another word); the priority-inheritance
 * and WAKE_OP families answer ENOSYS, as a kernel without them does.
 *
 * Robust futexes (set_robust_list(2)): each thread tells the kernel where its list of held
 * robust mutexes is; when it ends, every one it still holds is marked FUTEX_OWNER_DIED and
 * one waiter woken, so the next pthread_mutex_lock says EOWNERDEAD instead of waiting
 * forever.
 */
#include <abi/futex.h>
#include <errno.h>
#include <proc_internal.h>
#include <sched.h>
#include <timer.h>
#include <uaccess.h>
#include <vm.h>

/* What untimed waiters sleep on; timed ones sleep on the timer channel, to see their deadline.
 * Either way a wake finds them by their key and makes them runnable itself. */
static const char futex_chan;

struct key {
    const void *space;                  /* the address space, or the shared memory object */
    uintptr_t addr;                     /* the word's address in it, or its offset */
};

static struct key key_of(struct vm *vm, uintptr_t uaddr, bool private)
{
    uintptr_t offset;
    const void *shared = private ? NULL : vm_shmem_at(vm, uaddr, &offset);
    return shared ? (struct key){ shared, offset } : (struct key){ vm, uaddr };
}

static bool waits_on(const struct proc *p, struct key k)
{
    return p->futex_space == k.space && p->futex_addr == k.addr && !proc_exited(p);
}

static int wake(struct key k, int n, uint32_t bitset)
{
    int woken = 0;
    for (struct proc *p = proc_first(); p && woken < n; p = p->next) {
        if (!waits_on(p, k) || !(p->futex_bitset & bitset))
            continue;
        p->futex_space = NULL;          /* tells the waiter it was woken */
        if (p->state == PROC_SLEEPING)
            sched_add(p);
        woken++;
    }
    return woken;
}

int futex_wake_shared(struct vm *vm, uintptr_t uaddr, int n)
{
    return wake(key_of(vm, uaddr, false), n, FUTEX_BITSET_MATCH_ANY);
}

/* Wake up to n waiters on k, then move up to move of the others to k2. */
static int requeue(struct key k, int n, int move, struct key k2)
{
    int done = wake(k, n, FUTEX_BITSET_MATCH_ANY);
    for (struct proc *p = proc_first(); p && move > 0; p = p->next) {
        if (!waits_on(p, k))
            continue;
        p->futex_space = k2.space;
        p->futex_addr = k2.addr;
        move--;
        done++;
    }
    return done;
}

static long read_word(uintptr_t uaddr, uint32_t *val)
{
    if (uaddr & 3)
        return -EINVAL;
    return copy_from_user(val, uaddr, sizeof *val) < 0 ? -EFAULT : 0;
}

/* Sleep on uaddr while it holds val, until a wake, the deadline (timer_ns; 0: none) or a
 * signal. */
static long wait(uintptr_t uaddr, bool private, uint32_t val, uint32_t bitset, uint64_t deadline)
{
    uint32_t now_val;
    long err = read_word(uaddr, &now_val);
    if (err)
        return err;
    if (now_val != val)
        return -EAGAIN;
    struct key k = key_of(current->vm, uaddr, private);
    current->futex_space = k.space;
    current->futex_addr = k.addr;
    current->futex_bitset = bitset;
    for (;;) {
        if (!current->futex_space)
            return 0;
        if (deadline && timer_ns() >= deadline)
            break;
        if (sleep_on(deadline ? timer_channel() : (const void *)&futex_chan) < 0) {
            if (!current->futex_space)
                return 0;               /* woken too: the wake counts, the signal waits */
            current->futex_space = NULL;
            return -ERESTARTSYS;
        }
    }
    current->futex_space = NULL;
    return -ETIMEDOUT;
}

/* The time-out of a wait as a deadline on timer_ns: FUTEX_WAIT's is relative, the bitset
 * wait's absolute, on CLOCK_MONOTONIC or (FUTEX_CLOCK_REALTIME) the wall clock. */
static long deadline_of(int cmd, int op, uintptr_t utime, bool wide, uint64_t *deadline)
{
    uint64_t ns;
    *deadline = 0;
    if (!utime)
        return 0;
    long err = read_timespec(utime, wide, &ns);
    if (err)
        return err;
    uint64_t now = timer_ns();
    if (cmd == FUTEX_WAIT) {
        *deadline = now + ns;
    } else if (op & FUTEX_CLOCK_REALTIME) {
        int64_t left = (int64_t)ns - timer_epoch_ns();
        *deadline = left > 0 ? now + (uint64_t)left : now;
    } else {
        *deadline = ns;
    }
    if (!*deadline)
        *deadline = 1;                  /* "already passed", not "no time-out" */
    return 0;
}

static long do_futex(uintptr_t uaddr, int op, uint32_t val, uintptr_t utime, uintptr_t uaddr2,
                     uint32_t val3, bool wide)
{
    int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    bool private = op & FUTEX_PRIVATE_FLAG;
    if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
        return -ENOSYS;                 /* as Linux */
    uint64_t deadline;
    long err;
    uint32_t word;
    switch (cmd) {
    case FUTEX_WAIT:
        val3 = FUTEX_BITSET_MATCH_ANY;
        /* fall through */
    case FUTEX_WAIT_BITSET:
        if (!val3)
            return -EINVAL;
        if ((err = deadline_of(cmd, op, utime, wide, &deadline)))
            return err;
        return wait(uaddr, private, val, val3, deadline);
    case FUTEX_WAKE:
        val3 = FUTEX_BITSET_MATCH_ANY;
        /* fall through */
    case FUTEX_WAKE_BITSET:
        if (!val3)
            return -EINVAL;
        if (uaddr & 3)
            return -EINVAL;
        return wake(key_of(current->vm, uaddr, private), (int)MIN(val, (uint32_t)INT32_MAX), val3);
    case FUTEX_CMP_REQUEUE:
        if ((err = read_word(uaddr, &word)))
            return err;
        if (word != val3)
            return -EAGAIN;
        /* fall through */
    case FUTEX_REQUEUE:
        /* The count to requeue comes where the time-out would (the argument is a number). */
        if ((int32_t)val < 0 || (int32_t)utime < 0 || (uaddr & 3) || (uaddr2 & 3))
            return -EINVAL;
        return requeue(key_of(current->vm, uaddr, private), (int)val, (int)utime,
                       key_of(current->vm, uaddr2, private));
    default:
        return -ENOSYS;
    }
}

/* struct robust_list_head of i386: the list (a circular list of entries, each pointing to the
 * next), where in an entry its futex word is, and an entry being locked or unlocked. */
struct robust_head {
    uint32_t next;
    int32_t futex_offset;
    uint32_t op_pending;
};
#define ROBUST_LIST_LIMIT 2048          /* Linux's: a looping list must not hang the exit */

long sys_set_robust_list(uintptr_t head, size_t len)
{
    if (len != sizeof(struct robust_head))
        return -EINVAL;
    current->robust_list = head;
    return 0;
}

/* get_robust_list(2): where thread pid (0: the caller) keeps its list. */
long sys_get_robust_list(int pid, uintptr_t uhead, uintptr_t ulen)
{
    struct proc *t = pid ? proc_find(pid) : current;
    if (!t)
        return -ESRCH;
    uint32_t head = (uint32_t)t->robust_list, len = sizeof(struct robust_head);
    if (copy_to_user(uhead, &head, sizeof head) < 0 || copy_to_user(ulen, &len, sizeof len) < 0)
        return -EFAULT;
    return 0;
}

/* The word at addr, held by thread tid that is ending: mark it, wake a waiter (Linux's
 * handle_futex_death). A word no longer ours, or unreadable, is left alone. */
static void owner_died(struct proc *t, uintptr_t addr)
{
    uint32_t word;
    if ((addr & 3) || copy_from_user(&word, addr, sizeof word) < 0 ||
        (word & FUTEX_TID_MASK) != (uint32_t)t->pid)
        return;
    uint32_t died = (word & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    if (copy_to_user(addr, &died, sizeof died) == 0 && (word & FUTEX_WAITERS))
        futex_wake_shared(t->vm, addr, 1);
}

/* Thread t (current) ends: the robust futexes it holds go to the next owner. The low bit of an
 * entry's address marks a priority-inheritance mutex, which is still a word with a tid. */
void futex_release_robust(struct proc *t)
{
    struct robust_head head;
    uintptr_t at = t->robust_list;
    t->robust_list = 0;
    if (!at || copy_from_user(&head, at, sizeof head) < 0)
        return;
    uintptr_t entry = head.next & ~1u, pending = head.op_pending & ~1u;
    for (int n = 0; entry != at && n < ROBUST_LIST_LIMIT; n++) {
        uint32_t next;
        if (copy_from_user(&next, entry, sizeof next) < 0)
            return;
        if (entry != pending)
            owner_died(t, entry + (uintptr_t)head.futex_offset);
        entry = next & ~1u;
    }
    if (pending)
        owner_died(t, pending + (uintptr_t)head.futex_offset);
}

long sys_futex(uintptr_t uaddr, int op, uint32_t val, uintptr_t utime, uintptr_t uaddr2, uint32_t val3)
{
    return do_futex(uaddr, op, val, utime, uaddr2, val3, false);
}

long sys_futex_time64(uintptr_t uaddr, int op, uint32_t val, uintptr_t utime, uintptr_t uaddr2,
                      uint32_t val3)
{
    return do_futex(uaddr, op, val, utime, uaddr2, val3, true);
}
