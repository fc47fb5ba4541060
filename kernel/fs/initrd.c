/*
 * The initrd: a cpio archive in the "newc" format (man 5 cpio: "New ASCII Format"), as
 * `cpio -o -H newc` writes it. Each member is a 110-byte header of ASCII hex fields, the
 * path name (NUL included, header+name padded to 4 bytes), then the data (padded to 4);
 * "TRAILER!!!" ends the archive. We build a tree of nodes over it: names and file data stay
 * in the archive, which the boot module keeps in memory (reached through the direct map).
 * Missing parent directories are made up; a later member with the same name replaces an
 * earlier one. Hard links (newc stores the data with the last link) are not joined.
 */
#include <errno.h>
#include <kheap.h>
#include "fs.h"

#define NEWC_HEADER 110
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
       F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK, NFIELDS };

struct rnode {
    struct inode inode;
    const char *name;
    size_t namelen;
    const char *data;                  /* file contents or symlink target, in the archive */
    struct rnode *parent, *children, *next;
};

static const struct inode_ops rnode_ops;
static uint64_t next_ino = 1;

static struct rnode *rnode_of(struct inode *ino) { return container_of(ino, struct rnode, inode); }

static struct rnode *node_new(struct rnode *parent, const char *name, size_t len, uint32_t mode)
{
    struct rnode *n = kzalloc(sizeof *n);
    if (!n)
        return NULL;
    n->inode.ops = &rnode_ops;
    n->inode.mode = mode;
    n->inode.nlink = S_ISDIR(mode) ? 2 : 1;
    n->inode.flags = INODE_RDONLY_FS;
    n->inode.ino = next_ino++;
    n->inode.dev = DEV_INITRD;
    n->name = name;
    n->namelen = len;
    n->parent = parent ? parent : n;
    if (parent) {
        struct rnode **link = &parent->children;     /* keep the archive's order */
        while (*link)
            link = &(*link)->next;
        *link = n;
        if (S_ISDIR(mode))
            parent->inode.nlink++;
    }
    return n;
}

static struct rnode *child_named(struct rnode *dir, const char *name, size_t len)
{
    for (struct rnode *c = dir->children; c; c = c->next)
        if (c->namelen == len && memcmp(c->name, name, len) == 0)
            return c;
    return NULL;
}

static bool parse_hex8(const char *s, uint32_t *v)
{
    uint32_t x = 0;
    for (int i = 0; i < 8; i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
        if (d > 15)
            return false;
        x = x << 4 | d;
    }
    *v = x;
    return true;
}

/* Put one member at path (relative to root, "." or "" for the root itself). */
static long add_member(struct rnode *root, const char *path, uint32_t mode, uint32_t mtime,
                       const char *data, uint32_t size)
{
    while (*path == '/' || (path[0] == '.' && path[1] == '/'))
        path += *path == '/' ? 1 : 2;
    struct rnode *dir = root, *n = NULL;
    if (!*path || strcmp(path, ".") == 0) {
        n = root;
    } else {
        for (;;) {
            const char *end = path, *next;
            while (*end && *end != '/')
                end++;
            for (next = end; *next == '/'; next++)
                ;
            size_t len = (size_t)(end - path);
            bool last = !*next;
            if (len > FS_NAME_MAX)
                return -ENAMETOOLONG;
            n = child_named(dir, path, len);
            if (!n && !(n = node_new(dir, path, len, last ? mode : (S_IFDIR | 0755))))
                return -ENOMEM;
            if (last)
                break;
            if (!S_ISDIR(n->inode.mode))
                return -ENOTDIR;
            dir = n;
            path = next;
        }
    }
    if (S_ISDIR(n->inode.mode) != S_ISDIR(mode))
        return -EEXIST;                /* a file where a directory was, or the reverse */
    n->inode.mode = mode;
    n->inode.atime = n->inode.mtime = n->inode.ctime = (struct fs_time){ mtime, 0 };
    n->inode.size = S_ISDIR(mode) ? 0 : size;
    n->data = data;
    return 0;
}

long initrd_parse(const void *archive, size_t size, struct inode **root_out)
{
    const char *base = archive;
    struct rnode *root = node_new(NULL, "", 0, S_IFDIR | 0755);
    if (!root)
        return -ENOMEM;
    uint64_t off = 0;
    long err = 0;
    for (;;) {
        uint32_t f[NFIELDS];
        const char *h = base + off;
        if (off + NEWC_HEADER > size || memcmp(h, "07070", 5) || (h[5] != '1' && h[5] != '2')) {
            err = -EINVAL;
            break;
        }
        for (int i = 0; i < NFIELDS && !err; i++)
            if (!parse_hex8(h + 6 + 8 * i, &f[i]))
                err = -EINVAL;
        uint64_t name_end = off + NEWC_HEADER + f[F_NAMESIZE];
        uint64_t data_off = ALIGN_UP(name_end, 4);
        if (err || f[F_NAMESIZE] == 0 || name_end > size || h[NEWC_HEADER + f[F_NAMESIZE] - 1]
            || data_off + f[F_FILESIZE] > size) {
            err = -EINVAL;
            break;
        }
        const char *name = h + NEWC_HEADER;
        if (strcmp(name, "TRAILER!!!") == 0)
            break;
        err = add_member(root, name, f[F_MODE], f[F_MTIME], base + data_off, f[F_FILESIZE]);
        if (err)
            break;
        off = ALIGN_UP(data_off + f[F_FILESIZE], 4);
    }
    if (err) {
        initrd_free(&root->inode);
        return err;
    }
    *root_out = &root->inode;
    return 0;
}

void initrd_free(struct inode *ino)
{
    struct rnode *n = rnode_of(ino);
    while (n->children) {
        struct rnode *c = n->children;
        n->children = c->next;
        initrd_free(&c->inode);
    }
    kfree(n);
}

struct inode *initrd_ensure_dir(struct inode *dir, const char *name)
{
    struct rnode *d = rnode_of(dir), *n = child_named(d, name, strlen(name));
    if (!n)
        n = node_new(d, name, strlen(name), S_IFDIR | 0555);
    return n && S_ISDIR(n->inode.mode) ? &n->inode : NULL;
}

/* ---- operations ---- */

static long rnode_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    struct rnode *c = child_named(rnode_of(dir), name, len);
    if (!c)
        return -ENOENT;
    *out = &c->inode;
    return 0;
}

static long rnode_readlink(struct inode *ino, char *buf, size_t size)
{
    struct rnode *n = rnode_of(ino);
    if (!S_ISLNK(ino->mode))
        return -EINVAL;
    size_t len = MIN((size_t)ino->size, size);
    memcpy(buf, n->data, len);
    return (long)len;
}

static long file_read(struct file *f, uintptr_t ubuf, size_t n)
{
    struct rnode *r = rnode_of(((struct ifile *)f->priv)->inode);
    return mem_read(f, ubuf, n, r->data, r->inode.size);
}

static long file_pread(struct file *f, void *buf, size_t n, uint64_t off)
{
    struct rnode *r = rnode_of(((struct ifile *)f->priv)->inode);
    return mem_pread(buf, n, off, r->data, r->inode.size);
}

/* Positions: 0 is ".", 1 is "..", 2 + i the i-th child. */
static long dir_getdents(struct file *f, uintptr_t ubuf, size_t n)
{
    struct rnode *d = rnode_of(((struct ifile *)f->priv)->inode);
    struct dirent_sink s = { .ubuf = ubuf, .size = n };
    uint64_t pos = 0;
    if (f->pos == 0 && dirent_emit(&s, d->inode.ino, 1, DT_DIR, ".", 1))
        f->pos = 1;
    if (f->pos == 1 && dirent_emit(&s, d->parent->inode.ino, 2, DT_DIR, "..", 2))
        f->pos = 2;
    for (struct rnode *c = d->children; c && f->pos >= 2; c = c->next, pos++) {
        if (pos < f->pos - 2)
            continue;
        if (!dirent_emit(&s, c->inode.ino, pos + 3, dtype_of(c->inode.mode), c->name, c->namelen))
            break;
        f->pos = pos + 3;
    }
    return dirent_result(&s);
}

static const struct file_ops reg_ops = {
    .read = file_read, .pread_kernel = file_pread, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_POSITION,
};
static const struct file_ops dir_ops = {
    .read = ifile_dir_read, .getdents64 = dir_getdents, .stat = ifile_stat,
    .release = ifile_release, .seek = FILE_SEEK_POSITION,
};

static long rnode_open(struct inode *ino, unsigned flags, struct file **out)
{
    if (S_ISREG(ino->mode))
        return ifile_new(ino, &reg_ops, flags, out);
    if (S_ISDIR(ino->mode))
        return ifile_new(ino, &dir_ops, flags, out);
    return -ENXIO;                     /* device nodes and fifos in the archive: no driver */
}

static const struct inode_ops rnode_ops = {
    .lookup = rnode_lookup, .open = rnode_open, .readlink = rnode_readlink,
};
