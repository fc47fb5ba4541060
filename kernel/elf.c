/*
 * The ELF loader: validates an ELF32 i386 ET_EXEC file and describes its PT_LOAD segments
 * as regions of a new address space. File-backed pages are read on first touch (major
 * faults); the zero tail of the last file page and the bss beyond it come as zeros.
 * Linux's fs/binfmt_elf.c is the reference for what is refused and how.
 */
#include <elf.h>
#include <errno.h>
#include <vfs.h>
#include <vm.h>

#define EI_NIDENT   16
#define ELFCLASS32  1
#define ELFDATA2LSB 1
#define EV_CURRENT  1
#define ET_EXEC     2
#define EM_386      3
#define PT_LOAD     1
#define PT_INTERP   3
#define PT_PHDR     6
#define PF_X        1
#define PF_W        2
#define PF_R        4
#define MAX_PHDRS   64

struct elf32_ehdr {
    uint8_t ident[EI_NIDENT];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

static bool read_exact(struct file *f, void *buf, size_t n, uint64_t off)
{
    return f->ops->pread_kernel(f, buf, n, off) == (long)n;
}

static long check_header(const struct elf32_ehdr *eh)
{
    if (memcmp(eh->ident, "\177ELF", 4) != 0 || eh->ident[4] != ELFCLASS32 ||
        eh->ident[5] != ELFDATA2LSB || eh->ident[6] != EV_CURRENT)
        return -ENOEXEC;
    if (eh->type != ET_EXEC || eh->machine != EM_386)          /* no PIE, no other CPUs */
        return -ENOEXEC;
    if (eh->phentsize != sizeof(struct elf32_phdr) || eh->phnum == 0 || eh->phnum > MAX_PHDRS)
        return -ENOEXEC;
    return 0;
}

static unsigned segment_prot(uint32_t flags)
{
    return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) | (flags & PF_X ? PROT_EXEC : 0);
}

static long check_segment(const struct elf32_phdr *ph, uint64_t file_size)
{
    if ((uint64_t)ph->offset + ph->filesz > file_size)
        return -ENOEXEC;                      /* truncated file */
    if (ph->filesz > ph->memsz)
        return -EINVAL;
    if ((ph->vaddr & (PAGE_SIZE - 1)) != (ph->offset & (PAGE_SIZE - 1)))
        return -EINVAL;
    uint64_t end = (uint64_t)ph->vaddr + ph->memsz;
    if (ph->vaddr < 0x10000 || end > USER_TOP)
        return -EINVAL;                       /* below mmap_min_addr, or into the kernel */
    return 0;
}

long elf_load(struct file *f, struct vm *vm, const char *path, struct elf_image *img)
{
    struct kstat st;
    if (f->ops->stat(f, &st) < 0)
        return -EIO;
    struct elf32_ehdr eh;
    if (!read_exact(f, &eh, sizeof eh, 0))
        return -ENOEXEC;
    long err = check_header(&eh);
    if (err)
        return err;
    struct elf32_phdr ph[MAX_PHDRS];
    if (!read_exact(f, ph, eh.phnum * sizeof ph[0], eh.phoff))
        return -ENOEXEC;

    img->entry = eh.entry;
    img->phnum = eh.phnum;
    img->phent = eh.phentsize;
    img->phdr = 0;
    img->brk = 0;
    bool entry_mapped = false;
    for (unsigned i = 0; i < eh.phnum; i++) {
        if (ph[i].type == PT_INTERP)
            return -ENOEXEC;                  /* dynamically linked: not supported */
        if (ph[i].type == PT_PHDR)
            img->phdr = ph[i].vaddr;
        if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
            continue;
        if ((err = check_segment(&ph[i], st.size)) != 0)
            return err;
        uintptr_t start = page_down(ph[i].vaddr);
        uintptr_t file_end = page_up(ph[i].vaddr + ph[i].filesz);
        uintptr_t mem_end = page_up(ph[i].vaddr + ph[i].memsz);
        unsigned prot = segment_prot(ph[i].flags);
        if (vm_find_from(vm, start) && vm_find_from(vm, start)->start < mem_end)
            return -EINVAL;                   /* overlapping segments */
        if (file_end > start) {
            struct vm_region *r = vm_map_region(vm, start, file_end, prot, 0, f, page_down(ph[i].offset));
            if (!r)
                return -ENOMEM;
            r->file_end = (uint64_t)ph[i].offset + ph[i].filesz;   /* the rest of the page is bss */
            strlcpy(r->path, path, sizeof r->path);
        }
        if (mem_end > file_end && !vm_map_region(vm, file_end, mem_end, prot, 0, NULL, 0))
            return -ENOMEM;
        /* Without PT_PHDR, the headers are where the segment holding file offset phoff puts them. */
        if (!img->phdr && eh.phoff >= ph[i].offset && eh.phoff + eh.phnum * sizeof ph[0] <= ph[i].offset + ph[i].filesz)
            img->phdr = ph[i].vaddr + (eh.phoff - ph[i].offset);
        if (eh.entry >= ph[i].vaddr && eh.entry < ph[i].vaddr + ph[i].memsz)
            entry_mapped = true;
        img->brk = MAX(img->brk, mem_end);
    }
    if (!entry_mapped)
        return -ENOEXEC;
    return 0;
}
