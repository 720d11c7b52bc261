#!/usr/bin/env bash
# petal test speed: the whole `petal test NAME --phase 1` command on a one-queue local twin (target <= 10 s at
# load <= 2, issue 14). Times the ReadyToRun publish (bench/publish-cli.sh), as the other start-up benchmarks do.
# Usage: bench/verify.sh [ROUNDS]   (root; publishes the CLI once; state in a scratch PETAL_STATE_DIR)
set -euo pipefail
rounds=${1:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
petal=$(bash "$repo/bench/publish-cli.sh")
export PETAL_STATE_DIR; PETAL_STATE_DIR=$(mktemp -d /tmp/pvb-XXXX)   # short: Slurm's step socket path must stay < 108 bytes
trap '"$petal" delete vbench --yes >/dev/null 2>&1 || true; rm -rf "$PETAL_STATE_DIR"' EXIT
"$petal" create "$repo/seeds/examples/local-one-queue.yaml" --name vbench >/dev/null
echo "uptime before the rounds: $(uptime)"
for r in $(seq "$rounds"); do
  s=$(date +%s%N)
  "$petal" test vbench --phase 1 --output json >"$PETAL_STATE_DIR/run.json" || { echo "round $r: petal test failed"; cat "$PETAL_STATE_DIR/run.json"; exit 1; }
  ms=$(( ($(date +%s%N) - s) / 1000000 ))
  outcome=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["outcome"], len(d["checks"]))' "$PETAL_STATE_DIR/run.json")
  echo "round $r: petal test --phase 1 ${ms} ms (outcome, checks: $outcome)"
done
