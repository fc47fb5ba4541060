/* reboot(2) commands, Linux's (include/uapi/linux/reboot.h). */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#define RB_AUTOBOOT 0x01234567
#define RB_HALT_SYSTEM 0xcdef0123
#define RB_POWER_OFF 0x4321fedc

/* The libc call adds the two magic numbers the syscall wants. */
int reboot(int cmd);

#endif
