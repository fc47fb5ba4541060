/*
 * Between the files of tmpfs: the file system, its nodes and directory entries. tmpfs.c keeps
 * the tree (nodes, names, links), tmpfs_rename.c moves names, tmpfs_file.c serves the open
 * files (data, listings).
 */
#ifndef FS_TMPFS_INT_H
#define FS_TMPFS_INT_H

#include <shmem.h>
#include <abi/statfs.h>
#include "fs.h"

/* A directory's st_size: Linux's tmpfs counts 20 bytes a name, "." and ".." included. */
#define BOGO_DIRENT_SIZE 20
/* Linux keeps a symlink target this long or shorter (NUL included) in the inode; a longer one
 * takes a page of shared memory. */
#define SHORT_SYMLINK_LEN 128

struct tmpfs {
    struct shmem_quota pages;          /* data frames: Linux's size= (half of memory) */
    size_t inodes, max_inodes;         /* Linux's nr_inodes= (half of memory in pages) */
    uint64_t next_ino;
    struct tnode *root;
    const char *mounted_at;            /* "/tmp": where dir_path's paths start */
};

/* One name in a directory, listed at its position pos (2, 3, ...: 0 and 1 are "." and "..");
 * a directory lists its names in the order they came, as Linux 6.6 and later do. */
struct tdirent {
    struct tdirent *next;
    struct tnode *node;
    uint64_t pos;
    size_t len;
    char name[];
};

struct tnode {
    struct inode inode;
    struct tmpfs *fs;
    struct shmem *data;                /* a regular file's pages; a long symlink's target */
    char *target;                      /* a short symlink's target (NUL-terminated) */
    struct tnode *parent;              /* a directory's: the one it is in (the root: itself) */
    struct tdirent *entries;           /* a directory's names, oldest first */
    uint64_t next_pos;
};

static inline struct tnode *tnode_of(struct inode *ino) { return container_of(ino, struct tnode, inode); }

/* Time stamps, as Linux's tmpfs moves them: modified() sets mtime and ctime, changed() ctime
 * (links, mode, owner), accessed() atime under relatime (only when it is older than mtime or
 * ctime, or a day old). */
void tnode_modified(struct tnode *n);
void tnode_changed(struct tnode *n);
void tnode_accessed(struct tnode *n);

/* Nodes (tmpfs.c): a new one of mode, with no name yet (0, -ENOSPC or -ENOMEM); freeing one
 * that has neither a name nor a reference left. */
long tnode_new(struct tmpfs *fs, uint32_t mode, struct tnode **out);
void tnode_maybe_free(struct tnode *n);

/* Names in a directory (tmpfs.c): the link to the entry called name, or NULL; a new entry;
 * putting one at the end of a directory's list and taking one out (its size follows);
 * taking a node's name away (its link counts, times, and the node freed if that was all). */
struct tdirent **tdir_find(struct tnode *dir, const char *name, size_t len);
struct tdirent *tdirent_new(const char *name, size_t len, struct tnode *node);
void tdir_attach(struct tnode *dir, struct tdirent *e);
struct tdirent *tdir_detach(struct tnode *dir, struct tdirent **l);
void tdir_drop_name(struct tnode *dir, struct tdirent **l);

long tmpfs_rename(struct inode *iodir, const char *oname, size_t olen, bool oslash,
                  struct inode *indir, const char *nname, size_t nlen, bool nslash, unsigned flags);
long tmpfs_open(struct inode *ino, unsigned flags, struct file **out);
long tmpfs_truncate(struct inode *ino, uint64_t size);

#endif
