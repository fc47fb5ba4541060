#!/bin/sh
# run.sh DIR TEST... - run each libc test program from DIR on this host (and
# each TEST.sh script beside run.sh, which finds the programs in $PW_TEST_DIR) and add up their "N passed, N failed" lines.  A program that crashes, times out
# or exits non-zero without a summary counts as one failure.
#
# How i386 programs run here: $PW_RUN if set; else natively with the i386
# personality and a 3 GiB user space (setarch i386 -3 -R); else, on a kernel
# without 32-bit support, under qemu-i386 (Debian package qemu-user).
set -u
dir=$1
shift

if [ -z "${PW_RUN+x}" ]; then
	if setarch i386 -3 -R "$dir/probe" 2>/dev/null; then
		PW_RUN="setarch i386 -3 -R"
	elif command -v qemu-i386 >/dev/null 2>&1 && qemu-i386 "$dir/probe"; then
		PW_RUN="qemu-i386"
	else
		echo "run.sh: this host cannot run i386 programs; install qemu-user" >&2
		echo "0 passed, 1 failed"
		exit 1
	fi
fi
echo "running with: $PW_RUN"
# what the .sh checks need to run the programs they compare
export PW_RUN PW_TEST_DIR="$dir"

tmp=${TMPDIR:-/tmp}/pagewise-libc-tests.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
total_pass=0
total_fail=0
for t in "$@"; do
	log="$tmp/$t.log"
	case $t in
	*.sh) timeout 60 sh "$(dirname "$0")/$t" >"$log" 2>&1 ;;	# host-side checks
	*) TMPDIR=$tmp timeout 60 $PW_RUN "$dir/$t" >"$log" 2>&1 ;;
	esac
	rc=$?
	summary=$(tail -n 1 "$log")
	pass=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	fail=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$pass" ]; then
		pass=0
		fail=1
		summary="no summary line (exit status $rc)"
	elif [ $rc -ne 0 ] && [ "$fail" -eq 0 ]; then
		fail=1
		summary="$summary, but exit status $rc"
	fi
	if [ "$fail" -eq 0 ]; then
		echo "PASS $t: $summary"
	else
		echo "FAIL $t: $summary"
		sed 's/^/    /' "$log"
	fi
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
