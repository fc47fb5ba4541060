#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <bits/alltypes.h>

#endif
