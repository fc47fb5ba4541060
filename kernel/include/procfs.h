/*
 * /proc (proc(5)): files whose text is made at their first read. A show() function prints
 * into a pbuf; the file system runs it again with a bigger buffer when the text did not fit,
 * so show() must print the same thing twice and may not keep state. Binary files of 64-bit
 * entries (pagemap, kpagecount, kpageflags) are made as they are read instead.
 *
 * Per-process files live in the table of kernel/fs/procfs_pid.c: add a line there to add a
 * /proc/<pid>/NAME. The lines of /proc/<pid>/status that describe memory (VmSize, VmRSS, ...)
 * come from procfs_status_vm(), which the VM layer provides (a weak default prints nothing).
 */
#ifndef PROCFS_H
#define PROCFS_H

#include <kernel.h>

struct proc;
struct file;

struct pbuf {
    char *buf;
    size_t size, len;          /* len may pass size: the text was cut, run again */
};

void pbuf_printf(struct pbuf *b, const char *fmt, ...) PRINTF(2, 3);

/* read() of a binary file whose entry i (64 bits) is at offset 8 * i: whole entries only,
 * from a whole entry's offset (EINVAL otherwise, as Linux), none from count on; entry(i, arg)
 * makes each one as it is read. */
long procfs_read_entries(struct file *f, uintptr_t ubuf, size_t n, uint64_t count,
                         uint64_t (*entry)(uint64_t i, void *arg), void *arg);

/* The memory lines of /proc/<pid>/status ("VmSize:\t    1234 kB\n", ...). */
void procfs_status_vm(struct proc *p, struct pbuf *b);

#endif
