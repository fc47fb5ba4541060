# prog.mk - how a user program is compiled and linked against the pagewise libc.
#
#   include libc/prog.mk            (with BUILD set to the build directory)
#   $(BUILD)/prog: $(BUILD)/prog.o $(PW_LINK_DEPS)
#   	$(PW_LD) -o $@ $(PW_CRT0) $< $(PW_LIBS)
#
# The result is a static ET_EXEC at ld's default 0x08048000 base, no PIE, with
# symbols kept (habit 11: debuggable by default).  It runs on pagewise and,
# because the libc speaks the Linux i386 syscall ABI, on Linux i386 too.

PW_LIBC_SRC := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
PW_BUILD ?= $(BUILD)

PW_CC := gcc
PW_CFLAGS := -m32 -march=i686 -fno-pie -fno-stack-protector -nostdinc \
	-isystem $(PW_LIBC_SRC)/include -isystem $(PW_LIBC_SRC)/../kernel/include/uapi -isystem $(PW_BUILD)/gen \
	-Wall -Wextra -Werror -O2 -g -MD -MP
# -MD, not -MMD: gcc counts libc's headers as system headers (-isystem), which -MMD leaves out
# of an object's .d file, so a changed struct in libc/include would not rebuild the programs
# that use it. Each Makefile that compiles with PW_CFLAGS includes its objects' .d files.
PW_LD := ld -m elf_i386 -static
PW_CRT0 := $(PW_BUILD)/libc/crt0.o
# libgcc: 64-bit division and the like, which i386 has no instruction for.
PW_LIBGCC := $(shell $(PW_CC) -m32 -print-libgcc-file-name)
PW_LIBS := $(PW_BUILD)/libc/libc.a $(PW_LIBGCC)
PW_LINK_DEPS := $(PW_CRT0) $(PW_BUILD)/libc/libc.a
