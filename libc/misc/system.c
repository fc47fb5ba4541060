/* Asking about the system: uname(2), getrandom(2), reboot(2), sysconf. */
#include <errno.h>
#include <sys/random.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "syscall.h"

int uname(struct utsname *u)
{
	return __sys(__NR_uname, u);
}

ssize_t getrandom(void *buf, size_t len, unsigned flags)
{
	return __sys(__NR_getrandom, buf, len, flags);
}

/* Linux wants two magic numbers before the command (reboot(2)). */
#define REBOOT_MAGIC1 0xfee1deadUL
#define REBOOT_MAGIC2 672274793UL

int reboot(int cmd)
{
	return __sys(__NR_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2, cmd, 0);
}

int getpagesize(void)
{
	return 4096;	/* i386 without PAE huge pages: always */
}

long sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE:
		return getpagesize();
	case _SC_CLK_TCK:
		return 100;	/* USER_HZ: the unit of times(2) on every Linux */
	}
	errno = EINVAL;
	return -1;
}
