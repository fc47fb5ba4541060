/*
 * Files and file descriptors. Contract between the process core (kernel/proc*.c, which owns
 * struct proc) and the file system layer (kernel/fs/).
 *
 * A struct file is an open file: operations, position, flags, reference count (fork and dup
 * share one). Operations that move data take user addresses (uintptr_t) and use uaccess.h;
 * kernel-internal readers (the ELF loader, file mappings) use pread_kernel.
 */
#ifndef VFS_H
#define VFS_H

#include <kernel.h>
#include <abi/poll.h>

struct file;
struct kstat;

/* What lseek does with a file. */
enum file_seek {
    FILE_SEEK_NONE,         /* a pipe or a terminal: ESPIPE (the default) */
    FILE_SEEK_POSITION,     /* a file: the position moves */
    FILE_SEEK_ZERO,         /* /dev/null, /dev/zero: every seek lands at 0, as on Linux */
    FILE_SEEK_DIRECTORY,    /* a listing: SEEK_SET and SEEK_CUR only (dcache_dir_lseek) */
};

struct shmem;

struct file_ops {
    long (*read)(struct file *f, uintptr_t ubuf, size_t n);                 /* -EINVAL if absent */
    long (*write)(struct file *f, uintptr_t ubuf, size_t n);
    /* Read into kernel memory at a given offset, position untouched: bytes read, 0 at EOF. */
    long (*pread_kernel)(struct file *f, void *buf, size_t n, uint64_t off);
    long (*getdents64)(struct file *f, uintptr_t ubuf, size_t n);           /* -ENOTDIR if absent */
    long (*ioctl)(struct file *f, unsigned cmd, uintptr_t uarg);            /* -ENOTTY if absent */
    int (*stat)(struct file *f, struct kstat *st);
    void (*release)(struct file *f);                                        /* last reference gone */
    /* What a read or write would do now without waiting, as POLL* bits; if absent, both
     * work (a file on a disk is always ready, as on Linux). */
    unsigned (*poll)(struct file *f);
    enum file_seek seek;
    /* The shared memory object that holds the file's pages (tmpfs): MAP_SHARED maps those
     * pages themselves, so writes through a mapping are the file's, and write() is seen in
     * every mapping. Absent: a shared mapping gets copies (pread_kernel) and is never
     * writable (ENODEV for PROT_WRITE, EACCES for mprotect to it). */
    struct shmem *(*shared_memory)(struct file *f);
    /* A write fault filled a page of a shared mapping of the file: its times move, as Linux's
     * fault_dirty_shared_page moves them (only at a fault: a store to a page already mapped
     * writable moves nothing, there as here). */
    void (*mapping_written)(struct file *f);
};

struct file {
    const struct file_ops *ops;
    unsigned refcount;
    unsigned flags;              /* O_ACCMODE bits and O_APPEND/O_NONBLOCK, Linux values */
    uint64_t pos;
    void *priv;
};

/* The part of struct stat64 the kernel knows; the fs layer converts to Linux's layout. */
struct kstat {
    uint32_t mode, nlink, uid, gid;
    uint64_t ino, size, rdev;
    uint32_t blksize;
    uint64_t blocks;
    int64_t atime, mtime, ctime;
    uint32_t atime_nsec, mtime_nsec, ctime_nsec;
    uint64_t dev;                /* st_dev: which file system (added by kernel/fs) */
};

/* What statfs(2) says of a file system, in 4096-byte blocks. */
struct kstatfs {
    uint32_t type, bsize, namelen, frsize, flags;
    uint64_t blocks, bfree, bavail, files, ffree;
};

#define NR_OPEN 64

struct fdtable {
    struct file *fd[NR_OPEN];
    uint64_t cloexec;            /* bit n: descriptor n closes on execve */
};

/* Set up the root file system from the initrd (boot module), or panic if there is none. */
void vfs_init(const void *initrd, size_t size);

/* Open a path (absolute or relative to the current process's cwd) for the kernel itself. */
long vfs_open(const char *path, unsigned flags, struct file **out);
void file_get(struct file *f);
void file_put(struct file *f);   /* drop a reference; release on the last */

/* Descriptor tables: the process core calls these at fork, execve and exit. */
struct fdtable *fdtable_new(void);               /* empty; NULL when out of memory */
struct fdtable *fdtable_clone(struct fdtable *t);
void fdtable_exec(struct fdtable *t);            /* close the close-on-exec ones */
void fdtable_free(struct fdtable *t);            /* close everything and free */
/* Install f at the lowest free descriptor >= min: the descriptor or -EMFILE. Takes a reference. */
int fd_install(struct fdtable *t, struct file *f, int min);

/* The open file behind descriptor fd (borrowed: no reference taken), or NULL. */
struct file *fd_get(struct fdtable *t, int fd);

/* Write the file's path (e.g. "/bin/sh") into buf, for /proc/<pid>/maps and messages. */
void vfs_describe(struct file *f, char *buf, size_t size);

/* The console as a file: descriptors 0, 1 and 2 of init. Each call returns a new reference to
 * one shared open file (file_put it after fd_install; the file itself is never freed). */
struct file *console_file(void);

#endif
