#!/bin/bash
# Compares two acd-bench binaries side by side: each round runs both at the same time, one on
# each of the machine's two cores (swapping cores every round), so that the host's noise
# (other tenants, steal time) hits both alike; prints both figures per round and the median
# ratio B/A of the `decisions_per_second` counter.
#
#   tests/bench/paired_ratio.sh ROUNDS FILTER BINARY_A BINARY_B
#   e.g. tests/bench/paired_ratio.sh 10 'routing/10000$' /tmp/acd-bench-before build/bin/acd-bench
#
# MIN_TIME (seconds per benchmark, default 0.3) is passed as --benchmark_min_time.
set -euo pipefail
if [ $# -ne 4 ]; then
    sed -n '2,10p' "$0" >&2
    exit 2
fi
rounds=$1 filter=$2 a=$3 b=$4
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# decisions_per_second in thousands (Google Benchmark prints 950.1k/s or 1.0213M/s).
rate() {
    grep -o 'decisions_per_second=[0-9.]*[kM]' "$1" | head -1 | cut -d= -f2 |
        awk '/M$/ {printf "%.3f\n", $0 * 1000; next} {printf "%.3f\n", $0 + 0}'
}
ratios=()
for r in $(seq "$rounds"); do
    if ((r % 2)); then ca=0 cb=1; else ca=1 cb=0; fi
    taskset -c $ca "$a" --benchmark_filter="$filter" --benchmark_min_time="${MIN_TIME:-0.3}" >"$out/a" 2>&1 &
    taskset -c $cb "$b" --benchmark_filter="$filter" --benchmark_min_time="${MIN_TIME:-0.3}" >"$out/b" 2>&1 &
    wait
    va=$(rate "$out/a") vb=$(rate "$out/b")
    ratios+=("$(echo "scale=3; $vb / $va" | bc)")
    echo "round $r: A ${va}k B ${vb}k decisions/s"
done
sorted=$(printf '%s\n' "${ratios[@]}" | sort -n)
echo "ratios B/A: $(echo $sorted)"
echo "median B/A: $(echo "$sorted" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}')"
