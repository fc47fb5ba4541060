/*
 * The file system as a whole: the root (the initrd), the mount table (/proc, /dev, a tmpfs on
 * /tmp and one on /dev/shm), inodes' life and open(2)'s checks. Rules from Linux's open(2): a directory opened for writing is EISDIR,
 * anything on a read-only file system opened for writing (or with O_TRUNC, which writes) is
 * EROFS, O_DIRECTORY on a non-directory is ENOTDIR.
 */
#include <errno.h>
#include <kheap.h>
#include <proc.h>
#include <timer.h>
#include "fs.h"

#define MAX_MOUNTS 8

static struct inode *root;
static struct { struct inode *mountpoint, *root; } mounts[MAX_MOUNTS];

void inode_get(struct inode *ino)
{
    if (ino->ops->release)
        ino->refcount++;
}

void inode_put(struct inode *ino)
{
    if (!ino || !ino->ops->release)
        return;
    assert(ino->refcount > 0);
    if (--ino->refcount == 0)
        ino->ops->release(ino);
}

struct fs_time fs_now(void)
{
    int64_t ns = timer_epoch_ns();
    return (struct fs_time){ ns / 1000000000, (uint32_t)(ns % 1000000000) };
}

void inode_stat(struct inode *ino, struct kstat *st)
{
    memset(st, 0, sizeof *st);
    st->mode = ino->mode;
    /* a static inode that does not count its links has one; a removed file has none */
    st->nlink = ino->nlink || ino->ops->create ? ino->nlink : 1;
    st->uid = ino->uid;
    st->gid = ino->gid;
    st->ino = ino->ino;
    st->dev = ino->dev;
    st->rdev = ino->rdev;
    st->size = ino->size;
    st->blksize = 4096;
    st->blocks = (ino->size + 511) / 512;
    st->atime = ino->atime.sec, st->atime_nsec = ino->atime.nsec;
    st->mtime = ino->mtime.sec, st->mtime_nsec = ino->mtime.nsec;
    st->ctime = ino->ctime.sec, st->ctime_nsec = ino->ctime.nsec;
    if (ino->ops->getattr)
        ino->ops->getattr(ino, st);
}

int vfs_mount(struct inode *mountpoint, struct inode *fsroot)
{
    for (int i = 0; i < MAX_MOUNTS; i++) {
        if (!mounts[i].mountpoint) {
            mounts[i].mountpoint = mountpoint;
            mounts[i].root = fsroot;
            return 0;
        }
    }
    return -EBUSY;
}

void vfs_umount(struct inode *mountpoint)
{
    for (int i = 0; i < MAX_MOUNTS; i++)
        if (mounts[i].mountpoint == mountpoint)
            mounts[i].mountpoint = mounts[i].root = NULL;
}

/* namei.c asks: what is mounted on ino? */
struct inode *mounted_on(struct inode *ino)
{
    for (int i = 0; i < MAX_MOUNTS; i++)
        if (mounts[i].mountpoint == ino)
            return mounts[i].root;
    return NULL;
}

struct inode *vfs_root(void) { return root; }

void vfs_init(const void *initrd, size_t size)
{
    if (!initrd || !size)
        panic("vfs: no initrd: boot with a cpio archive as a module (qemu -initrd, GRUB module)");
    long err = initrd_parse(initrd, size, &root);
    if (err)
        panic("vfs: the initrd is not a cpio newc archive (error %ld)", err);
    struct inode *proc = initrd_ensure_dir(root, "proc"), *dev = initrd_ensure_dir(root, "dev");
    if (!proc || vfs_mount(proc, procfs_root()))
        panic("vfs: cannot mount /proc");
    if (!dev || vfs_mount(dev, devfs_root()))
        panic("vfs: cannot mount /dev");
    struct inode *tmp = initrd_ensure_dir(root, "tmp"), *tmpfs = tmpfs_new("/tmp"), *shm = tmpfs_new("/dev/shm");
    if (!tmp || !tmpfs || vfs_mount(tmp, tmpfs))
        panic("vfs: cannot mount a tmpfs on /tmp");
    if (!shm || vfs_mount(devfs_shm_dir(), shm))
        panic("vfs: cannot mount a tmpfs on /dev/shm");
}

unsigned current_umask(void)
{
    return current ? proc_group(current)->umask : 022;
}

const char *current_cwd(void)
{
    return current && proc_group(current)->cwd[0] == '/' ? proc_group(current)->cwd : "/";
}

long vfs_lookup_at(const char *dir, const char *path, unsigned flags, struct inode **out, char *canon)
{
    if (!root)
        return -ENOENT;
    return path_walk(root, dir ? dir : current_cwd(), path, flags, out, canon);
}

long vfs_lookup(const char *path, unsigned flags, struct inode **out, char *canon)
{
    return vfs_lookup_at(NULL, path, flags, out, canon);
}

long inode_open(struct inode *ino, unsigned flags, struct file **out)
{
    unsigned acc = flags & O_ACCMODE;
    bool writes = acc == O_WRONLY || acc == O_RDWR;
    if (acc == 3)                       /* Linux lets 3 through for ioctl-only opens; we do not */
        return -EINVAL;
    if ((flags & O_DIRECTORY) && !S_ISDIR(ino->mode))
        return -ENOTDIR;
    if (S_ISDIR(ino->mode) && (writes || (flags & (O_CREAT | O_TRUNC))))
        return -EISDIR;                 /* O_TRUNC asks to write, even read-only */
    if ((ino->flags & INODE_RDONLY_FS) && (writes || ((flags & O_TRUNC) && S_ISREG(ino->mode))))
        return -EROFS;
    if (!ino->ops->open)
        return -ENXIO;
    return ino->ops->open(ino, flags, out);
}

/* The last component of path (trailing slashes not part of it): where it starts, its length. */
static const char *last_component(const char *path, size_t *len)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t start = n;
    while (start && path[start - 1] != '/')
        start--;
    *len = n - start;
    return path + start;
}

long vfs_parent_at(const char *dir, const char *path, struct inode **parent, enum last_kind *kind)
{
    if (!path[0])
        return -ENOENT;
    size_t len;
    const char *last = last_component(path, &len);
    size_t start = (size_t)(last - path);
    *kind = len == 0 ? LAST_ROOT : len == 1 && last[0] == '.' ? LAST_DOT :
            len == 2 && last[0] == '.' && last[1] == '.' ? LAST_DOTDOT : LAST_NAME;
    char *up = kmalloc(FS_PATH_MAX);
    if (!up)
        return -ENOMEM;
    if (start == 0)
        strlcpy(up, len ? "." : "/", FS_PATH_MAX);
    else
        strlcpy(up, path, start + 1);   /* with its slash: "a/b/" for "a/b/c" */
    long err = vfs_lookup_at(dir, up, 0, parent, NULL);
    kfree(up);
    if (!err && !S_ISDIR((*parent)->mode)) {
        inode_put(*parent);
        err = -ENOTDIR;
    }
    return err;
}

static long create_through(const char *dir, const char *path, const char *name, struct inode *link,
                           unsigned mode, struct inode **out, int links);

/* open(O_CREAT) of a missing name: the directory's file system makes a regular file, if it
 * can change (on the initrd, EROFS; on /proc and /dev, EACCES as Linux's /proc says). A
 * dangling symlink is followed, as open(2) does: what it names is made (links counts them). */
static long create_missing(const char *dir, const char *path, unsigned mode, struct inode **out, int links)
{
    size_t n = strlen(path), len;
    if (n && path[n - 1] == '/')
        return -EISDIR;                 /* open("newdir/", O_CREAT) */
    struct inode *pdir, *link = NULL;
    enum last_kind kind;
    long err = vfs_parent_at(dir, path, &pdir, &kind);
    if (err)
        return err;
    const char *name = last_component(path, &len);
    if (pdir->ops->lookup && pdir->ops->lookup(pdir, name, len, &link) == 0 && S_ISLNK(link->mode))
        err = links < FS_MAXSYMLINKS ? create_through(dir, path, name, link, mode, out, links + 1) : -ELOOP;
    else if (pdir->flags & INODE_RDONLY_FS)
        err = -EROFS;
    else if (!pdir->ops->create)
        err = -EACCES;
    else
        err = pdir->ops->create(pdir, name, len, S_IFREG | (mode & 07777 & ~current_umask()), out);
    inode_put(link);
    inode_put(pdir);
    return err;
}

/* The target of a dangling symlink at path (its last component name) made instead: an
 * absolute target as it is, a relative one beside the link. */
static long create_through(const char *dir, const char *path, const char *name, struct inode *link,
                           unsigned mode, struct inode **out, int links)
{
    char *to = kmalloc(FS_PATH_MAX);
    if (!to)
        return -ENOMEM;
    long n = link->ops->readlink ? link->ops->readlink(link, to, FS_PATH_MAX - 1) : -EINVAL;
    long err = n;
    if (n >= 0) {
        to[n] = 0;
        size_t prefix = to[0] == '/' ? 0 : (size_t)(name - path);
        if (n == 0)
            err = -ENOENT;
        else if (prefix + (size_t)n >= FS_PATH_MAX)
            err = -ENAMETOOLONG;
        else {
            memmove(to + prefix, to, (size_t)n + 1);
            memcpy(to, path, prefix);
            err = create_missing(dir, to, mode, out, links);
        }
    }
    kfree(to);
    return err;
}

long vfs_open(const char *path, unsigned flags, struct file **out)
{
    return vfs_open_at(NULL, path, flags, 0, out);
}

long vfs_open_at(const char *dir, const char *path, unsigned flags, unsigned mode, struct file **out)
{
    size_t n = strlen(path);
    if ((flags & O_CREAT) && n && path[n - 1] == '/')
        return -EISDIR;                 /* open("name/", O_CREAT), whether name exists or not */
    struct inode *ino;
    char *canon = kmalloc(FS_PATH_MAX);
    if (!canon)
        return -ENOMEM;
    unsigned walk = (flags & O_NOFOLLOW) || ((flags & O_CREAT) && (flags & O_EXCL)) ? WALK_NOFOLLOW : 0;
    bool created = false;
    long err = vfs_lookup_at(dir, path, walk, &ino, canon);
    if (err == -ENOENT && (flags & O_CREAT)) {
        err = create_missing(dir, path, mode, &ino, 0);
        created = !err;
        struct inode *again;           /* walked again, for the path it was made at */
        if (created && vfs_lookup_at(dir, path, WALK_NOFOLLOW, &again, canon) == 0)
            inode_put(again);
        else
            canon[0] = 0;
    }
    if (err) {
        kfree(canon);
        return err;
    }
    if ((flags & O_CREAT) && (flags & O_EXCL) && !created)
        err = -EEXIST;
    else if (S_ISLNK(ino->mode))
        err = -ELOOP;                   /* O_NOFOLLOW on a symlink */
    else
        err = inode_open(ino, created ? flags & ~(unsigned)O_TRUNC : flags, out);
    inode_put(ino);
    if (!err && canon[0]) {
        /* The path the file was found at: openat() on a directory, /proc/<pid>/maps. */
        struct ifile *fi = file_ifile(*out);
        if (fi && !fi->path && (fi->path = kmalloc(strlen(canon) + 1)))
            strlcpy(fi->path, canon, strlen(canon) + 1);
    }
    kfree(canon);
    return err;
}

void vfs_describe(struct file *f, char *buf, size_t size)
{
    struct ifile *fi = file_ifile(f);
    struct kstat st;
    if (fi && fi->path)
        strlcpy(buf, fi->path, size);
    else if (f->ops->stat && f->ops->stat(f, &st) == 0 && (st.mode & S_IFMT) == S_IFIFO)
        ksnprintf(buf, size, "pipe:[%llu]", st.ino);
    else if (f->ops->stat && f->ops->stat(f, &st) == 0 && (st.mode & S_IFMT) == S_IFCHR)
        strlcpy(buf, "/dev/console", size);
    else
        strlcpy(buf, "?", size);
}
