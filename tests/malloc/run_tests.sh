#!/bin/bash
# run_tests.sh OUT - every host test of libc/malloc, built by `make test`
# into OUT. One PASS/FAIL line per check (the unit programs count each of
# their checks); the last line is "N passed, N failed"; exit 1 on failure.
set -u
OUT=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
LOG=$OUT/logs
mkdir -p "$LOG"
passed=0 failed=0
T=120	# seconds any one program may take

ok() { echo "PASS $1"; passed=$((passed + 1)); }
ko() { echo "FAIL $1"; failed=$((failed + 1)); }
show() { sed 's/^/    /' "$1" | tail -n "${2:-8}"; }

# A tool the tests need is missing: that is a failure, not a skip.
for tool in valgrind qemu-i386 python3 gcc sort timeout; do
	command -v $tool >/dev/null || ko "missing tool: $tool (see tests/malloc/DEPENDS)"
done

# Programs that print "N passed, N failed": their counts join ours.
counted() {
	local name=$1; shift
	timeout $T "$@" >"$LOG/$name.out" 2>"$LOG/$name.err"
	local rc=$? line
	line=$(tail -n 1 "$LOG/$name.out")
	if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		passed=$((passed + BASH_REMATCH[1]))
		failed=$((failed + BASH_REMATCH[2]))
		echo "$name: $line"
		grep '^FAIL' "$LOG/$name.out"
		[ $rc -eq 0 ] || [ "${BASH_REMATCH[2]}" -ne 0 ] || ko "$name (exit $rc)"
	else
		ko "$name (exit $rc, no summary)"
		show "$LOG/$name.out"; show "$LOG/$name.err"
	fi
}

# Programs that succeed or not.
run() {
	local name=$1; shift
	if timeout $T "$@" >"$LOG/$name.out" 2>"$LOG/$name.err"; then
		ok "$name"
	else
		ko "$name (exit $?)"
		show "$LOG/$name.out"; show "$LOG/$name.err"
	fi
}

VG="valgrind -q --error-exitcode=99 --suppressions=$HERE/valgrind.supp"

echo "== unit tests"
counted unit-x86_64 "$OUT/64/unit"
counted unit-i386 qemu-i386 "$OUT/32/unit"
counted unit-asan-ubsan "$OUT/san/unit"
counted unit-valgrind $VG "$OUT/vg/unit"
# Tracing on: every call takes the locked path and prints its path.
PAGEWISE_MALLOC_TRACE=1 counted unit-x86_64-trace "$OUT/64/unit"
for path in top brk bin merge mmap munmap trim mremap segment; do
	if grep -q "^pw-malloc: .*\[.*\b$path\b.*\]" "$LOG/unit-x86_64-trace.err"; then
		ok "trace shows $path"
	else
		ko "trace shows $path"
	fi
done
if grep -q '^system bytes' "$LOG/unit-x86_64.err" && grep -q '^brk calls = ' "$LOG/unit-x86_64.err"; then
	ok "malloc_stats prints arena and counters"
else
	ko "malloc_stats prints arena and counters"
fi

echo "== parameters from the environment (glibc's names)"
counted tunables-x86_64 "$OUT/64/tunables"
MALLOC_MMAP_THRESHOLD_=65536 counted tunables-i386 qemu-i386 "$OUT/32/tunables" mmap-threshold

echo "== randomized against a model"
run random-x86_64-seed1 "$OUT/64/random" 1 300000
run random-x86_64-seed2 "$OUT/64/random" 2 300000
run random-x86_64-tight "$OUT/64/random" 3 60000 tight
PAGEWISE_MALLOC_TCACHE=0 run random-x86_64-notcache "$OUT/64/random" 4 200000
run random-i386 qemu-i386 "$OUT/32/random" 5 150000
run random-i386-tight qemu-i386 "$OUT/32/random" 6 30000 tight
run random-asan-ubsan "$OUT/san/random" 7 150000
run random-asan-ubsan-tight "$OUT/san/random" 8 30000 tight
run random-valgrind $VG "$OUT/vg/random" 9 30000

echo "== threads"
run threads-x86_64 "$OUT/64/threads" 4 300000
PAGEWISE_MALLOC_TCACHE=0 run threads-x86_64-notcache "$OUT/64/threads" 4 100000
run threads-x86_64-many "$OUT/64/threads" 16 30000
run threads-i386 qemu-i386 "$OUT/32/threads" 4 100000

echo "== misuse stops the program with one line"
crash() {
	local arch=$1 case=$2 want=$3; shift 3
	timeout $T "$@" "$case" >"$LOG/crash-$arch-$case.out" 2>"$LOG/crash-$arch-$case.err"
	local rc=$? ptr
	ptr=$(sed -n 's/^ptr=//p' "$LOG/crash-$arch-$case.out")
	if [ "$want" = signal ]; then
		# The block's mapping is gone: its header cannot be read.
		if [ $rc -gt 128 ]; then ok "crash-$arch $case (signal $((rc - 128)))"; else ko "crash-$arch $case (exit $rc)"; fi
	elif [ $rc -eq 134 ] && [ -n "$ptr" ] &&
	     grep -q "^pagewise malloc: .*: $ptr\$" "$LOG/crash-$arch-$case.err" &&
	     [ "$(grep -c '^pagewise malloc:' "$LOG/crash-$arch-$case.err")" = 1 ]; then
		ok "crash-$arch $case: $(grep '^pagewise malloc:' "$LOG/crash-$arch-$case.err" | cut -d: -f2)"
	else
		ko "crash-$arch $case (exit $rc, ptr '$ptr')"
		show "$LOG/crash-$arch-$case.err" 3
	fi
}
for c in double-free-small double-free-bin double-free-top invalid-pointer interior-pointer misaligned \
	 overflow overflow-cache-full overflow-bin corrupt-header corrupt-footer corrupt-mmap-header realloc-invalid; do
	crash x86_64 $c abort "$OUT/64/crash"
done
crash x86_64 double-free-mmap signal "$OUT/64/crash"
# Without a thread cache the free itself finds the overflow.
PAGEWISE_MALLOC_TCACHE=0 crash x86_64-nocache overflow abort "$OUT/64/crash"
for c in double-free-small double-free-bin double-free-top overflow corrupt-footer; do
	crash i386 $c abort qemu-i386 "$OUT/32/crash"
done

echo "== LD_PRELOAD into real programs"
SO64=$OUT/64/libpwmalloc.so SO32=$OUT/32/libpwmalloc.so
W=$OUT/work
mkdir -p "$W"
same() {	# name, then a command; its output must match the run without us
	local name=$1; shift
	timeout $T "$@" >"$W/$name.ref" 2>&1
	if timeout $T env LD_PRELOAD="$SO64" "$@" >"$W/$name.out" 2>&1 &&
	   cmp -s "$W/$name.ref" "$W/$name.out" && [ -s "$W/$name.out" ]; then
		ok "preload $name"
	else
		ko "preload $name"
		diff "$W/$name.ref" "$W/$name.out" | head -5
	fi
}
if PAGEWISE_MALLOC_TRACE=1 LD_PRELOAD="$SO64" python3 -c pass 2>&1 | grep -q '^pw-malloc: malloc'; then
	ok "preload is really used (trace from python3)"
else
	ko "preload is really used (trace from python3)"
fi
cat >"$W/script.py" <<'PY'
import json, collections, hashlib
d = {str(i): [i] * (i % 50) for i in range(100000)}
s = json.dumps(d)
e = json.loads(s)
words = collections.Counter(hashlib.sha1(k.encode()).hexdigest()[:3] for k in e)
print(len(s), sum(map(len, e.values())), len(words), words.most_common(1))
PY
same python3 python3 "$W/script.py"
same gcc gcc -O2 -S -o - "$HERE/random.c" -I"$OUT/include"
if LD_PRELOAD="$SO64" gcc -O2 -o "$W/random-built" "$HERE/random.c" -I"$OUT/include" &&
   "$W/random-built" 11 50000 >/dev/null; then
	ok "preload gcc builds a working program"
else
	ko "preload gcc builds a working program"
fi
awk 'BEGIN { srand(42); for (i = 0; i < 400000; i++) printf "%08d %s\n", int(rand() * 1e8), substr("abcdefghijklmnopqrstuvwxyz", 1 + i % 26, 1 + i % 17) }' >"$W/sort.in"
LC_ALL=C same sort sort "$W/sort.in"
LC_ALL=C same sort-numeric-unique sort -k1,1n -u "$W/sort.in"
if PAGEWISE_MALLOC_TRACE=1 timeout $T qemu-i386 -E LD_PRELOAD="$SO32" "$OUT/32/random_glibc" 12 100000 \
	>"$LOG/preload-i386.out" 2>"$LOG/preload-i386.err" &&
   grep -q 'operations ok' "$LOG/preload-i386.out" && grep -q '^pw-malloc: ' "$LOG/preload-i386.err"; then
	ok "preload i386 (random test on glibc, our malloc preloaded)"
else
	ko "preload i386 (random test on glibc, our malloc preloaded)"
	show "$LOG/preload-i386.out"; show "$LOG/preload-i386.err" 3
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
