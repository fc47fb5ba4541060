#!/usr/bin/env bash
# console-jobs.sh KERNEL INITRD LOG: job control at the console, typed as a person would.
# Boots with /bin/sh at the console (interactive), and types, each time after the console
# showed what the last step should have made it show:
#   sh -c 'echo ready; sleep 30'   then Ctrl-Z: "[1]+  Stopped", $? 148
#   bg: "[1]+ ... &"; jobs: "Running"; fg, then Ctrl-C: $? 130; exit 0.
# The kernel powers off with the shell's status; any step that does not show up in 60 s
# ends the run (status 1).
set -u
kernel=$1 initrd=$2 log=$3
: > "$log"

# Wait until the log has more than n matches of pattern (grep -E), for at most 60 s.
await() {  # n pattern
    for _ in $(seq 600); do
        [ "$(tr -d '\r' < "$log" | grep -cE "$2")" -gt "$1" ] && return 0
        sleep 0.1
    done
    echo "console-jobs: no '$2' on the console" >&2
    return 1
}

keys() {
    await 0 '^\$ ' || return 1
    printf "sh -c 'echo ready; sleep 30'\n"
    await 0 '^ready' || return 1
    sleep 0.5; printf '\032'
    await 0 'Stopped +sh -c echo ready; sleep 30' || return 1
    await 1 '\$ ' || return 1
    printf 'echo stopped $?\n'
    await 0 '^stopped 148' || return 1
    printf 'bg\n'
    await 0 '^\[1\]\+ sh -c echo ready; sleep 30 &' || return 1
    printf 'jobs\n'
    await 0 'Running +sh -c echo ready; sleep 30 &' || return 1
    printf 'fg\n'
    await 0 '^sh -c echo ready; sleep 30$' || return 1
    sleep 0.5; printf '\003'
    await 0 '\^C' || return 1
    printf 'echo interrupted $?\n'
    await 0 '^interrupted 130' || return 1
    printf 'exit 0\n'
    sleep 5
}

keys | "$(dirname "$0")/../tools/qemu-run" --kernel "$kernel" --initrd "$initrd" \
    --append "-- /bin/sh" --batch --keys --timeout 120 --log "$log" > /dev/null
