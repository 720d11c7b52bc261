#!/usr/bin/env bash
# Whole-process `petal validate` on the largest library seed: median wall time of N runs (Release build).
# Target: under 150 ms. Usage: bench/validate.sh [RUNS]   (default 21; publishes ReadyToRun first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-21}"
petal=$(bench/publish-cli.sh)
seed=$(ls -S seeds/library/*.yaml | head -1)
# The machine is shared: a median means little without the load it was measured under.
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "seed: $seed ($(wc -c <"$seed") bytes), runs: $runs"
"$petal" validate "$seed" >/dev/null   # warm the OS file cache
if command -v hyperfine >/dev/null; then
  hyperfine --runs "$runs" --warmup 2 "$petal validate $seed"
  exit 0
fi
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$petal" validate "$seed" >/dev/null
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "median: ${sorted[$((runs / 2))]} ms  (min ${sorted[0]} ms, max ${sorted[$((runs - 1))]} ms)"
