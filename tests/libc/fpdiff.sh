#!/bin/sh
# fpdiff.sh - the randomized differential check of floating point: fpdiff.c
# built against this host's glibc and against pagewise's libc, run with the
# same count and seed, must print the same transcript (printf in random
# formats and rounding modes, strtod/strtof/strtold and sscanf of random,
# round-trip and halfway strings).  Each case (a printf call, or a string
# through the four parsers) whose lines all agree is a pass, any other a
# failure; the first differences are shown.
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
# a case starts at each "P " (printf) or "mode " (parsing) line of glibc's transcript
counts=$(paste -d '\n' "$tmp/glibc" "$tmp/ours" | awk '
	NR % 2 { a = $0; next }
	a ~ /^(P|mode) / { n++ }
	a != $0 { bad[n] = 1 }
	END { f = 0; for (k in bad) f++; print n - f, f }')
set -- $counts
diff "$tmp/glibc" "$tmp/ours" | head -n 20
echo "seed $seed: $1 of $(($1 + $2)) cases as glibc's"
echo "$1 passed, $2 failed"
[ "$2" -eq 0 ]
