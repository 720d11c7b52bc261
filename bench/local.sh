#!/usr/bin/env bash
# Local twin speed: create → all static nodes idle, submit → finished on a powered-down dynamic node, delete.
# Usage: bench/local.sh [ROUNDS]   (root; builds the CLI once; state in a scratch PETAL_STATE_DIR)
set -euo pipefail
rounds=${1:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$repo/src/Petal.Cli" -v q -nologo >/dev/null
petal="$repo/src/Petal.Cli/bin/Debug/net10.0/Petal.Cli"
export PETAL_STATE_DIR; PETAL_STATE_DIR=$(mktemp -d /tmp/petal-bench-XXXX)
trap '"$petal" delete bench --yes >/dev/null 2>&1 || true; rm -rf "$PETAL_STATE_DIR"' EXIT
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
for r in $(seq "$rounds"); do
  s=$(date +%s%N); "$petal" create "$repo/seeds/examples/local-one-queue.yaml" --name bench >/dev/null 2>&1; create=$(ms "$s")
  printf '#!/bin/bash\nmodule load gcc && gcc -dumpfullversion\n' >"$PETAL_STATE_DIR/local/bench/head/shared/b.sh"
  s=$(date +%s%N)
  "$petal" ssh bench -- bash -c 'j=$(sbatch --parsable -p compute -C dynamic -o /shared/b.out /shared/b.sh); while squeue -h -j "$j" | grep -q .; do sleep 0.1; done' 
  job=$(ms "$s")
  grep -q 12.2.0 "$PETAL_STATE_DIR/local/bench/head/shared/b.out"
  s=$(date +%s%N); "$petal" delete bench --yes >/dev/null 2>&1; delete=$(ms "$s")
  echo "round $r: create ${create} ms, dynamic-node job ${job} ms, delete ${delete} ms"
done
