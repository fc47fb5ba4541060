/* Between procfs.c (the root, generated text) and procfs_pid.c (/proc/<pid>). */
#ifndef FS_PROCFS_INT_H
#define FS_PROCFS_INT_H

#include <procfs.h>
#include "fs.h"

extern const struct file_ops procfs_text_ops;

/* Run show into a buffer big enough: the text (kmalloc'd) and its length. */
long procfs_generate(void (*show)(struct pbuf *, void *), void *arg, char **text, size_t *len);
/* Open a /proc file with ops: read-only (EACCES for writing or truncating, as Linux). */
long procfs_open_readonly(struct inode *ino, const struct file_ops *ops, unsigned flags,
                          struct file **out);
/* inode_ops.open of every generated file: read-only, text made at the first read. */
long procfs_open_text(struct inode *ino, unsigned flags, struct file **out);

/* "123" -> 123; anything else (leading zeros, signs, too long) -> -1, as Linux's name_to_int. */
int procfs_parse_pid(const char *name, size_t len);
/* /proc/<pid> (a new reference), or -ENOENT when there is no such process. */
long procfs_pid_dir(int pid, struct inode **out);
/* Inode numbers: entry -1 is the directory itself. */
uint64_t procfs_pid_ino(int pid, int entry);
/* A directory of /proc/<id> directories, for the ids of the processes or threads that keep()
 * accepts (with arg), smallest first from position base + id: the id listed last is at
 * base + id + 1. Each call looks for the smallest one not listed yet, since they come and go
 * between calls. */
void procfs_emit_ids(struct file *f, struct dirent_sink *s, uint64_t base,
                     bool (*keep)(const struct proc *p, int arg), int arg);
/* The text of a /proc/<pid>/ file inode. */
long procfs_pid_generate(struct inode *ino, char **text, size_t *len);
/* /proc/<pid>/status for p (tests call it with a made-up process). */
void procfs_show_status(struct proc *p, struct pbuf *b);

#endif
