#!/bin/sh
# gensyscalls_test.sh - checks tools/gensyscalls and kernel/syscalls.tbl:
# the numbers agree with Linux's i386 ones (where this host has the header),
# the kernel's way of including syscall_table.h compiles, and malformed
# lists are refused.  Ends with "N passed, N failed" like the C tests.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
gen="$top/tools/gensyscalls"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

if sh "$gen" "$tmp/out"; then ok; else bad "gensyscalls on the real list"; fi

# Every number is Linux's.
linux=/usr/include/x86_64-linux-gnu/asm/unistd_32.h
[ -f "$linux" ] || linux=/usr/include/asm/unistd_32.h
if [ -f "$linux" ]; then
	wrong=$(grep -v '^[[:space:]]*#' "$top/kernel/syscalls.tbl" | awk 'NF == 3 { print $1, $2 }' |
		while read -r nr name; do
			want=$(awk -v n="__NR_$name" '$2 == n { print $3 }' "$linux")
			[ "$want" = "$nr" ] || echo "$name: list says $nr, Linux says ${want:-nothing}"
		done)
	if [ -z "$wrong" ]; then ok; else bad "numbers differ from Linux: $wrong"; fi
else
	echo "skip: no unistd_32.h to compare numbers with"
fi

# The kernel's use: prototypes from SYSCALL_ENTRY, the table from SYSCALL.
cat > "$tmp/k.c" <<'C'
#include "syscall_nr.h"
typedef long (*syscall_fn)(void);
#define SYSCALL_ENTRY(entry) long entry(void);
#include "syscall_table.h"
#undef SYSCALL_ENTRY
#define SYSCALL(nr, name, entry) [nr] = entry,
syscall_fn table[SYSCALL_MAX] = {
#include "syscall_table.h"
};
_Static_assert(__NR_write == 4 && __NR_mmap2 == 192, "numbers");
_Static_assert(sizeof table / sizeof table[0] > __NR_clock_gettime64, "SYSCALL_MAX");
C
if gcc -m32 -Wall -Werror -c -I"$tmp/out" -o "$tmp/k.o" "$tmp/k.c"; then ok; else bad "kernel-style include"; fi
if grep -q '^%define __NR_exit_group 252$' "$tmp/out/syscall_nr.inc"; then ok; else bad "NASM numbers"; fi
if grep -q '^SYSCALL(383, statx, 0)$\|^SYSCALL(383, statx, sys_statx)$' "$tmp/out/syscall_table.h"; then ok; else bad "table line"; fi

# Malformed lists are refused, with the line number.
refuse() {
	printf '%b' "$2" > "$tmp/bad.tbl"
	if sh "$gen" -t "$tmp/bad.tbl" "$tmp/bad" 2> "$tmp/err"; then
		bad "accepted: $1"
	elif grep -q 'bad.tbl:[0-9]' "$tmp/err"; then
		ok
	else
		bad "no line number for: $1"
	fi
}
refuse "duplicate number" '1 exit sys_exit\n1 fork sys_fork\n'
refuse "decreasing number" '2 fork sys_fork\n1 exit sys_exit\n'
refuse "duplicate name" '1 exit sys_exit\n2 exit sys_fork\n'
refuse "bad entry" '1 exit do_exit\n'
refuse "missing column" '1 exit\n'
refuse "not a number" 'x exit sys_exit\n'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
