#!/bin/bash
# host-check.sh BUILD TEST...: run the process tests on Linux under qemu-i386, through
# /bin/runtests itself, as pagewise will run them; end with "N passed, N failed".
#
# This host's kernel may not run i386 programs, and qemu-user hands execve to it: an
# i386 program that execs another one would fail with ENOEXEC. So every program the
# tests exec by name (sh, true, cat, ... and the data helpers) gets a
# wrapper script "exec qemu-i386 PROGRAM", PATH holds only those, and runtests runs
# wrappers of the tests. Programs exec'd by path (the bad ELF files) go to the host
# kernel unwrapped: Linux's own verdict on them, ENOEXEC on a host without i386.
# The free-memory check is off (-M): MemFree on a busy host moves by itself.
#
# Then runtests is checked on made-up tests: one passing, one failing, one that
# outlives its time limit, one that must die of SIGTERM (said in selftest.expect).
set -u
build=$1
shift
qemu=$(command -v qemu-i386) || { echo "host-check: needs qemu-i386 (Debian package qemu-user)"; echo "0 passed, 1 failed"; exit 1; }
out=$build/tests/user
wrap=$build/host-check
rm -rf "$wrap"
mkdir -p "$wrap/bin" "$wrap/tests" "$wrap/selftest"

wrapper() {  # program wrapper-path
    printf '#!/bin/sh\nexec %s %s "$@"\n' "$qemu" "$1" > "$2"
    chmod +x "$2"
}
for p in "$build"/user/bin/*; do wrapper "$p" "$wrap/bin/${p##*/}"; done
for p in args segv showargs stopme exit42; do wrapper "$out/data/$p" "$wrap/bin/$p"; done
for t in "$@"; do wrapper "$out/$t" "$wrap/tests/$t"; done
cp "$out/expect" "$wrap/tests/expect"

# forkloop: 20 rounds, not 200: here each of its execs starts a qemu-i386 (about 50 ms).
runtests() { timeout 600 env PATH="$wrap/bin" FORKLOOP_ROUNDS=20 "$qemu" "$build/user/bin/runtests" "$@"; }

log=$wrap/runtests.log
runtests -M -d "$wrap/tests" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
passed=$(echo "${line:-0 passed, 1 failed}" | sed -E 's/ passed.*//')
failed=$(echo "${line:-0 passed, 1 failed}" | sed -E 's/.* ([0-9]+) failed/\1/')
if [ -z "$line" ] || [ "$status" -ne "$failed" ]; then
    echo "FAIL runtests: summary '${line:-none}' but exit status $status"
    failed=$((failed + 1))
fi

echo
echo "runtests on made-up tests (ok, bad, slow with -t 1, dies):"
wrapper "$build/user/bin/true" "$wrap/selftest/ok"
wrapper "$build/user/bin/false" "$wrap/selftest/bad"
printf '#!/bin/sh\nexec %s %s 5\n' "$qemu" "$build/user/bin/sleep" > "$wrap/selftest/slow"
printf '#!/bin/sh\nexec %s %s -c %s\n' "$qemu" "$build/user/bin/sh" "'kill -TERM \$\$'" > "$wrap/selftest/dies"
chmod +x "$wrap/selftest/slow" "$wrap/selftest/dies"
printf '# a suite of its own expectations\ndies SIGTERM\n' > "$wrap/selftest/selftest.expect"
self=$(runtests -M -t 1 -d "$wrap/selftest" 2>&1); st=$?
echo "$self" | sed 's/^/  | /'
check() {  # description condition...
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL runtests self-check: $what"; fi
}
has() { grep -qxF -- "$1" <<<"$self"; }
check "exit status 2 (got $st)" [ "$st" -eq 2 ]
check "PASS ok" has "PASS ok"
check "PASS dies" has "PASS dies"
check "FAIL bad" has "FAIL bad: exit 1, expected exit 0"
check "FAIL slow" has "FAIL slow: timed out after 1 s, killed"
check "summary" has "2 passed, 2 failed"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
