/*
 * Path lookup, as path_resolution(7) describes it: components separated by one or more
 * slashes, "." and ".." (".." of the root is the root), symlinks followed in the middle of a
 * path always and at its end unless asked not to, a trailing slash demanding a directory.
 * ".." is physical: it leaves the directory a symlink led to, not the symlink's parent, so the
 * walk keeps the stack of directories it went through. Errors are Linux's: ENOENT, ENOTDIR,
 * ENAMETOOLONG (a component over 255 bytes, a path over 4095), ELOOP (over 40 links).
 */
#include <errno.h>
#include <kheap.h>
#include "fs.h"

/* Levels kept in the walk itself; a deeper path (a tmpfs tree may be as deep as a 4095-byte
 * path reaches: over 2000 levels) moves the stack to a larger kmalloc'd one. */
#define WALK_DEPTH 64

struct level {
    struct inode *ino;
    unsigned canon_len;                /* length of canon at this level */
};

struct walk {
    struct level *stack;               /* stack[0] is the root, stack[depth] where we are */
    int depth, size;
    int links;
    char *canon;                       /* "/a/b" for the stack ("" at the root), or NULL */
    struct level inline_stack[WALK_DEPTH];
};

static void pop(struct walk *w)
{
    if (w->depth == 0)
        return;
    inode_put(w->stack[w->depth--].ino);
    if (w->canon)
        w->canon[w->stack[w->depth].canon_len] = 0;
}

/* Room for one more level: false when out of memory. */
static bool make_room(struct walk *w)
{
    if (w->depth + 1 < w->size)
        return true;
    struct level *bigger = kmalloc(2 * (size_t)w->size * sizeof *bigger);
    if (!bigger)
        return false;
    memcpy(bigger, w->stack, (size_t)w->size * sizeof *bigger);
    if (w->stack != w->inline_stack)
        kfree(w->stack);
    w->stack = bigger;
    w->size *= 2;
    return true;
}

static long push(struct walk *w, struct inode *ino, const char *name, size_t len)
{
    unsigned cl = w->stack[w->depth].canon_len;
    if (cl + 1 + len >= FS_PATH_MAX || !make_room(w)) {
        inode_put(ino);
        return cl + 1 + len >= FS_PATH_MAX ? -ENAMETOOLONG : -ENOMEM;
    }
    if (w->canon) {
        w->canon[cl] = '/';
        memcpy(w->canon + cl + 1, name, len);
        w->canon[cl + 1 + len] = 0;
    }
    w->stack[++w->depth] = (struct level){ ino, cl + 1 + (unsigned)len };
    return 0;
}

static long walk_path(struct walk *w, const char *path, bool follow_last);

static long follow_link(struct walk *w, struct inode *link)
{
    if (++w->links > FS_MAXSYMLINKS)
        return -ELOOP;
    char *target = kmalloc(FS_PATH_MAX);
    if (!target)
        return -ENOMEM;
    long n = link->ops->readlink ? link->ops->readlink(link, target, FS_PATH_MAX - 1) : -EINVAL;
    long err = n;
    if (n >= 0) {
        target[n] = 0;
        err = n == 0 ? -ENOENT : walk_path(w, target, true);
    }
    kfree(target);
    return err;
}

static long walk_path(struct walk *w, const char *path, bool follow_last)
{
    if (path[0] == '/')
        while (w->depth > 0)
            pop(w);
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (!*p)
            return 0;
        const char *name = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - name);
        const char *rest = p;
        while (*rest == '/')
            rest++;
        bool last = !*rest, slash = *p == '/';
        if (len > FS_NAME_MAX)
            return -ENAMETOOLONG;

        struct inode *dir = w->stack[w->depth].ino;
        if (!S_ISDIR(dir->mode))
            return -ENOTDIR;
        if (len == 1 && name[0] == '.')
            continue;
        if (len == 2 && name[0] == '.' && name[1] == '.') {
            pop(w);
            continue;
        }
        struct inode *child;
        long err = dir->ops->lookup ? dir->ops->lookup(dir, name, len, &child) : -ENOTDIR;
        if (err)
            return err;
        struct inode *mnt = mounted_on(child);
        if (mnt) {
            inode_put(child);
            child = mnt;
            inode_get(child);
        }
        if (S_ISLNK(child->mode) && (!last || slash || follow_last)) {
            err = follow_link(w, child);
            inode_put(child);
            if (err)
                return err;
            continue;
        }
        err = push(w, child, name, len);
        if (err)
            return err;
    }
}

long path_walk(struct inode *root, const char *cwd, const char *path, unsigned flags,
               struct inode **out, char *canon)
{
    size_t plen = strnlen(path, FS_PATH_MAX);
    if (plen == 0)
        return -ENOENT;
    if (plen >= FS_PATH_MAX)
        return -ENAMETOOLONG;
    struct walk *w = kmalloc(sizeof *w);
    if (!w)
        return -ENOMEM;
    w->depth = 0;
    w->links = 0;
    w->stack = w->inline_stack;
    w->size = WALK_DEPTH;
    w->stack[0] = (struct level){ root, 0 };
    w->canon = canon;
    if (canon)
        canon[0] = 0;
    inode_get(root);

    long err = 0;
    if (path[0] != '/')
        err = walk_path(w, cwd, true);
    if (!err)
        err = walk_path(w, path, !(flags & WALK_NOFOLLOW));
    if (!err && path[plen - 1] == '/' && !S_ISDIR(w->stack[w->depth].ino->mode))
        err = -ENOTDIR;
    if (!err) {
        *out = w->stack[w->depth].ino;
        inode_get(*out);
        if (canon && !canon[0])
            strlcpy(canon, "/", FS_PATH_MAX);
    }
    w->canon = NULL;                   /* the answer stays in the caller's buffer */
    while (w->depth > 0)
        pop(w);
    inode_put(root);
    if (w->stack != w->inline_stack)
        kfree(w->stack);
    kfree(w);
    return err;
}
