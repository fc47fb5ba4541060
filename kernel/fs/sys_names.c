/*
 * The calls that add, remove or move a name: mkdir, mkdirat, rmdir, unlink, unlinkat,
 * rename, renameat, renameat2. A tmpfs does them (its inode operations); on the other file
 * systems each ends in an error, but in the one Linux gives, after the checks Linux makes
 * first (fs/namei.c):
 *
 *   - the directory the last component is in must exist (ENOENT, ENOTDIR);
 *   - the last component must be a name: mkdir of "/" or "a/." is EEXIST, unlink of them
 *     EISDIR, rmdir of "." EINVAL, of ".." ENOTEMPTY, of "/" EBUSY, rename of them EBUSY;
 *   - rename between file systems is EXDEV, even of "." or "/";
 *   - on the initrd, a read-only mount, the answer is then EROFS, before the name is looked
 *     at (only mkdir looks first, to say EEXIST);
 *   - /proc and /dev are not read-only, they just cannot do it, and answer as Linux's
 *     /proc does: a missing name is ENOENT (mkdir and rename's target too: the lookup
 *     fails), an existing one EEXIST for mkdir; rmdir of a non-directory is ENOTDIR, unlink
 *     of a name with a trailing slash EISDIR or ENOTDIR; the rest EPERM.
 * On a tmpfs the same checks come first, then the file system's own (ENOTEMPTY, a directory
 * moved into itself, ...).
 */
#include <errno.h>
#include <kheap.h>
#include "fs.h"


/* A call's path, and the directory it is in: 0 with both held (put them with name_put). */
struct name {
    char *path;
    const char *dir;           /* the *at() directory, or NULL */
    struct inode *parent;
    enum last_kind kind;
    bool slash;                /* it ended in '/' (cut off: the name is looked up without) */
    const char *last;          /* the last component, in path */
    size_t len;
};

static long name_get(int dirfd, uintptr_t upath, struct name *n)
{
    n->parent = NULL;
    long err = user_path(upath, &n->path);
    if (err)
        return err;
    err = at_dir(dirfd, n->path, &n->dir);
    if (!err)
        err = vfs_parent_at(n->dir, n->path, &n->parent, &n->kind);
    if (err) {
        kfree(n->path);
        n->path = NULL;
        return err;
    }
    size_t len = strlen(n->path);
    n->slash = len > 1 && n->path[len - 1] == '/';
    while (len > 1 && n->path[len - 1] == '/')
        n->path[--len] = '\0';
    size_t start = len;
    while (start && n->path[start - 1] != '/')
        start--;
    n->last = n->path + start;
    n->len = len - start;
    return 0;
}

static void name_put(struct name *n)
{
    if (n->parent)
        inode_put(n->parent);
    kfree(n->path);
}

static bool read_only(const struct name *n)
{
    return n->parent->flags & INODE_RDONLY_FS;
}

/* Can the name's directory change (a tmpfs)? */
static bool writable(const struct name *n)
{
    return inode_writable_fs(n->parent);
}

/* The inode the name is (a final symlink is itself): 0 and a reference in *out, or the walk's
 * error (ENOENT when it does not exist, ENAMETOOLONG). */
static long look_up(const struct name *n, struct inode **out)
{
    return vfs_lookup_at(n->dir, n->path, WALK_NOFOLLOW, out, NULL);
}

/* The same, NULL when it does not exist. */
static struct inode *look(const struct name *n)
{
    struct inode *ino;
    return look_up(n, &ino) ? NULL : ino;
}

static bool exists(const struct name *n)
{
    struct inode *ino = look(n);
    if (ino)
        inode_put(ino);
    return ino != NULL;
}

/* The end of unlink (dir false) and rmdir (dir true) once the last component is a name.
 * unlink refuses a directory of Linux's /proc, a process's, with EPERM as it does a file;
 * only a trailing slash makes it EISDIR (or ENOTDIR for what is not a directory). */
static long cannot_remove(const struct name *n, bool dir)
{
    if (read_only(n))
        return -EROFS;
    struct inode *ino = look(n);
    if (!ino)
        return -ENOENT;
    bool is_dir = S_ISDIR(ino->mode);
    inode_put(ino);
    if (writable(n))
        return -EPERM;                 /* never: remove() takes the writable ones */
    if (dir)
        return is_dir ? -EPERM : -ENOTDIR;
    if (n->slash)
        return is_dir ? -EISDIR : -ENOTDIR;
    return -EPERM;
}

/* Remove a name of a tmpfs: Linux's checks on what it names (ENOENT, a directory or not:
 * ENOTDIR, EISDIR), then the file system's (ENOTEMPTY). */
static long remove(const struct name *n, bool dir)
{
    struct inode *ino;
    long err = look_up(n, &ino);
    if (err)
        return err;
    bool is_dir = S_ISDIR(ino->mode);
    inode_put(ino);
    if (dir && !is_dir)
        return -ENOTDIR;
    if (!dir && n->slash)
        return is_dir ? -EISDIR : -ENOTDIR;
    if (!dir && is_dir)
        return -EISDIR;
    return dir ? n->parent->ops->rmdir(n->parent, n->last, n->len)
               : n->parent->ops->unlink(n->parent, n->last, n->len);
}

/* The end of the calls that add a name (mkdir, symlink, link): the name must be free. Linux's
 * filename_create: EEXIST for what exists or is no name, the lookup's other errors
 * (ENAMETOOLONG), ENOENT for a missing name with a trailing slash unless a directory is being
 * made, then EROFS. 0 when the file system may go on. */
static long name_free(const struct name *n, bool want_dir)
{
    if (n->kind != LAST_NAME)
        return -EEXIST;
    struct inode *ino;
    long err = look_up(n, &ino);
    if (!err) {
        inode_put(ino);
        return -EEXIST;
    }
    if (err != -ENOENT)
        return err;
    if (n->slash && !want_dir)
        return -ENOENT;
    if (read_only(n))
        return -EROFS;
    return writable(n) ? 0 : -ENOENT;  /* Linux's /proc: its lookup of a new name fails */
}

long sys_mkdirat(int dirfd, uintptr_t upath, unsigned mode)
{
    struct name n;
    long err = name_get(dirfd, upath, &n);
    if (err)
        return err;
    err = name_free(&n, true);
    if (!err)
        err = n.parent->ops->mkdir(n.parent, n.last, n.len, mode & 01777 & ~current_umask());
    name_put(&n);
    return err;
}

long sys_mkdir(uintptr_t upath, unsigned mode)
{
    return sys_mkdirat(AT_FDCWD, upath, mode);
}

static long remove_dir(int dirfd, uintptr_t upath)
{
    struct name n;
    long err = name_get(dirfd, upath, &n);
    if (err)
        return err;
    switch (n.kind) {
    case LAST_DOT: err = -EINVAL; break;
    case LAST_DOTDOT: err = -ENOTEMPTY; break;
    case LAST_ROOT: err = -EBUSY; break;
    default: err = !read_only(&n) && writable(&n) ? remove(&n, true) : cannot_remove(&n, true);
    }
    name_put(&n);
    return err;
}

static long remove_name(int dirfd, uintptr_t upath)
{
    struct name n;
    long err = name_get(dirfd, upath, &n);
    if (err)
        return err;
    err = n.kind != LAST_NAME ? -EISDIR : !read_only(&n) && writable(&n) ? remove(&n, false) : cannot_remove(&n, false);
    name_put(&n);
    return err;
}

long sys_rmdir(uintptr_t upath) { return remove_dir(AT_FDCWD, upath); }
long sys_unlink(uintptr_t upath) { return remove_name(AT_FDCWD, upath); }

long sys_unlinkat(int dirfd, uintptr_t upath, unsigned flags)
{
    if (flags & ~(unsigned)AT_REMOVEDIR)
        return -EINVAL;
    return flags & AT_REMOVEDIR ? remove_dir(dirfd, upath) : remove_name(dirfd, upath);
}

long sys_renameat2(int olddirfd, uintptr_t uold, int newdirfd, uintptr_t unew, unsigned flags)
{
    if ((flags & ~(unsigned)(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) ||
        ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE)) ||
        ((flags & RENAME_WHITEOUT) && (flags & RENAME_EXCHANGE)))
        return -EINVAL;
    struct name from, to;
    long err = name_get(olddirfd, uold, &from);
    if (err)
        return err;
    err = name_get(newdirfd, unew, &to);
    if (err) {
        name_put(&from);
        return err;
    }
    if (from.parent->dev != to.parent->dev)
        err = -EXDEV;
    else if (from.kind != LAST_NAME)
        err = -EBUSY;
    else if (to.kind != LAST_NAME)
        err = flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
    else if (read_only(&from))
        err = -EROFS;
    else if (writable(&from))
        err = from.parent->ops->rename(from.parent, from.last, from.len, from.slash,
                                       to.parent, to.last, to.len, to.slash, flags);
    else
        err = exists(&from) && exists(&to) ? -EPERM : -ENOENT;
    name_put(&to);
    name_put(&from);
    return err;
}

long sys_renameat(int olddirfd, uintptr_t uold, int newdirfd, uintptr_t unew)
{
    return sys_renameat2(olddirfd, uold, newdirfd, unew, 0);
}

long sys_rename(uintptr_t uold, uintptr_t unew)
{
    return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/* symlink (symlink(2)): an empty target is ENOENT, before the new name is looked at. */
long sys_symlinkat(uintptr_t utarget, int dirfd, uintptr_t upath)
{
    char *target;
    long err = user_path(utarget, &target);
    if (err)
        return err;
    struct name n;
    err = target[0] ? name_get(dirfd, upath, &n) : -ENOENT;
    if (!err) {
        err = name_free(&n, false);
        if (!err)
            err = n.parent->ops->symlink(n.parent, n.last, n.len, target);
        name_put(&n);
    }
    kfree(target);
    return err;
}

long sys_symlink(uintptr_t utarget, uintptr_t upath) { return sys_symlinkat(utarget, AT_FDCWD, upath); }

/* link (link(2), Linux's do_linkat): the flags, the old name (followed only with
 * AT_SYMLINK_FOLLOW; AT_EMPTY_PATH: the descriptor's file), the new name free, EXDEV across
 * file systems, then EPERM for a directory. */
long sys_linkat(int olddirfd, uintptr_t uold, int newdirfd, uintptr_t unew, unsigned flags)
{
    if (flags & ~(unsigned)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    char *old;
    long err = user_path(uold, &old);
    if (err)
        return err;
    struct inode *ino = NULL;
    const char *dir;
    if (!old[0] && (flags & AT_EMPTY_PATH)) {
        struct ifile *fi = file_ifile(fd_file(olddirfd));
        err = fi ? 0 : fd_file(olddirfd) ? -EPERM : -EBADF;
        if (fi)
            inode_get(ino = fi->inode);
    } else {
        err = at_dir(olddirfd, old, &dir);
        if (!err)
            err = vfs_lookup_at(dir, old, flags & AT_SYMLINK_FOLLOW ? 0 : WALK_NOFOLLOW, &ino, NULL);
    }
    kfree(old);
    if (err)
        return err;
    struct name n;
    err = name_get(newdirfd, unew, &n);
    if (!err) {
        err = name_free(&n, false);
        if (!err && ino->dev != n.parent->dev)
            err = -EXDEV;
        else if (!err && S_ISDIR(ino->mode))
            err = -EPERM;
        else if (!err)
            err = n.parent->ops->link(n.parent, n.last, n.len, ino);
        name_put(&n);
    }
    inode_put(ino);
    return err;
}

long sys_link(uintptr_t uold, uintptr_t unew) { return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0); }
