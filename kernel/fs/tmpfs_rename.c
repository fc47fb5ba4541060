/*
 * tmpfs's rename(2) and renameat2(2): the checks Linux makes once both directories are known
 * (fs/namei.c do_renameat2 and vfs_rename, in their order), then the move: a name replacing
 * another (a file, or an empty directory), RENAME_NOREPLACE, RENAME_EXCHANGE swapping what two
 * names name, RENAME_WHITEOUT leaving a mark behind; directories' link counts and parents
 * follow, and the time stamps Linux moves (both directories' mtime and ctime, the moved
 * node's ctime).
 */
#include <errno.h>
#include <kheap.h>
#include "tmpfs_int.h"

/* Is a the directory d or one above it? */
static bool holds(const struct tnode *a, const struct tnode *d)
{
    for (;;) {
        if (d == a)
            return true;
        if (d->parent == d || !d->parent)
            return false;
        d = d->parent;
    }
}

/* A directory node moves from one parent to another: the parents' counts of subdirectories. */
static void reparent(struct tnode *n, struct tnode *from, struct tnode *to)
{
    if (!S_ISDIR(n->inode.mode) || from == to)
        return;
    from->inode.nlink--;
    to->inode.nlink++;
    n->parent = to;
}

/* RENAME_EXCHANGE: the two names swap what they name. */
static void exchange(struct tnode *odir, struct tdirent *oe, struct tnode *ndir, struct tdirent *ne)
{
    struct tnode *a = oe->node, *b = ne->node;
    oe->node = b;
    ne->node = a;
    reparent(a, odir, ndir);
    reparent(b, ndir, odir);
    tnode_changed(a);
    tnode_changed(b);
}

/* RENAME_WHITEOUT's mark left at the old name (overlayfs's "deleted here"): a character
 * device 0:0 of mode 0, made before anything moves so that nothing can fail after. */
static long whiteout(struct tnode *dir, const char *name, size_t len, struct tdirent **out)
{
    struct tnode *w;
    long err = tnode_new(dir->fs, S_IFCHR, &w);
    if (err)
        return err;
    if (!(*out = tdirent_new(name, len, w))) {
        w->inode.nlink = 0;
        tnode_maybe_free(w);
        return -ENOMEM;
    }
    return 0;
}

/* The checks of Linux's do_renameat2 and vfs_rename after the mount's, in their order, then
 * the move (shmem_rename2). */
long tmpfs_rename(struct inode *iodir, const char *oname, size_t olen, bool oslash,
                         struct inode *indir, const char *nname, size_t nlen, bool nslash, unsigned flags)
{
    struct tnode *odir = tnode_of(iodir), *ndir = tnode_of(indir);
    bool exch = flags & RENAME_EXCHANGE;
    if (olen > FS_NAME_MAX || nlen > FS_NAME_MAX)
        return -ENAMETOOLONG;
    struct tdirent **ol = tdir_find(odir, oname, olen);
    if (!ol)
        return -ENOENT;
    struct tdirent **nl = tdir_find(ndir, nname, nlen);
    struct tnode *old = (*ol)->node, *victim = nl ? (*nl)->node : NULL;
    bool old_dir = S_ISDIR(old->inode.mode), victim_dir = victim && S_ISDIR(victim->inode.mode);
    if ((flags & RENAME_NOREPLACE) && victim)
        return -EEXIST;
    if (exch && !victim)
        return -ENOENT;
    if (exch && !victim_dir && nslash)
        return -ENOTDIR;
    if (!old_dir && (oslash || (!exch && nslash)))
        return -ENOTDIR;
    if (old_dir && holds(old, ndir))
        return -EINVAL;                /* into itself */
    if (victim_dir && holds(victim, odir))
        return exch ? -EINVAL : -ENOTEMPTY;
    if (old == victim)
        return 0;                      /* two names of one file: nothing happens */
    if (victim && !exch && old_dir != victim_dir)
        return old_dir ? -ENOTDIR : -EISDIR;
    if (victim_dir && !exch && victim->entries)
        return -ENOTEMPTY;
    if (ndir->inode.nlink == 0)
        return -ENOENT;

    if (exch) {
        exchange(odir, *ol, ndir, *nl);
    } else {
        struct tdirent *e = tdirent_new(nname, nlen, old), *w = NULL;
        long err = !e ? -ENOMEM : (flags & RENAME_WHITEOUT) ? whiteout(odir, oname, olen, &w) : 0;
        if (err) {
            kfree(e);
            return err;
        }
        if (victim) {
            tdir_drop_name(ndir, nl);       /* may move ol's link if both are in ndir: find it again */
            ol = tdir_find(odir, oname, olen);
        }
        kfree(tdir_detach(odir, ol));
        tdir_attach(ndir, e);
        if (w)
            tdir_attach(odir, w);
        reparent(old, odir, ndir);
        tnode_changed(old);
    }
    tnode_modified(odir);
    tnode_modified(ndir);
    return 0;
}
