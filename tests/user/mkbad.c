/*
 * mkbad GOOD_ELF OUTDIR: write the malformed executables the exec test feeds
 * to execve(2), each a copy of GOOD_ELF with one thing broken. A host tool,
 * run at build time: the initrd is read-only, so the test cannot make them.
 *
 *   bad_magic          "\177XLF" instead of "\177ELF"
 *   wrong_machine      e_machine EM_X86_64 in an otherwise good i386 file
 *   elf64              EI_CLASS ELFCLASS64 and EM_X86_64, as an x86-64 program says
 *   truncated_header   the first 40 bytes: the ELF header itself is cut
 *   truncated_phdrs    the header, but the program headers cut short
 *   truncated_segment  headers whole, the segment holding the entry point cut in half
 *   kernel_overlap     the last PT_LOAD moved to 0xBFFFF000 and 8 KiB long: it
 *                      crosses into the kernel's half at 0xC0000000
 *   kernel_segment     the last PT_LOAD moved to 0xC0100000, inside the kernel
 *   stack_overlap      the last PT_LOAD moved to 0xBFFF0000, 4 KiB: in user space, but
 *                      where the initial stack goes
 *   filesz_gt_memsz    a PT_LOAD whose file size exceeds its memory size
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *good;
static long good_size;
static const char *outdir;

static void write_file(const char *name, const unsigned char *data, long size)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", outdir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != (size_t)size || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* A fresh copy of the good file to break. */
static unsigned char *copy(void)
{
	static unsigned char *buf;

	free(buf);
	buf = malloc(good_size);
	memcpy(buf, good, good_size);
	return buf;
}

static Elf32_Phdr *phdr(unsigned char *f, int i)
{
	Elf32_Ehdr *eh = (Elf32_Ehdr *)f;

	return (Elf32_Phdr *)(f + eh->e_phoff + i * eh->e_phentsize);
}

/* Index of the last PT_LOAD, or of the one holding the entry point. */
static int find_load(unsigned char *f, int holding_entry)
{
	Elf32_Ehdr *eh = (Elf32_Ehdr *)f;
	int i, found = -1;

	for (i = 0; i < eh->e_phnum; i++) {
		Elf32_Phdr *ph = phdr(f, i);

		if (ph->p_type != PT_LOAD)
			continue;
		if (!holding_entry || (eh->e_entry >= ph->p_vaddr && eh->e_entry < ph->p_vaddr + ph->p_memsz))
			found = i;
	}
	if (found < 0) {
		fprintf(stderr, "mkbad: no suitable PT_LOAD\n");
		exit(1);
	}
	return found;
}

int main(int argc, char **argv)
{
	Elf32_Ehdr *eh;
	Elf32_Phdr *ph;
	unsigned char *f;
	FILE *in;

	if (argc != 3 || !(in = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: mkbad GOOD_ELF OUTDIR\n");
		return 1;
	}
	outdir = argv[2];
	fseek(in, 0, SEEK_END);
	good_size = ftell(in);
	rewind(in);
	good = malloc(good_size);
	if (fread(good, 1, good_size, in) != (size_t)good_size)
		return 1;
	fclose(in);
	eh = (Elf32_Ehdr *)good;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_machine != EM_386) {
		fprintf(stderr, "mkbad: %s is not an i386 ELF file\n", argv[1]);
		return 1;
	}

	f = copy();
	f[EI_MAG1] = 'X';
	write_file("bad_magic", f, good_size);

	f = copy();
	((Elf32_Ehdr *)f)->e_machine = EM_X86_64;
	write_file("wrong_machine", f, good_size);

	f = copy();
	f[EI_CLASS] = ELFCLASS64;
	((Elf32_Ehdr *)f)->e_machine = EM_X86_64;
	write_file("elf64", f, good_size);

	write_file("truncated_header", good, 40);
	write_file("truncated_phdrs", good, eh->e_phoff + eh->e_phentsize / 2);

	ph = phdr(good, find_load(good, 1));
	write_file("truncated_segment", good, ph->p_offset + ph->p_filesz / 2);

	/* Keep p_vaddr congruent to p_offset modulo the page size, as a loader may demand. */
	f = copy();
	ph = phdr(f, find_load(f, 0));
	ph->p_vaddr = ph->p_paddr = 0xBFFFF000u + (ph->p_offset & 0xfff);
	ph->p_memsz = ph->p_memsz > 0x2000 ? ph->p_memsz : 0x2000;
	write_file("kernel_overlap", f, good_size);

	f = copy();
	ph = phdr(f, find_load(f, 0));
	ph->p_vaddr = ph->p_paddr = 0xC0100000u + (ph->p_offset & 0xfff);
	write_file("kernel_segment", f, good_size);

	f = copy();
	ph = phdr(f, find_load(f, 0));
	ph->p_vaddr = ph->p_paddr = 0xBFFF0000u + (ph->p_offset & 0xfff);
	ph->p_memsz = 0x1000 - (ph->p_offset & 0xfff);            /* to the end of that page */
	if (ph->p_filesz > ph->p_memsz)
		ph->p_filesz = ph->p_memsz;
	write_file("stack_overlap", f, good_size);

	f = copy();
	ph = phdr(f, find_load(f, 1));
	ph->p_memsz = ph->p_filesz / 2;
	write_file("filesz_gt_memsz", f, good_size);
	return 0;
}
