/* tmpfs's tree through its inode operations, on a tmpfs of its own: names, links, rename,
 * and every block of kernel heap and every frame back once the names are gone. */
#include <errno.h>
#include <kheap.h>
#include <ktest.h>
#include <pmm.h>
#include "../fs/tmpfs_int.h"

static struct inode *child(struct inode *dir, const char *name)
{
    struct inode *ino;
    return dir->ops->lookup(dir, name, strlen(name), &ino) == 0 ? ino : NULL;
}

KTEST(fs_tmpfs_names_and_links)
{
    struct kheap_stats before, after;
    size_t free0 = pmm_free_frames();
    struct inode *root = tmpfs_new("/t");
    if (!root)
        return;
    kheap_stats(&before);
    const struct inode_ops *op = root->ops;
    struct inode *f;
    KEXPECT(op->create(root, "f", 1, S_IFREG | 0644, &f) == 0);
    KEXPECT(op->create(root, "f", 1, S_IFREG | 0644, &f) == -EEXIST);
    KEXPECT(op->mkdir(root, "d", 1, 0755) == 0 && root->nlink == 3 && root->size == 80);
    struct inode *d = child(root, "d");
    KEXPECT(d && op->link(d, "g", 1, f) == 0 && f->nlink == 2);
    KEXPECT(op->symlink(root, "s", 1, "d/g") == 0);
    struct inode *s = child(root, "s");
    char buf[8];
    KEXPECT(s && op->readlink(s, buf, sizeof buf) == 3 && memcmp(buf, "d/g", 3) == 0);
    inode_put(s);
    /* data: a page of shared memory, a frame of Shmem */
    KEXPECT(shmem_write(tnode_of(f)->data, 5000, (uintptr_t)"x", 1, false) == 1);
    struct kstat st;
    inode_stat(f, &st);
    KEXPECT(st.size == 5001 && st.blocks == 8 && st.nlink == 2);
    KEXPECT(op->rmdir(root, "d", 1) == -ENOTEMPTY);
    KEXPECT(op->rename(root, "d", 1, false, d, "x", 1, false, 0) == -EINVAL);
    KEXPECT(op->rename(root, "f", 1, false, d, "g", 1, false, 0) == 0);   /* two names, one file */
    KEXPECT(op->rename(root, "f", 1, false, root, "f2", 2, false, 0) == 0 && f->nlink == 2);
    KEXPECT(op->unlink(root, "f2", 2) == 0 && f->nlink == 1);
    KEXPECT(op->unlink(d, "g", 1) == 0 && f->nlink == 0);
    inode_stat(f, &st);
    KEXPECT(st.nlink == 0 && st.blocks == 8);           /* still held by our reference */
    inode_put(f);                                       /* the last one: freed, frame and all */
    inode_put(d);
    KEXPECT(op->unlink(root, "s", 1) == 0);
    KEXPECT(op->rmdir(root, "d", 1) == 0 && root->nlink == 2 && root->size == 40);
    kheap_stats(&after);
    KEXPECT(after.blocks_in_use == before.blocks_in_use);
    tmpfs_free(root);
    KEXPECT(pmm_free_frames() == free0);
}
