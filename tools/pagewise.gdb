# gdb setup for the pagewise kernel, loaded by `make debug` (tools/debug).
# The kernel runs at 0xC0100000 and up; its symbols come from build/kernel.elf.
set confirm off
set pagination off
set disassembly-flavor intel
set architecture i386
file build/kernel.elf

# Breakpoints are set before paging is on, when 0xC01xxxxx means nothing yet: hardware
# breakpoints (hbreak) compare linear addresses and fire once the kernel runs there, under
# KVM too. Under TCG plain "break" works as well.
define pw-trapframe
    # pw-trapframe ADDR: show a struct trap_frame (e.g. the argument of trap_dispatch)
    print *(struct trap_frame *)$arg0
end
document pw-trapframe
Print the struct trap_frame at the given address.
end
