/* Linux's old name for <sys/statfs.h>. */
#include <sys/statfs.h>
