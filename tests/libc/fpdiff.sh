#!/bin/sh
# fpdiff.sh - the randomized differential check of floating point: fpdiff.c
# built against this host's glibc and against pagewise's libc, run with the
# same count and seed, must print the same transcript (printf in random
# formats and rounding modes, strtod/strtof/strtold and sscanf of random,
# round-trip and halfway strings).  Every case (a printf call, or a string
# through the four parsers) must agree line for line; the first differences
# are shown.
#   FPDIFF_N (default 3000) cases of each kind, FPDIFF_SEED (default 1).
set -u
dir=${PW_TEST_DIR:?run by run.sh}
n=${FPDIFF_N:-3000}
seed=${FPDIFF_SEED:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! "$dir/fpdiff-glibc" "$n" "$seed" > "$tmp/glibc" || ! $PW_RUN "$dir/fpdiff" "$n" "$seed" > "$tmp/ours"; then
	echo "fpdiff did not run to the end"
	echo "0 passed, 1 failed"
	exit 1
fi
lines=$(wc -l < "$tmp/glibc")
if [ "$(wc -l < "$tmp/ours")" -ne "$lines" ]; then
	echo "FAIL transcripts differ in length: glibc $lines lines, ours $(wc -l < "$tmp/ours")"
fi
# a case starts at each "P " (printf) or "mode " (parsing) line of glibc's transcript; the two
# kinds are one check each, so thousands of random cases do not drown the suite's count
counts=$(paste -d '\n' "$tmp/glibc" "$tmp/ours" | awk '
	NR % 2 { a = $0; next }
	a ~ /^P / { k = "printf"; n[k]++; c = k n[k] }
	a ~ /^mode / { k = "parse"; n[k]++; c = k n[k] }
	a != $0 && !(c in bad) { bad[c] = 1; f[k]++ }
	END { print n["printf"] + 0, f["printf"] + 0, n["parse"] + 0, f["parse"] + 0 }')
set -- $counts
diff "$tmp/glibc" "$tmp/ours" | head -n 20
passed=0 failed=0
for kind in "printf $1 $2" "strtod/strtof/strtold/sscanf $3 $4"; do
	set -- $kind
	echo "seed $seed: $1: $(($2 - $3)) of $2 random cases as glibc's"
	if [ "$2" -gt 0 ] && [ "$3" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
