/* Checked access to user memory; see uaccess.h. The copying itself is arch/x86/uaccess.asm. */
#include <errno.h>
#include <kheap.h>
#include <uaccess.h>
#include <arch/memlayout.h>

size_t arch_copy_user(void *dst, const void *src, size_t n);
size_t arch_clear_user(void *dst, size_t n);
long arch_strncpy_user(char *dst, const char *src, size_t max);

bool user_range_ok(uintptr_t u, size_t n)
{
    return u < USER_TOP && n <= USER_TOP - u;
}

int copy_from_user(void *dst, uintptr_t usrc, size_t n)
{
    if (!user_range_ok(usrc, n))
        return -EFAULT;
    return arch_copy_user(dst, (const void *)usrc, n) ? -EFAULT : 0;
}

int copy_to_user(uintptr_t udst, const void *src, size_t n)
{
    if (!user_range_ok(udst, n))
        return -EFAULT;
    return arch_copy_user((void *)udst, src, n) ? -EFAULT : 0;
}

int clear_user(uintptr_t udst, size_t n)
{
    if (!user_range_ok(udst, n))
        return -EFAULT;
    return arch_clear_user((void *)udst, n) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, uintptr_t usrc, size_t max)
{
    if (usrc >= USER_TOP || max == 0)
        return -EFAULT;
    size_t limit = MIN(max, USER_TOP - usrc);     /* never read past the user half */
    long n = arch_strncpy_user(dst, (const char *)usrc, limit);
    if (n < 0)
        return -EFAULT;
    if ((size_t)n == limit) {
        dst[max - 1] = '\0';
        return limit < max ? -EFAULT : -ENAMETOOLONG;
    }
    return n;
}

struct iovec32 *iovecs_from_user(uintptr_t uiov, size_t n, uint32_t max_total, long *err)
{
    struct iovec32 *v = kmalloc(n ? n * sizeof *v : 1);
    *err = v ? 0 : -ENOMEM;
    if (v && n && copy_from_user(v, uiov, n * sizeof *v) < 0)
        *err = -EFAULT;
    uint32_t sum = 0;
    for (size_t i = 0; i < n && !*err; i++) {
        if (v[i].len > max_total - sum)
            *err = -EINVAL;             /* the total would not fit in ssize_t */
        sum += v[i].len;
    }
    if (*err) {
        kfree(v);
        return NULL;
    }
    return v;
}
