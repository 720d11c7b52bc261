#!/usr/bin/env bash
# Whole-process `petal validate` on the largest library seed: median wall time of N runs (Release build).
# Usage: bench/validate.sh [RUNS]   (default 21)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-21}"
out="${TMPDIR:-/tmp}/petal-bench-r2r"
# ReadyToRun needs a runtime identifier, so this publishes (framework-dependent) rather than builds.
dotnet publish src/Petal.Cli -c Release -r linux-x64 --self-contained false -o "$out" -v q -nologo >/dev/null
petal="$out/Petal.Cli"
seed=$(ls -S seeds/library/*.yaml | head -1)
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
