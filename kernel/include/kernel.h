/* Things every kernel file wants: fixed-width types, a few macros, printing and panicking. */
#ifndef KERNEL_H
#define KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)       (sizeof(a) / sizeof((a)[0]))
#define ALIGN_DOWN(x, a)    ((x) & ~((__typeof__(x))(a) - 1))
#define ALIGN_UP(x, a)      ALIGN_DOWN((x) + (a) - 1, (a))
#define IS_ALIGNED(x, a)    (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define MIN(a, b)           ((a) < (b) ? (a) : (b))
#define MAX(a, b)           ((a) > (b) ? (a) : (b))
#define container_of(p, type, member) ((type *)((char *)(p) - offsetof(type, member)))
#define UNUSED              __attribute__((unused))
#define NORETURN            __attribute__((noreturn))
#define PRINTF(f, a)        __attribute__((format(printf, f, a)))

#define KiB 1024u
#define MiB (1024u * 1024u)

int kprintf(const char *fmt, ...) PRINTF(1, 2);
int kvprintf(const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) PRINTF(3, 4);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Print the message, registers and a backtrace, then end the machine with a failing status. */
NORETURN void panic(const char *fmt, ...) PRINTF(1, 2);

#define assert(cond)                                                                  \
    do {                                                                              \
        if (!(cond))                                                                  \
            panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__);         \
    } while (0)

/* String and memory helpers (kernel/lib/string.c). */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strstr(const char *hay, const char *needle);
size_t strlcpy(char *dst, const char *src, size_t size);
unsigned long strtoul(const char *s, char **end, int base);

#endif
