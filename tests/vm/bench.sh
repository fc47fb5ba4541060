#!/bin/sh
# bench.sh TOP BUILD BENCH_PROGRAM: boot pagewise once with init, the user programs and
# bench_vm in the initrd, run bench_vm as init's child, print its table and the accelerator.
# Called by `make -C tests/vm bench` (and so by the top-level `make bench`).
set -eu
top=$1 build=$2 prog=$3
[ -f "$build/kernel.elf" ] || { echo "bench_vm: no $build/kernel.elf: run make all first" >&2; exit 1; }

# The accelerator as tools/qemu-run chooses it (it prints nothing about it itself).
mode=${PAGEWISE_ACCEL:-}
if [ -z "$mode" ]; then
    if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then mode=kvm; else mode=tcg; fi
fi
mode=$(echo "$mode" | tr a-z A-Z)

root=$(mktemp -d) log=$(mktemp)
trap 'rm -rf "$root" "$log"' EXIT
mkdir -p "$root/bin" "$root/bench"
cp "$build"/user/bin/* "$root/bin/"
[ -d "$top/user/etc" ] && cp -r "$top/user/etc" "$root/etc"
cp "$prog" "$root/bench/"
(cd "$root" && find . | sort | cpio -o -H newc --quiet) > "$root.cpio"
trap 'rm -rf "$root" "$root.cpio" "$log"' EXIT

echo "bench_vm: pagewise under QEMU ($mode), 128 MiB"
status=0
"$top/tools/qemu-run" --kernel "$build/kernel.elf" --initrd "$root.cpio" --timeout 300 \
    --append "-- /bench/$(basename "$prog")" > "$log" 2>&1 || status=$?
# The table only, not the boot banner; everything when it failed.
if [ $status -eq 0 ]; then
    tr -d '\r' < "$log" | sed -n '/^bench_vm: rdtsc/,/^pagewise: init exited/p' | sed '$d'
    echo "  (mode: $mode)"
else
    tr -d '\r' < "$log"
    echo "bench_vm: the boot failed (status $status)" >&2
fi
exit $status
