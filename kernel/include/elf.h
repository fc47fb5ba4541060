/* ELF32 executables (System V ABI, i386 supplement): what the loader needs. */
#ifndef ELF_H
#define ELF_H

#include <kernel.h>

struct file;
struct vm;

struct elf_image {
    uintptr_t entry;
    uintptr_t phdr;            /* user address of the program headers, for AT_PHDR */
    unsigned phnum, phent;
    uintptr_t brk;             /* page-aligned end of the highest segment */
};

/* Check the file and map its PT_LOAD segments into vm (regions only: pages come by fault).
 * -ENOEXEC: not an i386 static executable; -EINVAL: segments that cannot be placed. */
long elf_load(struct file *f, struct vm *vm, const char *path, struct elf_image *img);

#endif
