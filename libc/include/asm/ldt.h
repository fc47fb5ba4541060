/* struct user_desc, for set_thread_area and clone(CLONE_SETTLS), where Linux puts it. */
#ifndef _ASM_LDT_H
#define _ASM_LDT_H

#include <abi/ldt.h>

#endif
