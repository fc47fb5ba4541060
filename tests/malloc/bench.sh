#!/bin/bash
# bench.sh OUT PAGEWISE_SO JEMALLOC_SO MIMALLOC_SO TCMALLOC_SO
# Runs every workload of bench.c on each allocator (best of 3 runs) and
# prints time and peak RSS, and both relative to glibc.
set -u
OUT=$1 PW=$2 JE=$3 MI=$4 TC=$5
RUNS=${RUNS:-3}
for f in "$PW" "$JE" "$MI" "$TC" "$OUT/bench-musl"; do
	[ -e "$f" ] || { echo "bench: missing $f (see tests/malloc/DEPENDS)"; exit 1; }
done
names=(glibc pagewise jemalloc mimalloc tcmalloc musl)
preload=("" "$PW" "$JE" "$MI" "$TC" "")
workloads="small prodcons realloc threshold loop200k fragment"

declare -A ms rss
for w in $workloads; do
	for i in "${!names[@]}"; do
		best=""
		for r in $(seq "$RUNS"); do
			if [ "${names[$i]}" = musl ]; then
				out=$("$OUT/bench-musl" "$w")
			else
				out=$(LD_PRELOAD="${preload[$i]}" "$OUT/bench" "$w")
			fi
			read -r _ t k _ <<<"$out"
			if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; kb=$k; fi
		done
		ms[$w,$i]=$best rss[$w,$i]=$kb
	done
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "mode: single-threaded, best of $RUNS runs; LD_PRELOAD of each .so, musl static"
echo "time in ms (x glibc)    peak RSS in KiB (x glibc)"
printf '%-10s' workload
for n in "${names[@]}"; do printf ' | %-22s' "$n"; done
echo
for w in $workloads; do
	printf '%-10s' "$w"
	for i in "${!names[@]}"; do
		printf ' | %s' "$(awk -v t="${ms[$w,$i]}" -v g="${ms[$w,0]}" -v k="${rss[$w,$i]}" -v h="${rss[$w,0]}" \
			'BEGIN { printf "%7.1f %4.2fx %6d %4.2fx", t, t / g, k, k / h }')"
	done
	echo
done
