/*
 * The calls that add, remove or move a name: mkdir, mkdirat, rmdir, unlink, unlinkat,
 * rename, renameat, renameat2. No file system of pagewise can do any of them, so each ends
 * in an error, but in the one Linux gives, after the checks Linux makes first (fs/namei.c):
 *
 *   - the directory the last component is in must exist (ENOENT, ENOTDIR);
 *   - the last component must be a name: mkdir of "/" or "a/." is EEXIST, unlink of them
 *     EISDIR, rmdir of "." EINVAL, of ".." ENOTEMPTY, of "/" EBUSY, rename of them EBUSY;
 *   - rename between file systems is EXDEV;
 *   - on the initrd, a read-only mount, the answer is then EROFS, before the name is looked
 *     at (only mkdir looks first, to say EEXIST);
 *   - /proc and /dev are not read-only, they just cannot do it, and answer as Linux's
 *     /proc does: a missing name is ENOENT (mkdir and rename's target too: the lookup
 *     fails), an existing one EEXIST for mkdir; rmdir of a non-directory is ENOTDIR, unlink
 *     of a name with a trailing slash EISDIR or ENOTDIR; the rest EPERM.
 */
#include <errno.h>
#include <kheap.h>
#include "fs.h"

#define AT_REMOVEDIR 0x200
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4

/* A call's path, and the directory it is in: 0 with both held (put them with name_put). */
struct name {
    char *path;
    const char *dir;           /* the *at() directory, or NULL */
    struct inode *parent;
    enum last_kind kind;
    bool slash;                /* it ended in '/' (cut off: the name is looked up without) */
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

/* The inode the name is (a final symlink is itself), held; NULL when it does not exist. */
static struct inode *look(const struct name *n)
{
    struct inode *ino;
    return vfs_lookup_at(n->dir, n->path, WALK_NOFOLLOW, &ino, NULL) ? NULL : ino;
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
    if (dir)
        return is_dir ? -EPERM : -ENOTDIR;
    if (n->slash)
        return is_dir ? -EISDIR : -ENOTDIR;
    return -EPERM;
}

long sys_mkdirat(int dirfd, uintptr_t upath, unsigned mode)
{
    (void)mode;
    struct name n;
    long err = name_get(dirfd, upath, &n);
    if (err)
        return err;
    if (n.kind != LAST_NAME || exists(&n))
        err = -EEXIST;
    else
        err = read_only(&n) ? -EROFS : -ENOENT;
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
    default: err = cannot_remove(&n, true);
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
    err = n.kind != LAST_NAME ? -EISDIR : cannot_remove(&n, false);
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
    if (from.kind != LAST_NAME)
        err = -EBUSY;
    else if (to.kind != LAST_NAME)
        err = flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
    else if (from.parent->dev != to.parent->dev)
        err = -EXDEV;
    else if (read_only(&from))
        err = -EROFS;
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
