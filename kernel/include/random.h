/* Non-cryptographic random bytes for AT_RANDOM and getrandom (xorshift64*, seeded at boot). */
#ifndef RANDOM_H
#define RANDOM_H

#include <stddef.h>

void get_random_bytes(void *buf, size_t n);

#endif
