#!/usr/bin/env bash
# Whole-process wall time of `petal plan` on the largest library seed (by file size): median of N runs.
# Target: under 200 ms. Usage: bench/plan.sh [runs]   (publishes ReadyToRun first, as validate.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
petal=$(bench/publish-cli.sh)
seed=$(ls -S seeds/library/*.yaml | head -1)
# The machine is shared: a median means little without the load it was measured under.
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$petal" plan "$seed" -o "$out/warm" >/dev/null   # first run pays disk cache misses
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  "$petal" plan "$seed" -o "$out/p$i" >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted")
echo "petal plan $(basename "$seed"): median ${median} ms over $runs runs (min $(head -1 <<<"$sorted"), max $(tail -1 <<<"$sorted"))"
