#!/bin/bash
# bench.sh OUT PAGEWISE_SO JEMALLOC_SO MIMALLOC_SO TCMALLOC_SO
# Runs every workload of bench.c on each allocator RUNS times (default 5),
# interleaved (run r of every allocator, then run r+1, ...) so that a burst
# of load on a shared machine hits them all alike, and prints the medians:
# time, peak RSS, and the RSS growth of the workload itself, each also
# relative to glibc. Each run starts with a different allocator, so that
# none always has the same place in the sequence.
set -u
OUT=$1 PW=$2 JE=$3 MI=$4 TC=$5
RUNS=${RUNS:-5}
for f in "$PW" "$JE" "$MI" "$TC" "$OUT/bench-musl"; do
	[ -e "$f" ] || { echo "bench: missing $f (see tests/malloc/DEPENDS)"; exit 1; }
done
names=(glibc pagewise jemalloc mimalloc tcmalloc musl)
preload=("" "$PW" "$JE" "$MI" "$TC" "")
workloads="small prodcons realloc threshold loop200k fragment"

declare -A ms rss grow
for r in $(seq "$RUNS"); do
	for w in $workloads; do
		for j in "${!names[@]}"; do
			i=$(((j + r) % ${#names[@]}))
			if [ "${names[$i]}" = musl ]; then
				out=$("$OUT/bench-musl" "$w")
			else
				out=$(LD_PRELOAD="${preload[$i]}" "$OUT/bench" "$w")
			fi
			read -r _ t k _ g <<<"$out"
			ms[$w,$i]+="$t " rss[$w,$i]+="$k " grow[$w,$i]+="$g "
		done
	done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# table TITLE ARRAY FORMAT
table() {
	local -n a=$2
	echo "$1"
	printf '%-10s' workload
	for n in "${names[@]}"; do printf ' | %-14s' "$n"; done
	echo
	for w in $workloads; do
		printf '%-10s' "$w"
		local g
		g=$(median <<<"${a[$w,0]}")
		for i in "${!names[@]}"; do
			printf ' | %s' "$(awk -v v="$(median <<<"${a[$w,$i]}")" -v g="$g" -v f="$3" \
				'BEGIN { printf f " %5.2fx", v, (g > 0 ? v / g : 0) }')"
		done
		echo
	done
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "mode: single-threaded, median of $RUNS interleaved runs; LD_PRELOAD of each .so, musl static"
table "time in ms (x glibc)" ms '%8.1f'
table "peak RSS (VmHWM) in KiB (x glibc)" rss '%8d'
table "RSS growth during the workload in KiB (x glibc)" grow '%8d'
