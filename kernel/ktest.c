/* The in-kernel test runner. See ktest.h. */
#include <ktest.h>

extern const struct ktest _ktests_start[], _ktests_end[];

static int current_failures;
static uint32_t seed = 12345;

void ktest_check(bool ok, const char *what, const char *file, int line)
{
    if (ok)
        return;
    current_failures++;
    kprintf("ktest:   check failed: %s (%s:%d)\n", what, file, line);
}

uint32_t ktest_random(void)
{
    seed = seed * 1103515245u + 12345u;        /* the C standard's example generator */
    return seed >> 8;
}

static bool selected(const char *name, const char *filter)
{
    size_t n = 0;
    while (filter[n] && filter[n] != ' ')
        n++;
    return n == 0 || strncmp(name, filter, n) == 0;
}

int ktest_run_all(const char *filter)
{
    int passed = 0, failed = 0;
    for (const struct ktest *t = _ktests_start; t < _ktests_end; t++) {
        if (!selected(t->name, filter))
            continue;
        current_failures = 0;
        t->run();
        kprintf("ktest: %s: %s\n", t->name, current_failures ? "FAIL" : "ok");
        if (current_failures)
            failed++;
        else
            passed++;
    }
    kprintf("ktest: %d passed, %d failed\n", passed, failed);
    return failed;
}
