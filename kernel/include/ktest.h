/*
 * In-kernel unit tests. KTEST(name) { ... KEXPECT(cond); ... } registers a test in the .ktests
 * section; the boot option "ktest" runs them all ("ktest=pmm" only those whose name starts with
 * pmm) and prints one line per test and a final "ktest: N passed, N failed" for the host runner.
 */
#ifndef KTEST_H
#define KTEST_H

#include <kernel.h>

struct ktest {
    const char *name;
    void (*run)(void);
};

#define KTEST(tname)                                                                   \
    static void ktest_##tname(void);                                                  \
    static const struct ktest ktest_entry_##tname                                     \
        __attribute__((section(".ktests"), used)) = { #tname, ktest_##tname };        \
    static void ktest_##tname(void)

#define KEXPECT(cond) ktest_check((cond), #cond, __FILE__, __LINE__)

void ktest_check(bool ok, const char *what, const char *file, int line);
/* Run the tests selected by the filter ("" = all); returns the number that failed. */
int ktest_run_all(const char *filter);
/* A small deterministic pseudo-random generator for tests. */
uint32_t ktest_random(void);

#endif
