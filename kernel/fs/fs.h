/*
 * Inside the file system layer (kernel/fs/): inodes, the path walk, mounts, and what the
 * pieces share. Everything here is private to kernel/fs and its tests (kernel/ktests/fs_*.c);
 * the rest of the kernel sees vfs.h only.
 *
 * An inode is a node of some tree (the initrd, /proc, a tmpfs): a type, a number and
 * operations. Static inodes (the initrd's, /proc's fixed files) live forever; dynamic ones
 * (/proc/<pid>, tmpfs files) are counted and released by their file system when the last
 * reference goes. A reference is an open file or a walk passing through; a name in a
 * directory is a link (nlink), not a reference.
 */
#ifndef FS_FS_H
#define FS_FS_H

#include <kernel.h>
#include <vfs.h>
#include <arch/memlayout.h>

/* Linux's values: include/uapi/asm-generic/fcntl.h, include/uapi/linux/stat.h. */
#include <abi/fcntl.h>

#define S_IFMT   0170000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISUID  04000
#define S_ISGID  02000
#define S_ISVTX  01000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)

#define DT_FIFO 1
#define DT_CHR  2
#define DT_DIR  4
#define DT_REG  8
#define DT_LNK  10

#define AT_FDCWD            (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH       0x1000

#define FS_PATH_MAX  4096      /* Linux's PATH_MAX, counting the NUL */
#define FS_NAME_MAX  255       /* one component */
#define FS_MAXSYMLINKS 40      /* Linux's limit on links followed in one lookup */

/* Device numbers for st_dev, so (st_dev, st_ino) names one file. */
#define DEV_INITRD  0x0001     /* 0:1 */
#define DEV_PROC    0x0004     /* 0:4 */
#define DEV_PIPE    0x000c     /* 0:12, pipefs */
#define DEV_DEVTMP  0x0005     /* 0:5, the console */
#define DEV_TMPFS   0x0014     /* 0:20, 0:21, ...: one per tmpfs mount */
#define MKDEV(ma, mi) (((uint64_t)(ma) << 8) | (mi))

struct inode;

struct inode_ops {
    /* The child called name[0..len) of a directory: 0 and a reference in *out, or -ENOENT. */
    long (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
    /* Make an open file for this inode (access mode already checked against the type). */
    long (*open)(struct inode *ino, unsigned flags, struct file **out);
    /* A symlink's target into buf (not NUL-terminated): its length, or -errno. */
    long (*readlink)(struct inode *ino, char *buf, size_t size);
    /* A dynamic inode's last reference is gone. NULL for static inodes. */
    void (*release)(struct inode *ino);
    /* What the generic fields do not say (the size and blocks of a file whose pages come and
     * go): called after inode_stat filled st. Optional. */
    void (*getattr)(struct inode *ino, struct kstat *st);

    /*
     * A file system that can change (tmpfs) has these; without them the calls fail as
     * sys_names.c describes. The checks every file system shares (the directory exists, the
     * last component is a name, EROFS, EXDEV) are made before; name[0..len) is one component.
     */
    /* A new regular file (mode with S_IFREG): 0 and a reference in *out, or -errno. */
    long (*create)(struct inode *dir, const char *name, size_t len, uint32_t mode, struct inode **out);
    long (*mkdir)(struct inode *dir, const char *name, size_t len, uint32_t mode);
    long (*symlink)(struct inode *dir, const char *name, size_t len, const char *target);
    /* Another name for ino (not a directory, of this file system). */
    long (*link)(struct inode *dir, const char *name, size_t len, struct inode *ino);
    /* Remove a name that is not a directory (unlink) or an empty directory (rmdir); the
     * caller made sure it exists and is of that kind. */
    long (*unlink)(struct inode *dir, const char *name, size_t len);
    long (*rmdir)(struct inode *dir, const char *name, size_t len);
    /* rename(2)'s work once both directories are known: looks both names up and makes every
     * remaining check in Linux's order. slash: that name had a trailing slash. */
    long (*rename)(struct inode *odir, const char *oname, size_t olen, bool oslash,
                   struct inode *ndir, const char *nname, size_t nlen, bool nslash, unsigned flags);
    /* Set a regular file's size (truncate(2)); mtime and ctime move even if it stays, as
     * Linux's truncate, ftruncate and O_TRUNC all do. */
    long (*truncate)(struct inode *ino, uint64_t size);
    /* statfs(2)'s answer for this file system. */
    void (*statfs)(struct inode *ino, struct kstatfs *st);
    /* Where a directory is now, as an absolute path in buf: its length, -ENOENT once it was
     * removed, -ENAMETOOLONG. For file systems whose directories can move or go (tmpfs), so
     * that a descriptor follows its directory (open files keep the path they were opened at). */
    long (*dir_path)(struct inode *dir, char *buf, size_t size);
};

#define INODE_RDONLY_FS 1      /* writing anything here is EROFS (the initrd) */

/* A time stamp: seconds and nanoseconds since 1970-01-01 UTC. */
struct fs_time {
    int64_t sec;
    uint32_t nsec;
};
struct fs_time fs_now(void);

struct inode {
    const struct inode_ops *ops;
    uint32_t mode;             /* S_IF* | permission bits */
    uint32_t nlink;
    uint32_t flags;            /* INODE_* */
    unsigned refcount;         /* dynamic inodes only */
    uint32_t uid, gid;
    uint64_t ino, dev, rdev, size;
    struct fs_time atime, mtime, ctime;
    void *priv;
};

void inode_get(struct inode *ino);
void inode_put(struct inode *ino);
void inode_stat(struct inode *ino, struct kstat *st);
/* Can this file system change its tree (tmpfs)? */
static inline bool inode_writable_fs(const struct inode *ino) { return ino->ops->create != NULL; }

/* Mounts: walking onto mountpoint continues at root. */
int vfs_mount(struct inode *mountpoint, struct inode *root);
void vfs_umount(struct inode *mountpoint);
struct inode *vfs_root(void);
struct inode *mounted_on(struct inode *mountpoint);   /* its root, or NULL */

/* Path walk (namei.c). Starts at root, or at the directory cwd names when path is relative.
 * On success *out holds a reference; canon (FS_PATH_MAX bytes, optional) gets the absolute
 * path of what was found, symlinks resolved. */
#define WALK_NOFOLLOW 1        /* a final symlink is the answer, not followed */
long path_walk(struct inode *root, const char *cwd, const char *path, unsigned flags,
               struct inode **out, char *canon);
/* The same from the system root and the current process's cwd ("/" without a process). */
long vfs_lookup(const char *path, unsigned flags, struct inode **out, char *canon);
/* The same relative to directory path dir (NULL: the cwd), for the *at() calls. */
long vfs_lookup_at(const char *dir, const char *path, unsigned flags, struct inode **out, char *canon);
/* mode: a new file's permission bits (O_CREAT), before the umask takes its share. */
long vfs_open_at(const char *dir, const char *path, unsigned flags, unsigned mode, struct file **out);
/* The directory holding path's last component, for the calls that add or remove a name:
 * 0 and a reference in *parent (a directory), and what the last component is; or -errno
 * (ENOENT for an empty path, the walk's errors, ENOTDIR). Trailing slashes are ignored. */
enum last_kind { LAST_NAME, LAST_ROOT, LAST_DOT, LAST_DOTDOT };
long vfs_parent_at(const char *dir, const char *path, struct inode **parent, enum last_kind *kind);
/* cwd for relative paths of the current process, and its umask (022 without a process) */
const char *current_cwd(void);
unsigned current_umask(void);

/* System call helpers (sys_path.c). */
/* Copy a path from user memory into a kmalloc'd FS_PATH_MAX buffer: 0 or -errno. */
long user_path(uintptr_t upath, char **out);
/* The directory a *at() call's path is relative to: 0 and *dir (NULL for the cwd), or -errno. */
long at_dir(int dirfd, const char *path, const char **dir);
/* What path names, relative to dirfd as a *at() call reads it (walk: WALK_NOFOLLOW or 0):
 * 0 and a reference in *out, or -errno. */
long lookup_at(int dirfd, const char *path, unsigned walk, struct inode **out);
/* What the user's path upath names, from the cwd, a final symlink followed (truncate, statfs):
 * 0 and a reference in *out, or -errno. */
long user_lookup(uintptr_t upath, struct inode **out);

/* Open an inode the way open(2) would (checks, then ops->open). */
long inode_open(struct inode *ino, unsigned flags, struct file **out);

/* Open files (file.c). */
struct file *file_alloc(const struct file_ops *ops, unsigned flags, void *priv);
/* The current process's open file fd (no reference taken), or NULL. */
struct file *fd_file(int fd);
/* Close fd in t: 0 or -EBADF. */
int fd_close(struct fdtable *t, int fd);

/*
 * Files opened from an inode share this private part and these helpers: the inode, the
 * canonical path (for openat on a directory descriptor), and what the file system keeps.
 */
struct ifile {
    struct inode *inode;
    char *path;                /* kmalloc'd, or NULL */
    void *data;                /* procfs: the generated text */
    size_t len;
};
long ifile_new(struct inode *ino, const struct file_ops *ops, unsigned flags, struct file **out);
int ifile_stat(struct file *f, struct kstat *st);
void ifile_release(struct file *f);
/* read() on a directory: EISDIR */
long ifile_dir_read(struct file *f, uintptr_t ubuf, size_t n);
/* priv of f when f was opened from an inode, else NULL */
struct ifile *file_ifile(struct file *f);
/* Bring the path an open directory is known by up to date (it may have moved): 0, or -ENOENT
 * when it was removed (the old path is kept). */
long ifile_follow_dir(struct ifile *fi);

/* Reading from memory: read advances f->pos; pread does not. */
long mem_read(struct file *f, uintptr_t ubuf, size_t n, const void *data, size_t size);
long mem_pread(void *buf, size_t n, uint64_t off, const void *data, size_t size);

/* getdents64 records (linux_dirent64) into a user buffer. */
struct dirent_sink {
    uintptr_t ubuf;
    char *kbuf;                /* when set, records go here instead (kernel callers, tests) */
    size_t size, used;
    int error;                 /* -EFAULT, or -EINVAL when the first record did not fit */
};
/* Append one record; false when it does not fit (or on a fault): stop there. */
bool dirent_emit(struct dirent_sink *s, uint64_t ino, uint64_t next_off, unsigned type,
                 const char *name, size_t len);
long dirent_result(struct dirent_sink *s);
unsigned dtype_of(uint32_t mode);

/* The initrd (initrd.c): a read-only tree over a cpio newc archive, data left in place. */
long initrd_parse(const void *data, size_t size, struct inode **root);
void initrd_free(struct inode *root);          /* tests: free the nodes, not the data */
/* Find or add an empty directory name in dir (a mountpoint the archive lacks). */
struct inode *initrd_ensure_dir(struct inode *dir, const char *name);

/* procfs (procfs*.c) and /dev (devfs.c); /dev/shm is a directory there to mount a tmpfs on. */
struct inode *procfs_root(void);
struct inode *devfs_root(void);
struct inode *devfs_shm_dir(void);

/* tmpfs (tmpfs*.c): a new, empty file system in memory, to be mounted at the absolute path
 * mounted_at (kept: it starts every path dir_path makes); its root, or NULL. */
struct inode *tmpfs_new(const char *mounted_at);
void tmpfs_free(struct inode *root);           /* tests: an emptied tmpfs, root and all */

/* The console's line discipline (tty.c), separate from the device so tests can drive it. */
#define TTY_BUF 1024
struct tty {
    char buf[TTY_BUF];         /* ring: [head, commit) readable, [commit, edit) the line being typed */
    unsigned head, commit, edit;
    bool echo, canonical;
    bool mid_line;             /* a read stopped inside a line */
    int fg_pgrp;               /* the foreground process group (tcsetpgrp), 0 when none is set */
    void (*out)(const char *s, size_t n);      /* where echo goes */
};
void tty_input(struct tty *t, char c);
/* Take up to n bytes of one line: count, 0 at end of file (^D), -EAGAIN when nothing is ready. */
long tty_take(struct tty *t, char *buf, size_t n);
/* A new open file on the console (/dev/console, /dev/tty). */
long console_open(unsigned flags, struct file **out);

/* Pipes (pipe.c): the ring buffer and its ends. */
#define PIPE_PAGES 16
#define PIPE_SIZE (PIPE_PAGES * PAGE_SIZE)  /* 64 KiB, Linux's default pipe capacity */
#define PIPE_BUF 4096                       /* writes up to this size are never interleaved */
struct pipe {
    char *page[PIPE_PAGES];     /* the ring; all but the first page taken when written, given back when empty */
    unsigned rpos, count;
    unsigned readers, writers;
};
struct pipe *pipe_new(void);
void pipe_free(struct pipe *p);
size_t pipe_put(struct pipe *p, const char *src, size_t n);    /* bytes copied in (fewer: no memory) */
size_t pipe_get(struct pipe *p, char *dst, size_t n);          /* bytes copied out */
size_t pipe_pages_held(const struct pipe *p);
long pipe_create(unsigned flags, struct file **rd, struct file **wr);

/* Waiting for descriptors (sys_poll.c), shared by poll, ppoll and the select calls. */
unsigned fd_poll(int fd);      /* what fd could do now (POLL*); POLLNVAL when it is not open */
struct wait_time {
    bool forever;              /* no time-out */
    bool zero;                 /* a time-out of 0: look once, write no time left back */
    uint64_t deadline;         /* else: until timer_ns() reaches this */
};
void wait_time_set(struct wait_time *w, uint64_t ns);     /* a time-out of ns from now */
uint64_t wait_time_left(const struct wait_time *w);
/* ppoll's and pselect6's time-out, a struct timespec (32- or 64-bit fields; NULL: none);
 * and, as Linux does, the time that was left written back to it (not for a time-out of 0). */
long wait_time_from_timespec(struct wait_time *w, uintptr_t uts, bool wide);
void wait_time_write_back(const struct wait_time *w, uintptr_t uts, bool wide);
/* Ask ready(arg) now and at every tick until it answers non-zero (returned), the time is up
 * (0) or a signal comes (-EINTR). */
long wait_ready(long (*ready)(void *arg), void *arg, const struct wait_time *w);
/* What a file could do has changed (data came, room was made, an end closed): pollers look
 * again now rather than at the next tick. */
void poll_notify(void);

#endif
