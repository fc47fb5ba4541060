/*
 * Random bytes: xorshift64* (Vigna, 2014) seeded from the time-stamp counter on first use.
 * Good enough for stack-protector canaries and hash seeds in a teaching kernel; it is not
 * a cryptographic generator, and getrandom says so nowhere else: here.
 */
#include <errno.h>
#include <random.h>
#include <uaccess.h>
#include <timer.h>

#define GRND_NONBLOCK 1
#define GRND_RANDOM   2
#define GRND_INSECURE 4

static uint64_t state;

static uint64_t next(void)
{
    if (!state)
        state = arch_cycles() | 1;
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1DULL;
}

void get_random_bytes(void *buf, size_t n)
{
    uint8_t *p = buf;
    while (n) {
        uint64_t v = next();
        size_t k = MIN(n, sizeof v);
        memcpy(p, &v, k);
        p += k;
        n -= k;
    }
}

long sys_getrandom(uintptr_t ubuf, size_t len, unsigned flags)
{
    if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    uint8_t chunk[64];
    for (size_t done = 0; done < len;) {
        size_t k = MIN(len - done, sizeof chunk);
        get_random_bytes(chunk, k);
        if (copy_to_user(ubuf + done, chunk, k) < 0)
            return done ? (long)done : -EFAULT;
        done += k;
    }
    return (long)len;
}
