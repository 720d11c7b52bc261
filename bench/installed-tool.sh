#!/usr/bin/env bash
# The installed tool against the ReadyToRun publish (docs/performance.md): installs the packed tool with ./install.sh
# into a temporary tool path, publishes the CLI as bench/publish-cli.sh does, then reports median wall and CPU time of
# `validate` and `plan` on the largest library seed for both, interleaved in one run (bench/startup-compare.py).
# Usage: bench/installed-tool.sh [ROUNDS]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-15}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PETAL_FEED="$tmp/feed" ./install.sh --tool-path "$tmp/tools" >/dev/null
publish=$(bash bench/publish-cli.sh)
echo "uptime at start: $(uptime)"
for command in validate plan; do
  python3 bench/startup-compare.py "$rounds" "$command" installed="$tmp/tools/petal" publish="$(dirname "$publish")"
done
