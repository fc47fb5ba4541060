/*
 * The kernel's printf: one formatter that emits through a callback, used for the console
 * and for buffers. Supports flags "-0#+ ", width, precision, the l, ll, z and h length
 * modifiers, and %d %i %u %x %X %o %p %s %c %%.
 */
#include <kernel.h>
#include <arch/console.h>

struct sink {
    void (*put)(struct sink *, char);
    char *buf;
    size_t size, len;
};

static void put_buf(struct sink *s, char c)
{
    if (s->len + 1 < s->size)
        s->buf[s->len] = c;
    s->len++;
}

static void put_console(struct sink *s, char c)
{
    s->buf[s->len++ % s->size] = c;
    if (s->len % s->size == 0)
        arch_console_write(s->buf, s->size);
}

static void pad(struct sink *s, char c, int n)
{
    while (n-- > 0)
        s->put(s, c);
}

static void emit_number(struct sink *s, unsigned long long v, bool negative, int base, bool upper,
                        int width, int prec, bool left, char padc, const char *prefix)
{
    char digits[24];
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;
    do {
        digits[n++] = set[v % (unsigned)base];
        v /= (unsigned)base;
    } while (v);
    if (prec >= 0)
        padc = ' ';
    int zeros = prec > n ? prec - n : 0;
    int sign = negative || *prefix ? (int)strlen(prefix) + negative : 0;
    int total = n + zeros + sign;
    if (!left && padc == ' ')
        pad(s, ' ', width - total);
    if (negative)
        s->put(s, '-');
    for (const char *p = prefix; *p; p++)
        s->put(s, *p);
    if (!left && padc == '0')
        pad(s, '0', width - total);
    pad(s, '0', zeros);
    while (n)
        s->put(s, digits[--n]);
    if (left)
        pad(s, ' ', width - total);
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            s->put(s, *fmt);
            continue;
        }
        bool left = false, alt = false, plus = false, space = false;
        char padc = ' ';
        for (;; fmt++) {
            if (fmt[1] == '-') left = true;
            else if (fmt[1] == '0') padc = '0';
            else if (fmt[1] == '#') alt = true;
            else if (fmt[1] == '+') plus = true;
            else if (fmt[1] == ' ') space = true;
            else break;
        }
        fmt++;
        int width = 0, prec = -1;
        if (*fmt == '*') {
            width = va_arg(ap, int);
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        if (*fmt == '.') {
            prec = 0;
            fmt++;
            if (*fmt == '*') {
                prec = va_arg(ap, int);
                fmt++;
            }
            while (*fmt >= '0' && *fmt <= '9')
                prec = prec * 10 + (*fmt++ - '0');
        }
        int longs = 0;
        while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') {
            if (*fmt == 'l')
                longs++;
            fmt++;
        }
        unsigned long long u;
        switch (*fmt) {
        case 'd':
        case 'i': {
            long long v = longs >= 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
            u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
            emit_number(s, u, v < 0, 10, false, width, prec, left, padc, v >= 0 && plus ? "+" : v >= 0 && space ? " " : "");
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            u = longs >= 2 ? va_arg(ap, unsigned long long) : longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            int base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
            const char *prefix = alt && u && base == 16 ? (*fmt == 'X' ? "0X" : "0x") : alt && base == 8 ? "0" : "";
            emit_number(s, u, false, base, *fmt == 'X', width, prec, left, padc, prefix);
            break;
        }
        case 'p':
            emit_number(s, (uintptr_t)va_arg(ap, void *), false, 16, false, width, prec, left, padc, "0x");
            break;
        case 'c':
            if (!left) pad(s, ' ', width - 1);
            s->put(s, (char)va_arg(ap, int));
            if (left) pad(s, ' ', width - 1);
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            int n = (int)(prec >= 0 ? strnlen(str, (size_t)prec) : strlen(str));
            if (!left) pad(s, ' ', width - n);
            for (int i = 0; i < n; i++)
                s->put(s, str[i]);
            if (left) pad(s, ' ', width - n);
            break;
        }
        case '%':
            s->put(s, '%');
            break;
        case '\0':
            return;
        default:
            s->put(s, '%');
            s->put(s, *fmt);
        }
    }
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s = { put_buf, buf, size, 0 };
    format(&s, fmt, ap);
    if (size)
        buf[MIN(s.len, size - 1)] = '\0';
    return (int)s.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int kvprintf(const char *fmt, va_list ap)
{
    char chunk[128];
    struct sink s = { put_console, chunk, sizeof chunk, 0 };
    format(&s, fmt, ap);
    arch_console_write(chunk, s.len % s.size);
    return (int)s.len;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}
