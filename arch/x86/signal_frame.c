/*
 * Signal frames on the user stack, as Linux i386 lays them out (arch/x86/kernel/signal_32.c),
 * so that a static glibc or musl program's handlers and restorers work unchanged:
 *
 *   sigframe (no SA_SIGINFO):   pretcode, sig, sigcontext, extramask, retcode, [fpstate]
 *   rt_sigframe (SA_SIGINFO):   pretcode, sig, &info, &uc, siginfo, ucontext, retcode, [fpstate]
 *
 * The handler returns to pretcode: the program's sa_restorer (SA_RESTORER), or else the
 * retcode bytes in the frame, which call sigreturn / rt_sigreturn. Those read the saved
 * registers back, checked so that user code cannot smuggle in a kernel segment or IOPL.
 */
#include <errno.h>
#include <signal.h>
#include <uaccess.h>
#include <arch/cpu.h>
#include <arch/segments.h>
#include <arch/thread.h>

#define SA_RESTORER 0x04000000u
#define FPSTATE_SIZE 512
#define EFLAGS_USER_CHANGEABLE 0x00DD5u   /* CF PF AF ZF SF TF DF OF: what user code may set */
#define EFLAGS_TF 0x100u
#define EFLAGS_DF 0x400u

struct sigcontext32 {
    uint32_t gs, fs, es, ds, di, si, bp, sp, bx, dx, cx, ax;
    uint32_t trapno, err, ip, cs, flags, sp_at_signal, ss, fpstate, oldmask, cr2;
};
_Static_assert(sizeof(struct sigcontext32) == 88, "struct sigcontext on i386");

struct ucontext32 {
    uint32_t flags, link, ss_sp, ss_flags, ss_size;
    struct sigcontext32 mcontext;
    uint64_t sigmask;
};

/* i386 siginfo_t: after the three ints, a union whose first word is si_pid (kill, tgkill,
 * sigqueue, SIGCHLD: then si_uid follows, and si_status for SIGCHLD, si_value for sigqueue)
 * or si_addr (faults). */
struct siginfo32 {
    int32_t signo, errno_, code;
    uint32_t pid_or_addr, uid;
    int32_t status;
    uint8_t pad[128 - 24];
};

struct sigframe {
    uint32_t pretcode;
    int32_t sig;
    struct sigcontext32 sc;
    uint32_t extramask;
    uint8_t retcode[8];
};

struct rt_sigframe {
    uint32_t pretcode;
    int32_t sig;
    uint32_t pinfo, puc;
    struct siginfo32 info;
    struct ucontext32 uc;
    uint8_t retcode[8];
};

/* popl %eax; movl $119, %eax; int $0x80  and  movl $173, %eax; int $0x80 */
static const uint8_t sigreturn_code[8] = { 0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80 };
static const uint8_t rt_sigreturn_code[8] = { 0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0 };

static void save_context(const struct trap_frame *tf, struct sigcontext32 *sc, uint32_t fpstate, uint32_t oldmask)
{
    *sc = (struct sigcontext32){
        .gs = tf->gs, .fs = tf->fs, .es = tf->es, .ds = tf->ds, .di = tf->edi, .si = tf->esi,
        .bp = tf->ebp, .sp = tf->user_esp, .bx = tf->ebx, .dx = tf->edx, .cx = tf->ecx, .ax = tf->eax,
        .trapno = tf->vector, .err = tf->error, .ip = tf->eip, .cs = tf->cs, .flags = tf->eflags,
        .sp_at_signal = tf->user_esp, .ss = tf->user_ss, .fpstate = fpstate, .oldmask = oldmask,
    };
}

/* A user selector may only name a user segment: the flat ones, a TLS slot that is present
 * (trap_return's pop of an empty one would fault in the kernel), or null. */
static bool user_selector(const struct arch_thread *t, uint32_t sel)
{
    if ((sel & 0xFFFF) == 0)
        return true;
    unsigned index = (sel >> 3) & 0x1FFF;
    return (sel & 3) == RPL_USER && !(sel & 4) &&
           (index == GDT_USER_CODE || index == GDT_USER_DATA ||
            (index >= GDT_TLS_MIN && index < GDT_TLS_MIN + GDT_TLS_COUNT &&
             t->tls[index - GDT_TLS_MIN].present));
}

static bool restore_context(struct trap_frame *tf, const struct arch_thread *t, const struct sigcontext32 *sc)
{
    if (sc->cs != SEL_USER_CODE || sc->ss != SEL_USER_DATA || !user_selector(t, sc->ds) ||
        !user_selector(t, sc->es) || !user_selector(t, sc->fs) || !user_selector(t, sc->gs))
        return false;
    tf->gs = sc->gs; tf->fs = sc->fs; tf->es = sc->es; tf->ds = sc->ds;
    tf->edi = sc->di; tf->esi = sc->si; tf->ebp = sc->bp; tf->user_esp = sc->sp;
    tf->ebx = sc->bx; tf->edx = sc->dx; tf->ecx = sc->cx; tf->eax = sc->ax;
    tf->eip = sc->ip; tf->cs = sc->cs; tf->user_ss = sc->ss;
    tf->eflags = (tf->eflags & ~EFLAGS_USER_CHANGEABLE) | (sc->flags & EFLAGS_USER_CHANGEABLE);
    return true;
}

static void siginfo_fill(struct siginfo32 *info, int sig, const struct sig_origin *from)
{
    *info = (struct siginfo32){ .signo = sig, .code = from->code, .pid_or_addr = from->pid_or_addr,
                                .uid = from->uid, .status = from->status };
}

/* rt_sigtimedwait's answer, and rt_sigqueueinfo's question: a whole siginfo_t in user memory. */
int arch_siginfo_write(uintptr_t uinfo, int sig, const struct sig_origin *from)
{
    struct siginfo32 info;
    siginfo_fill(&info, sig, from);
    return copy_to_user(uinfo, &info, sizeof info);
}

int arch_siginfo_read(uintptr_t uinfo, struct sig_origin *from)
{
    struct siginfo32 info;
    if (copy_from_user(&info, uinfo, sizeof info) < 0)
        return -EFAULT;
    *from = (struct sig_origin){ info.code, info.pid_or_addr, info.status, info.uid };
    return 0;
}

/* Where the frame goes: below the interrupted stack, the FPU image 64-byte aligned above it,
 * and the frame placed so that (esp + 4) is 16-byte aligned at the handler's first instruction. */
static uintptr_t frame_place(uintptr_t sp, size_t frame_size, uintptr_t *fpstate)
{
    *fpstate = ALIGN_DOWN(sp - FPSTATE_SIZE, 64);
    sp = *fpstate - frame_size;
    return ALIGN_DOWN(sp + 4, 16) - 4;
}

int arch_signal_frame(struct trap_frame *tf, struct arch_thread *t, int sig, uint32_t handler,
                      uint32_t flags, uint32_t restorer, uint64_t blocked,
                      const struct sig_origin *siginfo, uintptr_t stack_top, const struct alt_stack *alt)
{
    uint8_t fpu[FPSTATE_SIZE] __attribute__((aligned(16)));
    arch_fpu_save(t, fpu);
    uintptr_t fpstate, frame;
    if (siginfo) {
        struct rt_sigframe f = { 0 };
        frame = frame_place(stack_top, sizeof f, &fpstate);
        f.sig = sig;
        f.pinfo = (uint32_t)(frame + offsetof(struct rt_sigframe, info));
        f.puc = (uint32_t)(frame + offsetof(struct rt_sigframe, uc));
        siginfo_fill(&f.info, sig, siginfo);
        f.uc.ss_sp = alt->sp;
        f.uc.ss_flags = alt->flags;
        f.uc.ss_size = alt->size;
        save_context(tf, &f.uc.mcontext, (uint32_t)fpstate, (uint32_t)blocked);
        f.uc.sigmask = blocked;
        memcpy(f.retcode, rt_sigreturn_code, sizeof f.retcode);
        f.pretcode = flags & SA_RESTORER ? restorer : (uint32_t)(frame + offsetof(struct rt_sigframe, retcode));
        if (copy_to_user(frame, &f, sizeof f) < 0)
            return -EFAULT;
        tf->edx = f.pinfo;
        tf->ecx = f.puc;
    } else {
        struct sigframe f = { 0 };
        frame = frame_place(stack_top, sizeof f, &fpstate);
        f.sig = sig;
        save_context(tf, &f.sc, (uint32_t)fpstate, (uint32_t)blocked);
        f.extramask = (uint32_t)(blocked >> 32);
        memcpy(f.retcode, sigreturn_code, sizeof f.retcode);
        f.pretcode = flags & SA_RESTORER ? restorer : (uint32_t)(frame + offsetof(struct sigframe, retcode));
        if (copy_to_user(frame, &f, sizeof f) < 0)
            return -EFAULT;
        tf->edx = tf->ecx = 0;
    }
    if (copy_to_user(fpstate, fpu, sizeof fpu) < 0)
        return -EFAULT;
    arch_fpu_reset(t);                  /* the handler starts with a clean FPU */
    tf->eax = (uint32_t)sig;
    tf->user_esp = frame;
    tf->eip = handler;
    tf->cs = SEL_USER_CODE;
    tf->ds = tf->es = tf->user_ss = SEL_USER_DATA;
    tf->eflags &= ~(EFLAGS_TF | EFLAGS_DF);
    return 0;
}

long arch_signal_return(struct trap_frame *tf, struct arch_thread *t, bool rt, uint64_t *blocked,
                        struct alt_stack *alt)
{
    struct sigcontext32 sc;
    if (rt) {
        /* The handler's ret popped pretcode: esp points at sig. */
        uintptr_t frame = tf->user_esp - sizeof(uint32_t);
        struct ucontext32 uc;
        if (copy_from_user(&uc, frame + offsetof(struct rt_sigframe, uc), sizeof uc) < 0)
            return -EFAULT;
        sc = uc.mcontext;
        *blocked = uc.sigmask;
        *alt = (struct alt_stack){ uc.ss_sp, uc.ss_flags, uc.ss_size };
    } else {
        /* ret popped pretcode, and the retcode's popl popped sig. */
        uintptr_t frame = tf->user_esp - 2 * sizeof(uint32_t);
        struct sigframe f;
        if (copy_from_user(&f, frame, sizeof f) < 0)
            return -EFAULT;
        sc = f.sc;
        *blocked = ((uint64_t)f.extramask << 32) | f.sc.oldmask;
    }
    uint8_t fpu[FPSTATE_SIZE] __attribute__((aligned(16)));
    if (sc.fpstate && copy_from_user(fpu, sc.fpstate, sizeof fpu) == 0)
        arch_fpu_restore(t, fpu);
    if (!restore_context(tf, t, &sc))
        return -EFAULT;
    return (long)tf->eax;
}
