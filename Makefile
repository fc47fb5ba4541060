# pagewise: `make run` builds and boots, `make test` runs every test. See README.md.

SHELL     := bash
BUILD     := build
ISO       := $(BUILD)/pagewise.iso
KERNEL    := $(BUILD)/kernel.elf
QEMU_RUN  := tools/qemu-run

CC        := gcc
NASM      := nasm
KCFLAGS   := -m32 -march=i686 -std=gnu11 -ffreestanding -fno-pie -fno-stack-protector \
             -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-optimize-sibling-calls -fno-strict-aliasing -mno-sse -mno-mmx -mno-80387 \
             -O2 -g -Wall -Wextra -Werror -Ikernel/include -Ikernel/include/uapi -Iarch/x86/include -I$(BUILD)/gen -MMD -MP
KLDFLAGS  := -m32 -static -nostdlib -no-pie -Wl,--build-id=none -Wl,-z,noexecstack -T linker.ld
LIBGCC    := $(shell $(CC) -m32 -print-libgcc-file-name)

KSRCS_C   := $(wildcard arch/x86/*.c kernel/*.c kernel/*/*.c)
KSRCS_ASM := $(wildcard arch/x86/*.asm)
KOBJS     := $(KSRCS_C:%.c=$(BUILD)/%.o) $(KSRCS_ASM:%.asm=$(BUILD)/%.o)

INITRD    := $(BUILD)/initrd.cpio
# Directories of user programs, each with a Makefile building into $(BUILD).
PROG_DIRS := user $(patsubst %/Makefile,%,$(wildcard tests/*/Makefile))
PROG_DIRS := $(filter-out tests/malloc tests/libc,$(PROG_DIRS))

.PHONY: all kernel iso libc programs initrd run test bench debug qemu-gdb clean deps docs
all: libc $(KERNEL) initrd $(ISO)

# The syscall numbers and the kernel's table, generated from kernel/syscalls.tbl into build/gen.
# Made here, before anything that includes them: as a rule of this make, a changed table makes
# the objects that include them (their .d files say which) out of date in this same run.
SYSCALL_GEN := $(BUILD)/gen/syscall_nr.h $(BUILD)/gen/syscall_nr.inc $(BUILD)/gen/syscall_table.h
$(SYSCALL_GEN) &: kernel/syscalls.tbl tools/gensyscalls
	$(Q)sh tools/gensyscalls $(BUILD)/gen
	@touch $(SYSCALL_GEN)

# The C library.
libc: $(SYSCALL_GEN)
	@$(MAKE) -s -C libc BUILD=$(abspath $(BUILD))
kernel: $(KERNEL)
iso: $(ISO)

$(KOBJS): | libc

# `make V=1` shows the full commands.
Q := $(if $(V),,@)

$(BUILD)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/%.o: %.asm Makefile
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  NASM    $<")
	$(Q)$(NASM) -f elf32 -g -F dwarf -o $@ $<

$(BUILD)/ksyms0.o $(BUILD)/ksyms.o: $(BUILD)/%.o: $(BUILD)/%.c
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

# Two links: the first one's symbols become the table backtraces read, added by the second.
# The table sits after text, rodata and data (linker.ld), so no function moves between them.
$(BUILD)/ksyms0.c: tools/gen-ksyms
	@mkdir -p $(BUILD)
	$(Q)tools/gen-ksyms - > $@
$(BUILD)/kernel.pass1.elf: $(KOBJS) $(BUILD)/ksyms0.o linker.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(KLDFLAGS) -o $@ $(KOBJS) $(BUILD)/ksyms0.o $(LIBGCC)
$(BUILD)/ksyms.c: $(BUILD)/kernel.pass1.elf tools/gen-ksyms
	$(Q)tools/gen-ksyms $< > $@
$(KERNEL): $(BUILD)/kernel.pass1.elf $(BUILD)/ksyms.o
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(KLDFLAGS) -o $@ $(KOBJS) $(BUILD)/ksyms.o $(LIBGCC)
	@cmp -s <(nm $< | grep -i ' t ') <(nm $@ | grep -i ' t ') || \
	    { echo "kernel text moved between the two links"; rm -f $@; exit 1; }

# User programs, then the initrd: /bin from user/, /tests from every tests/*/ that builds
# programs (tools/mkinitrd). Rewritten only when its contents changed, so the ISO is not redone.
programs: libc
	@for d in $(PROG_DIRS); do $(MAKE) -s -C $$d BUILD=$(abspath $(BUILD)) || exit 1; done

initrd: $(INITRD)
$(INITRD): programs
	@rm -rf $(BUILD)/initrd-extra && mkdir -p $(BUILD)/initrd-extra/tests
	@for d in $(filter-out user tests/user,$(PROG_DIRS)); do \
	    [ -d $(BUILD)/$$d ] && cp -R $(BUILD)/$$d/. $(BUILD)/initrd-extra/tests/; done; true
	$(Q)BUILD=$(abspath $(BUILD)) tools/mkinitrd $(INITRD).new $(BUILD)/initrd-extra
	@if cmp -s $(INITRD).new $(INITRD); then rm $(INITRD).new; \
	 else mv $(INITRD).new $(INITRD); echo "  INITRD  $(INITRD)"; fi

$(ISO): $(KERNEL) $(INITRD) tools/grub.cfg
	@rm -rf $(BUILD)/iso && mkdir -p $(BUILD)/iso/boot/grub
	@$(if $(Q),echo "  ISO     $@")
	$(Q)cp $(KERNEL) $(BUILD)/iso/boot/pagewise.elf
	$(Q)cp $(INITRD) $(BUILD)/iso/boot/initrd.cpio
	$(Q)cp tools/grub.cfg $(BUILD)/iso/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(BUILD)/iso 2> $(BUILD)/grub-mkrescue.log || \
	    { cat $(BUILD)/grub-mkrescue.log; exit 1; }

deps:
	tools/install-deps

# Boots the GRUB ISO. On a terminal: interactive. Otherwise: runs what there is, then powers off.
run: deps
	$(MAKE) all
	$(QEMU_RUN) --iso $(ISO)

# Installs what is missing too (quick when everything is there), so it works first on a fresh machine.
test: deps
	@$(MAKE) all
	tests/run

bench: deps
	@$(MAKE) all
	tests/bench

# QEMU waits for gdb on localhost:1234; `make debug` also starts gdb with the kernel's symbols.
qemu-gdb: all
	$(QEMU_RUN) --kernel $(KERNEL) --initrd $(INITRD) --gdb

debug: all
	tools/debug

# docs/walkthrough.md: the seed story with the demos' real output (tools/gen-walkthrough boots them).
docs: all
	tools/gen-walkthrough

clean:
	rm -rf $(BUILD)

-include $(KOBJS:.o=.d)
