/*
 * The console as a file. Output goes where kprintf's does (COM1 and VGA). Input is the
 * canonical ("cooked") mode of termios(3): the COM1 interrupt hands in bytes, the line
 * discipline echoes them and edits the line (backspace, ^U), and read() gets a line only once
 * Enter or ^D ends it. ^D on an empty line is end of file (read returns 0). TCSETS may turn
 * off ICANON (every byte is readable at once) or ECHO.
 *
 * Job control: the terminal has a foreground process group (tcsetpgrp: TIOCSPGRP). ^C sends it
 * SIGINT, ^Z SIGTSTP; a process of another group that reads the terminal gets SIGTTIN (EIO
 * when it ignores or blocks that). While no foreground group is set, ^C goes to every process
 * but init and ^Z does nothing, and anyone may read.
 */
#include <errno.h>
#include <proc_internal.h>
#include <sched.h>
#include <uaccess.h>
#include <trap_hooks.h>
#include <arch/console.h>
#include "fs.h"

#define CTRL(c)   ((c) & 0x1f)
#define C_EOF     CTRL('D')
#define C_KILL    CTRL('U')
#define C_INTR    CTRL('C')
#define C_SUSP    CTRL('Z')
#define C_ERASE   0x7f
#define C_BS      0x08

/* Linux's ioctls and termios (include/uapi/asm-generic/ioctls.h, termbits.h). */
#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCGWINSZ 0x5413
#define FIONREAD   0x541B
#define ICRNL   0000400
#define OPOST   0000001
#define ONLCR   0000004
#define ISIG    0000001
#define ICANON  0000002
#define ECHO    0000010
#define ECHOE   0000020
#define ECHOK   0000040
#define IEXTEN  0100000
#define CS8     0000060
#define CREAD   0000200
#define B38400  0000017

struct ktermios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[19];
};
_Static_assert(sizeof(struct ktermios) == 36, "Linux's kernel struct termios");

struct winsize { uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel; };

static unsigned used(unsigned from, unsigned to) { return (to - from) % TTY_BUF; }

static void echo(struct tty *t, const char *s, size_t n)
{
    if (t->echo && t->out)
        t->out(s, n);
}

void tty_input(struct tty *t, char c)
{
    if (c == '\r')
        c = '\n';                                       /* ICRNL */
    if (t->canonical) {
        if (c == C_ERASE || c == C_BS) {
            if (t->edit != t->commit) {
                t->edit = (t->edit + TTY_BUF - 1) % TTY_BUF;
                echo(t, "\b \b", 3);
            }
            return;
        }
        if (c == C_KILL) {
            while (t->edit != t->commit) {
                t->edit = (t->edit + TTY_BUF - 1) % TTY_BUF;
                echo(t, "\b \b", 3);
            }
            return;
        }
        if (c == C_INTR || (c == C_SUSP && t->fg_pgrp)) {
            t->edit = t->commit;                        /* the line typed so far is dropped */
            echo(t, c == C_INTR ? "^C\n" : "^Z\n", 3);
            signal_console_key(c == C_INTR ? SIGINT : SIGTSTP, t->fg_pgrp);
            return;
        }
    }
    /* Keep one slot free, and room for the end of the line being typed. */
    unsigned room = TTY_BUF - 1 - used(t->head, t->edit);
    bool ends_line = c == '\n' || (t->canonical && c == C_EOF);
    if (room == 0 || (room == 1 && t->canonical && !ends_line))
        return;                                         /* full: drop, as Linux does */
    t->buf[t->edit] = c;
    t->edit = (t->edit + 1) % TTY_BUF;
    if (c != C_EOF || !t->canonical)
        echo(t, &c, 1);
    if (!t->canonical || ends_line)
        t->commit = t->edit;
}

long tty_take(struct tty *t, char *buf, size_t n)
{
    if (t->head == t->commit)
        return -EAGAIN;
    size_t got = 0;
    while (got < n && t->head != t->commit) {
        char c = t->buf[t->head];
        t->head = (t->head + 1) % TTY_BUF;
        if (t->canonical && c == C_EOF) {
            /* ^D ends the line and is not data: alone on its line, read returns 0. After a
             * line that earlier short reads took, it is nothing (Linux's eof_push). */
            bool rest_of_line = t->mid_line;
            t->mid_line = false;
            if (got || !rest_of_line)
                return (long)got;
            continue;
        }
        buf[got++] = c;
        t->mid_line = c != '\n';
        if (t->canonical && c == '\n')
            break;                                      /* one line per read */
    }
    return got ? (long)got : -EAGAIN;
}

/* ---- the console device ---- */

static struct tty console = { .echo = true, .canonical = true, .out = arch_console_write };

/* Called from the COM1 interrupt: take every byte the UART holds. */
void console_input_interrupt(void)
{
    int c;
    bool any = false;
    while ((c = serial_getc()) >= 0) {
        tty_input(&console, (char)c);
        any = true;
    }
    if (any && console.head != console.commit) {
        wakeup(&console);
        poll_notify();
    }
}

/* A read from outside the foreground group: SIGTTIN to the reader's group, which stops it
 * (the read is redone once it goes on), or EIO when the reader ignores or blocks SIGTTIN. */
static long background_read(void)
{
    struct proc *g = proc_group(current);
    if (!console.fg_pgrp || g->pgid == console.fg_pgrp)
        return 0;
    if (signal_refused(current, SIGTTIN))
        return -EIO;
    signal_console_key(SIGTTIN, g->pgid);
    return -ERESTARTSYS;
}

static long console_read(struct file *f, uintptr_t ubuf, size_t n)
{
    char kbuf[256];
    long err = background_read();
    if (err)
        return err;
    if (n == 0)
        return 0;
    long got;
    while ((got = tty_take(&console, kbuf, MIN(n, sizeof kbuf))) == -EAGAIN) {
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        if (sleep_on(&console))
            return -ERESTARTSYS;
    }
    if (got > 0 && copy_to_user(ubuf, kbuf, (size_t)got))
        return -EFAULT;
    return got;
}

static long console_write(struct file *f, uintptr_t ubuf, size_t n)
{
    (void)f;
    char kbuf[256];
    size_t done = 0;
    while (done < n) {
        size_t chunk = MIN(n - done, sizeof kbuf);
        if (copy_from_user(kbuf, ubuf + done, chunk))
            return done ? (long)done : -EFAULT;
        arch_console_write(kbuf, chunk);
        done += chunk;
    }
    return (long)done;
}

static long console_ioctl(struct file *f, unsigned cmd, uintptr_t uarg)
{
    (void)f;
    struct ktermios tio;
    switch (cmd) {
    case TCGETS:
        memset(&tio, 0, sizeof tio);
        tio.c_iflag = ICRNL;
        tio.c_oflag = OPOST | ONLCR;
        tio.c_cflag = B38400 | CS8 | CREAD;
        tio.c_lflag = ISIG | IEXTEN | ECHOE | ECHOK | (console.canonical ? ICANON : 0) |
                      (console.echo ? ECHO : 0);
        tio.c_cc[0] = C_INTR; tio.c_cc[2] = C_ERASE; tio.c_cc[3] = C_KILL; tio.c_cc[4] = C_EOF;
        tio.c_cc[10] = C_SUSP;                          /* VSUSP */
        tio.c_cc[6] = 1;                                /* VMIN */
        return copy_to_user(uarg, &tio, sizeof tio);
    case TCSETS: case TCSETSW: case TCSETSF:
        if (copy_from_user(&tio, uarg, sizeof tio))
            return -EFAULT;
        if (console.canonical && !(tio.c_lflag & ICANON))
            console.commit = console.edit;              /* the half-typed line becomes readable */
        console.canonical = tio.c_lflag & ICANON;
        console.echo = tio.c_lflag & ECHO;
        return 0;
    case TIOCGPGRP: {
        int pgrp = console.fg_pgrp ? console.fg_pgrp : proc_group(current)->pgid;
        return copy_to_user(uarg, &pgrp, sizeof pgrp);
    }
    case TIOCSPGRP: {
        int pgrp;
        if (copy_from_user(&pgrp, uarg, sizeof pgrp))
            return -EFAULT;
        if (pgrp <= 0)
            return -EINVAL;
        if (!pgrp_in_session(pgrp, proc_group(current)->sid))
            return -EPERM;                              /* as Linux: no such group in the session */
        console.fg_pgrp = pgrp;
        return 0;
    }
    case TIOCGWINSZ: {
        struct winsize ws = { 25, 80, 0, 0 };           /* the VGA text screen */
        return copy_to_user(uarg, &ws, sizeof ws);
    }
    case FIONREAD: {
        int n = (int)used(console.head, console.commit);
        return copy_to_user(uarg, &n, sizeof n);
    }
    default:
        return -ENOTTY;
    }
}

static int console_stat(struct file *f, struct kstat *st)
{
    (void)f;
    memset(st, 0, sizeof *st);
    st->mode = S_IFCHR | 0620;
    st->nlink = 1;
    st->ino = 1;
    st->dev = DEV_DEVTMP;
    st->rdev = MKDEV(5, 1);                             /* /dev/console */
    st->blksize = 1024;
    return 0;
}

/* Readable when a line (or in raw mode a byte) is there; output never waits. */
static unsigned console_poll(struct file *f)
{
    struct tty *t = f->priv;
    return (t->head != t->commit ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

static const struct file_ops console_ops = {
    .read = console_read, .write = console_write, .ioctl = console_ioctl, .stat = console_stat,
    .poll = console_poll,
};

long console_open(unsigned flags, struct file **out)
{
    *out = file_alloc(&console_ops, flags, &console);
    return *out ? 0 : -ENOMEM;
}

/*
 * One open file for the console, shared by whoever asks. Each call returns a new reference
 * (file_put it after fd_install); the file keeps one of its own, so it is never freed.
 */
struct file *console_file(void)
{
    static struct file *f;
    if (!f)
        f = file_alloc(&console_ops, O_RDWR, &console);
    if (!f)
        panic("tty: out of memory for the console file");
    file_get(f);
    return f;
}
