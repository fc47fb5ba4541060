#!/bin/bash
# bench.sh OUT PAGEWISE_SO JEMALLOC_SO MIMALLOC_SO TCMALLOC_SO
#
# Runs every workload of bench.c on each allocator RUNS times (default 5),
# interleaved (run r of every allocator, then run r+1, ...) so that a burst
# of load on a shared machine hits them all alike, and prints the medians:
# time, peak RSS and private peak (bench.c says why both), each also
# relative to glibc; then how far pagewise/glibc moved from run to run; then
# the threshold workload with both allocators given the same settings.
#
# pagewise runs two ways. "pagewise" is libpwmalloc.so preloaded, as
# jemalloc, mimalloc and tcmalloc are: the same place in the process, so
# the times compare. "pw-linked" is the same sources linked into the
# program (bench-pagewise), as glibc's malloc is part of libc and musl's of
# its static program: no second library to load, so its memory compares
# with theirs. A preloaded library costs the process about 12 KiB of its
# own pages (its written data and relocated pages, the loader's record of
# it) before it allocates anything.
# Each run starts with a different allocator, so that none always has the
# same place in the sequence.
set -u
OUT=$1 PW=$2 JE=$3 MI=$4 TC=$5
RUNS=${RUNS:-5}
for f in "$PW" "$JE" "$MI" "$TC" "$OUT/bench-musl" "$OUT/bench-pagewise"; do
	[ -e "$f" ] || { echo "bench: missing $f (see tests/malloc/DEPENDS)"; exit 1; }
done

# The allocators, and how each one runs a workload.
names=(glibc pagewise pw-linked jemalloc mimalloc tcmalloc musl)
run_on() {	# INDEX WORKLOAD -> "WORKLOAD ms kib cpu grow private"
	case ${names[$1]} in
	glibc) "$OUT/bench" "$2" ;;
	pagewise) LD_PRELOAD="$PW" "$OUT/bench" "$2" ;;
	pw-linked) "$OUT/bench-pagewise" "$2" ;;
	jemalloc) LD_PRELOAD="$JE" "$OUT/bench" "$2" ;;
	mimalloc) LD_PRELOAD="$MI" "$OUT/bench" "$2" ;;
	tcmalloc) LD_PRELOAD="$TC" "$OUT/bench" "$2" ;;
	musl) "$OUT/bench-musl" "$2" ;;
	esac
}
workloads="small prodcons realloc threshold loop200k fragment"

declare -A ms rss priv
for r in $(seq "$RUNS"); do
	for w in $workloads; do
		for j in "${!names[@]}"; do
			i=$(((j + r) % ${#names[@]}))
			read -r _ t k _ _ p <<<"$(run_on $i $w)"
			ms[$w,$i]+="$t " rss[$w,$i]+="$k " priv[$w,$i]+="$p "
		done
	done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# table TITLE ARRAY FORMAT [COLUMNS...]
table() {
	local -n a=$2
	local f=$3 cols=("${@:4}")
	[ ${#cols[@]} -gt 0 ] || cols=("${!names[@]}")
	echo "$1"
	printf '%-10s' workload
	for i in "${cols[@]}"; do printf ' | %-14s' "${names[$i]}"; done
	echo
	for w in $workloads; do
		printf '%-10s' "$w"
		local g
		g=$(median <<<"${a[$w,0]}")
		for i in "${cols[@]}"; do
			printf ' | %s' "$(awk -v v="$(median <<<"${a[$w,$i]}")" -v g="$g" -v f="$f" \
				'BEGIN { printf f " %5.2fx", v, (g > 0 ? v / g : 0) }')"
		done
		echo
	done
}

# spread WORKLOAD ARRAY INDEX: lowest and highest of run r's value over
# glibc's run r (the two ran next to each other).
spread() {
	local -n a=$2
	paste -d' ' <(tr ' ' '\n' <<<"${a[$1,$3]}" | grep .) <(tr ' ' '\n' <<<"${a[$1,0]}" | grep .) |
		awk '$2 > 0 { x = $1 / $2; if (NR == 1 || x < lo) lo = x; if (NR == 1 || x > hi) hi = x }
		     END { printf "%.2f-%.2fx", lo, hi }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "mode: single-threaded, median of $RUNS interleaved runs; LD_PRELOAD of each .so but pw-linked; musl static"
table "time in ms (x glibc)" ms '%8.1f'
table "peak RSS (VmHWM) in KiB (x glibc)" rss '%8d'
table "private peak (VmHWM less file pages) in KiB (x glibc)" priv '%8d'

# The issue's aim for small objects is relative to the fastest allocator,
# not to glibc: say it outright. pagewise preloaded against the others
# preloaded (pw-linked saves the calls through the PLT, which they pay).
echo "time: pagewise (preloaded) against the fastest of the others"
for w in $workloads; do
	best= bname=
	for i in "${!names[@]}"; do
		case ${names[$i]} in pagewise|pw-linked) continue ;; esac
		v=$(median <<<"${ms[$w,$i]}")
		if [ -z "$best" ] || awk -v a="$v" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$v bname=${names[$i]}
		fi
	done
	awk -v w="$w" -v p="$(median <<<"${ms[$w,1]}")" -v b="$best" -v n="$bname" \
		'BEGIN { printf "%-10s | %-8s %8.1f ms | pagewise %8.1f ms | %5.3fx\n", w, n, b, p, p / b }'
done

echo "pagewise / glibc, lowest and highest of the $RUNS runs (time | peak RSS | private peak);"
echo "then glibc's own peak RSS, lowest and highest: how much the layout alone moves it"
for w in $workloads; do
	printf '%-10s | %s | %s | %s | glibc %s\n' "$w" "$(spread $w ms 1)" "$(spread $w rss 1)" \
		"$(spread $w priv 1)" "$(tr ' ' '\n' <<<"${rss[$w,0]}" | grep . | sort -g | sed -n '1p;$p' | paste -sd-) KiB"
done

# One run of each workload makes the same calls every time, so its private
# peak repeats; a different seed moves the sizes and orders, and with them
# where the heap's holes fall. Over ten seeds: how far pagewise's private
# peak sits from glibc's, in KiB, lowest, median and highest.
echo "private peak minus glibc's, KiB, over seeds 1-10 (lowest / median / highest)"
printf '%-10s | %-22s | %s\n' workload pw-linked pagewise
low_mid_high() { sort -g | awk '{ v[NR] = $1 } END { printf "%d / %g / %d", v[1], (v[5] + v[6]) / 2, v[NR] }'; }
for w in $workloads; do
	dl=() dp=()
	for seed in $(seq 10); do
		g=$("$OUT/bench" $w $seed | cut -d' ' -f6)
		l=$("$OUT/bench-pagewise" $w $seed | cut -d' ' -f6)
		p=$(LD_PRELOAD="$PW" "$OUT/bench" $w $seed | cut -d' ' -f6)
		dl+=($((l - g))) dp+=($((p - g)))
	done
	printf '%-10s | %-22s | %s\n' $w "$(printf '%s\n' "${dl[@]}" | low_mid_high)" \
		"$(printf '%s\n' "${dp[@]}" | low_mid_high)"
done

floor=()
for r in $(seq "$RUNS"); do
	read -r _ t _ <<<"$("$OUT/bench" touch200k)"
	floor+=("$t")
done
echo "loop200k's page touches alone, on one block allocated once (glibc): $(echo "${floor[@]}" | median) ms"

# The threshold workload spends its time in page faults, and how many it
# takes is set by the trim threshold: memory given back at the top is
# faulted in again when the heap regrows. By default both allocators raise
# the trim threshold to twice the mmap threshold they adapted to. Here both
# get the same fixed settings (blocks up to 256 KiB in the heap), so the
# comparison is of the allocators and not of their defaults.
echo "threshold workload, both given MALLOC_MMAP_THRESHOLD_=262144 and MALLOC_TRIM_THRESHOLD_=T"
printf '%-9s | %-24s | %-24s | %s\n' T "glibc ms / peak KiB" "pagewise ms / peak KiB" "pagewise x glibc"
for T in 262144 1048576 8388608; do
	declare -A tt=() tk=()
	for r in $(seq "$RUNS"); do
		for j in 0 1; do
			i=$(((j + r) % 2))
			read -r _ t k _ _ <<<"$(MALLOC_MMAP_THRESHOLD_=262144 MALLOC_TRIM_THRESHOLD_=$T run_on $i threshold)"
			tt[$i]+="$t " tk[$i]+="$k "
		done
	done
	awk -v T=$T -v gt="$(median <<<"${tt[0]}")" -v gk="$(median <<<"${tk[0]}")" \
	    -v pt="$(median <<<"${tt[1]}")" -v pk="$(median <<<"${tk[1]}")" \
	    'BEGIN { printf "%-9s | %8.1f / %-13d | %8.1f / %-13d | %.2fx / %.2fx\n", T, gt, gk, pt, pk, pt / gt, pk / gk }'
done
