/* The console's line discipline, driven byte by byte as the COM1 interrupt would. */
#include <errno.h>
#include <ktest.h>
#include "../fs/fs.h"

static char echoed[256];
static size_t nechoed;
static void capture(const char *s, size_t n)
{
    for (size_t i = 0; i < n && nechoed < sizeof echoed - 1; i++)
        echoed[nechoed++] = s[i];
    echoed[nechoed] = 0;
}

static void type(struct tty *t, const char *s)
{
    while (*s)
        tty_input(t, *s++);
}

static struct tty *new_tty(bool canonical)
{
    static struct tty t;
    memset(&t, 0, sizeof t);
    t.canonical = canonical;
    t.echo = true;
    t.out = capture;
    nechoed = 0;
    echoed[0] = 0;
    return &t;
}

KTEST(fs_tty_line_editing)
{
    struct tty *t = new_tty(true);
    char buf[64];
    type(t, "ab\x7f" "c");
    KEXPECT(tty_take(t, buf, sizeof buf) == -EAGAIN);  /* no line yet */
    type(t, "\r");                                      /* Enter sends CR: becomes NL */
    KEXPECT(tty_take(t, buf, sizeof buf) == 3 && memcmp(buf, "ac\n", 3) == 0);
    KEXPECT(strcmp(echoed, "ab\b \bc\n") == 0);
    KEXPECT(tty_take(t, buf, sizeof buf) == -EAGAIN);
    type(t, "junk\x15ok\n");                            /* ^U kills the line */
    KEXPECT(tty_take(t, buf, sizeof buf) == 3 && memcmp(buf, "ok\n", 3) == 0);
    type(t, "\x7f\x7f\n");                              /* erase on an empty line: nothing */
    KEXPECT(tty_take(t, buf, sizeof buf) == 1 && buf[0] == '\n');
}

KTEST(fs_tty_one_line_per_read)
{
    struct tty *t = new_tty(true);
    char buf[64];
    type(t, "one\ntwo\n");
    KEXPECT(tty_take(t, buf, sizeof buf) == 4 && memcmp(buf, "one\n", 4) == 0);
    KEXPECT(tty_take(t, buf, 2) == 2 && memcmp(buf, "tw", 2) == 0);   /* a short read */
    KEXPECT(tty_take(t, buf, sizeof buf) == 2 && memcmp(buf, "o\n", 2) == 0);
}

KTEST(fs_tty_ctrl_d)
{
    struct tty *t = new_tty(true);
    char buf[64];
    type(t, "\x04");                                    /* alone: end of file */
    KEXPECT(tty_take(t, buf, sizeof buf) == 0);
    KEXPECT(tty_take(t, buf, sizeof buf) == -EAGAIN);
    type(t, "xy\x04");                                  /* after text: ends the line, no NL */
    KEXPECT(tty_take(t, buf, sizeof buf) == 2 && memcmp(buf, "xy", 2) == 0);
    KEXPECT(tty_take(t, buf, sizeof buf) == -EAGAIN);
    type(t, "pq\x04");                                  /* read in pieces: no false EOF */
    KEXPECT(tty_take(t, buf, 1) == 1 && tty_take(t, buf, 1) == 1 && buf[0] == 'q');
    KEXPECT(tty_take(t, buf, sizeof buf) == -EAGAIN);
    KEXPECT(strcmp(echoed, "xypq") == 0);               /* ^D is not echoed */
    type(t, "\x03z\n");                                 /* ^C is ignored for now */
    KEXPECT(tty_take(t, buf, sizeof buf) == 2 && buf[0] == 'z');
}

KTEST(fs_tty_full_line_keeps_room_for_enter)
{
    struct tty *t = new_tty(true);
    t->echo = false;
    char buf[TTY_BUF];
    for (int i = 0; i < TTY_BUF + 50; i++)
        tty_input(t, 'x');
    KEXPECT(tty_take(t, buf, sizeof buf) == -EAGAIN);
    tty_input(t, '\n');
    KEXPECT(tty_take(t, buf, sizeof buf) == TTY_BUF - 1 && buf[TTY_BUF - 2] == '\n');
}

KTEST(fs_tty_raw_mode)
{
    struct tty *t = new_tty(false);
    char buf[16];
    type(t, "a\x7f\x04");                               /* no editing: every byte is data */
    KEXPECT(tty_take(t, buf, sizeof buf) == 3 && buf[1] == 0x7f && buf[2] == 0x04);
    KEXPECT(tty_take(t, buf, sizeof buf) == -EAGAIN);
}
