/*
 * tmpfs: a file system that lives in memory, mounted on /tmp and /dev/shm. This file keeps its
 * tree: nodes, the names in directories, and the calls that add and remove them (create,
 * mkdir, symlink, link, unlink, rmdir; rename is tmpfs_rename.c's), with Linux's semantics
 * (mm/shmem.c, fs/libfs.c):
 *   - a node lives while it has a name (nlink) or a reference (an open file, a walk); an
 *     unlinked file stays usable through its descriptors and is freed with the last one;
 *   - a directory's nlink is 2 + its subdirectories, its size 20 bytes a name (with "." and
 *     ".."), a removed directory has nlink 0 and lists nothing (ENOENT);
 *   - a regular file's data is a shared memory object (shmem.h): frames counted as Shmem,
 *     drawn from the mount's quota, half of memory as Linux's default size=;
 *   - every change moves the time stamps Linux moves.
 */
#include <errno.h>
#include <kheap.h>
#include <pmm.h>
#include "tmpfs_int.h"

static const struct inode_ops tnode_ops;
static unsigned mounts_made;

void tnode_modified(struct tnode *n) { n->inode.mtime = n->inode.ctime = fs_now(); }
void tnode_changed(struct tnode *n) { n->inode.ctime = fs_now(); }

static bool before_or_same(struct fs_time a, struct fs_time b)
{
    return a.sec < b.sec || (a.sec == b.sec && a.nsec <= b.nsec);
}

void tnode_accessed(struct tnode *n)
{
    struct fs_time now = fs_now(), a = n->inode.atime;
    if (before_or_same(a, n->inode.mtime) || before_or_same(a, n->inode.ctime) || now.sec - a.sec >= 24 * 3600)
        n->inode.atime = now;
}

/* A new node of fs, with no name yet: 0 and *out, -ENOSPC (no inode left) or -ENOMEM. */
long tnode_new(struct tmpfs *fs, uint32_t mode, struct tnode **out)
{
    if (fs->inodes >= fs->max_inodes)
        return -ENOSPC;
    struct tnode *n = kzalloc(sizeof *n);
    if (!n)
        return -ENOMEM;
    if (S_ISREG(mode) && !(n->data = shmem_new(0, &fs->pages))) {
        kfree(n);
        return -ENOMEM;
    }
    n->fs = fs;
    n->inode.ops = &tnode_ops;
    n->inode.mode = mode;
    n->inode.nlink = S_ISDIR(mode) ? 2 : 1;
    n->inode.ino = fs->next_ino++;
    n->inode.dev = fs->root ? fs->root->inode.dev : DEV_TMPFS + mounts_made;
    n->inode.atime = n->inode.mtime = n->inode.ctime = fs_now();
    if (S_ISDIR(mode)) {
        n->inode.size = 2 * BOGO_DIRENT_SIZE;
        n->next_pos = 2;
    }
    fs->inodes++;
    *out = n;
    return 0;
}

/* Free a node that has neither a name nor a reference any more. */
void tnode_maybe_free(struct tnode *n)
{
    if (n->inode.nlink || n->inode.refcount)
        return;
    if (n->data)
        shmem_put(n->data);
    kfree(n->target);
    n->fs->inodes--;
    kfree(n);
}

static void tnode_release(struct inode *ino) { tnode_maybe_free(tnode_of(ino)); }

/* ---- names in a directory ---- */

/* The link to dir's entry called name[0..len), or NULL. */
struct tdirent **tdir_find(struct tnode *dir, const char *name, size_t len)
{
    for (struct tdirent **l = &dir->entries; *l; l = &(*l)->next)
        if ((*l)->len == len && memcmp((*l)->name, name, len) == 0)
            return l;
    return NULL;
}

struct tdirent *tdirent_new(const char *name, size_t len, struct tnode *node)
{
    struct tdirent *e = kmalloc(sizeof *e + len);
    if (e) {
        e->next = NULL;
        e->node = node;
        e->len = len;
        memcpy(e->name, name, len);
    }
    return e;
}

/* Put e at the end of dir's list (the next position) and count it in dir's size. */
void tdir_attach(struct tnode *dir, struct tdirent *e)
{
    struct tdirent **l = &dir->entries;
    while (*l)
        l = &(*l)->next;
    e->pos = dir->next_pos++;
    *l = e;
    dir->inode.size += BOGO_DIRENT_SIZE;
}

struct tdirent *tdir_detach(struct tnode *dir, struct tdirent **l)
{
    struct tdirent *e = *l;
    *l = e->next;
    dir->inode.size -= BOGO_DIRENT_SIZE;
    return e;
}

/* Give node a name in dir: 0 or -errno (the node is freed then if it has no other name). */
static long add_name(struct tnode *dir, const char *name, size_t len, struct tnode *node)
{
    if (len > FS_NAME_MAX)
        return -ENAMETOOLONG;
    if (tdir_find(dir, name, len))
        return -EEXIST;
    if (dir->inode.nlink == 0)
        return -ENOENT;                /* made inside a directory that was removed */
    struct tdirent *e = tdirent_new(name, len, node);
    if (!e)
        return -ENOMEM;
    tdir_attach(dir, e);
    if (S_ISDIR(node->inode.mode)) {
        node->parent = dir;
        dir->inode.nlink++;
    }
    tnode_modified(dir);
    return 0;
}

/* A new node of the given mode named name in dir: 0 and the node (no reference taken). */
static long make(struct inode *idir, const char *name, size_t len, uint32_t mode, struct tnode **out)
{
    struct tnode *dir = tnode_of(idir), *n;
    if (len > FS_NAME_MAX)
        return -ENAMETOOLONG;
    long err = tnode_new(dir->fs, mode, &n);
    if (err)
        return err;
    err = add_name(dir, name, len, n);
    if (err) {
        n->inode.nlink = 0;
        tnode_maybe_free(n);
        return err;
    }
    *out = n;
    return 0;
}

static long tmpfs_create(struct inode *dir, const char *name, size_t len, uint32_t mode, struct inode **out)
{
    struct tnode *n;
    long err = make(dir, name, len, S_IFREG | (mode & 07777), &n);
    if (!err) {
        *out = &n->inode;
        inode_get(*out);
    }
    return err;
}

static long tmpfs_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode)
{
    struct tnode *n;
    return make(dir, name, len, S_IFDIR | (mode & 01777), &n);
}

/* A symlink's target: short ones in the node, long ones in a page of shared memory. */
static long set_target(struct tnode *n, const char *target, size_t tlen)
{
    n->inode.size = tlen;
    if (tlen + 1 <= SHORT_SYMLINK_LEN) {
        if (!(n->target = kmalloc(tlen + 1)))
            return -ENOMEM;
        memcpy(n->target, target, tlen + 1);
        return 0;
    }
    if (!(n->data = shmem_new(0, &n->fs->pages)))
        return -ENOMEM;
    long r = shmem_write(n->data, 0, (uintptr_t)target, tlen, false);
    return r < 0 ? r : (size_t)r < tlen ? -ENOSPC : 0;
}

static long tmpfs_symlink(struct inode *idir, const char *name, size_t len, const char *target)
{
    struct tnode *dir = tnode_of(idir), *n;
    if (len > FS_NAME_MAX)
        return -ENAMETOOLONG;
    long err = tnode_new(dir->fs, S_IFLNK | 0777, &n);
    if (err)
        return err;
    err = set_target(n, target, strlen(target));
    if (!err)
        err = add_name(dir, name, len, n);
    if (err) {
        n->inode.nlink = 0;
        tnode_maybe_free(n);
    }
    return err;
}

static long tmpfs_readlink(struct inode *ino, char *buf, size_t size)
{
    struct tnode *n = tnode_of(ino);
    if (!S_ISLNK(ino->mode))
        return -EINVAL;
    size_t len = MIN((size_t)ino->size, size);
    if (n->target) {
        memcpy(buf, n->target, len);
        return (long)len;
    }
    return shmem_read(n->data, 0, (uintptr_t)buf, len, false);
}

static long tmpfs_link(struct inode *idir, const char *name, size_t len, struct inode *ino)
{
    struct tnode *n = tnode_of(ino);
    if (ino->nlink == 0)
        return -ENOENT;                /* linkat(AT_EMPTY_PATH) of an unlinked file */
    long err = add_name(tnode_of(idir), name, len, n);
    if (!err) {
        ino->nlink++;
        tnode_changed(n);
    }
    return err;
}

/* Take node's name away from dir (the entry at l); it is freed if that was its last. */
void tdir_drop_name(struct tnode *dir, struct tdirent **l)
{
    struct tdirent *e = tdir_detach(dir, l);
    struct tnode *n = e->node;
    kfree(e);
    if (S_ISDIR(n->inode.mode)) {
        n->inode.nlink = 0;
        n->parent = n;                 /* the old parent may go before it: point at nothing */
        dir->inode.nlink--;
    } else {
        n->inode.nlink--;
    }
    tnode_changed(n);
    tnode_modified(dir);
    tnode_maybe_free(n);
}

static long tmpfs_unlink(struct inode *idir, const char *name, size_t len)
{
    struct tnode *dir = tnode_of(idir);
    struct tdirent **l = tdir_find(dir, name, len);
    if (!l)
        return -ENOENT;
    if (S_ISDIR((*l)->node->inode.mode))
        return -EISDIR;
    tdir_drop_name(dir, l);
    return 0;
}

static long tmpfs_rmdir(struct inode *idir, const char *name, size_t len)
{
    struct tnode *dir = tnode_of(idir);
    struct tdirent **l = tdir_find(dir, name, len);
    if (!l)
        return -ENOENT;
    if (!S_ISDIR((*l)->node->inode.mode))
        return -ENOTDIR;
    if ((*l)->node->entries)
        return -ENOTEMPTY;
    tdir_drop_name(dir, l);
    return 0;
}

/* ---- attributes, lookup, the file system ---- */

static void tmpfs_getattr(struct inode *ino, struct kstat *st)
{
    struct tnode *n = tnode_of(ino);
    if (S_ISREG(ino->mode))
        st->size = shmem_size(n->data);
    st->blocks = n->data ? shmem_pages_held(n->data) * (PAGE_SIZE / 512) : 0;
}

long tmpfs_truncate(struct inode *ino, uint64_t size)
{
    struct tnode *n = tnode_of(ino);
    long err = shmem_resize(n->data, size);
    if (err)
        return err;
    ino->size = size;
    tnode_modified(n);
    return 0;
}

static void tmpfs_statfs(struct inode *ino, struct kstatfs *st)
{
    struct tmpfs *fs = tnode_of(ino)->fs;
    memset(st, 0, sizeof *st);
    st->type = TMPFS_MAGIC;
    st->bsize = st->frsize = PAGE_SIZE;
    st->namelen = FS_NAME_MAX;
    st->blocks = fs->pages.limit;
    st->bfree = st->bavail = fs->pages.limit - fs->pages.used;
    st->files = fs->max_inodes;
    st->ffree = fs->max_inodes - fs->inodes;
}

/* The path of a directory, built from the end: each name found in its parent's list. */
static long tmpfs_dir_path(struct inode *ino, char *buf, size_t size)
{
    struct tnode *n = tnode_of(ino);
    if (ino->nlink == 0)
        return -ENOENT;
    size_t at = size - 1, prefix = strlen(n->fs->mounted_at);
    buf[at] = 0;
    for (; n->parent != n; n = n->parent) {
        struct tdirent *e = n->parent->entries;
        while (e && e->node != n)
            e = e->next;
        if (!e || e->len + 1 + prefix >= at)
            return e ? -ENAMETOOLONG : -ENOENT;
        at -= e->len;
        memcpy(buf + at, e->name, e->len);
        buf[--at] = '/';
    }
    size_t len = size - 1 - at;
    memmove(buf + prefix, buf + at, len + 1);
    memcpy(buf, n->fs->mounted_at, prefix);
    if (prefix + len == 0)
        strlcpy(buf, "/", size);
    return (long)strlen(buf);
}

static long tmpfs_lookup(struct inode *idir, const char *name, size_t len, struct inode **out)
{
    if (len > FS_NAME_MAX)
        return -ENAMETOOLONG;
    struct tdirent **l = tdir_find(tnode_of(idir), name, len);
    if (!l)
        return -ENOENT;
    *out = &(*l)->node->inode;
    inode_get(*out);
    return 0;
}

static const struct inode_ops tnode_ops = {
    .lookup = tmpfs_lookup, .open = tmpfs_open, .readlink = tmpfs_readlink,
    .release = tnode_release, .getattr = tmpfs_getattr, .create = tmpfs_create,
    .mkdir = tmpfs_mkdir, .symlink = tmpfs_symlink, .link = tmpfs_link,
    .unlink = tmpfs_unlink, .rmdir = tmpfs_rmdir, .rename = tmpfs_rename,
    .truncate = tmpfs_truncate, .statfs = tmpfs_statfs, .dir_path = tmpfs_dir_path,
};

struct inode *tmpfs_new(const char *mounted_at)
{
    struct tmpfs *fs = kzalloc(sizeof *fs);
    if (!fs)
        return NULL;
    fs->mounted_at = mounted_at;
    fs->pages.limit = fs->max_inodes = pmm_managed_frames() / 2;
    fs->next_ino = 1;
    struct tnode *root;
    if (tnode_new(fs, S_IFDIR | 01777, &root)) {
        kfree(fs);
        return NULL;
    }
    mounts_made++;
    root->parent = root;
    inode_get(&root->inode);           /* the mount's reference: the root is never freed */
    fs->root = root;
    return &root->inode;
}

void tmpfs_free(struct inode *iroot)
{
    struct tnode *root = tnode_of(iroot);
    struct tmpfs *fs = root->fs;
    assert(!root->entries && fs->inodes == 1 && root->inode.refcount == 1);
    kfree(root);
    kfree(fs);
}
