#ifndef _STRINGS_H
#define _STRINGS_H

#include <bits/alltypes.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
int ffs(int i);

#endif
