#!/usr/bin/env bash
# The installed tool against the ReadyToRun publish (docs/performance.md): installs the packed tool with ./install.sh
# into a temporary tool path, publishes the CLI as bench/publish-cli.sh does, then reports median wall and CPU time of
# `validate` and `plan` on the largest library seed, interleaved in one run (bench/startup-compare.py), for:
#   installed          the tool command (on linux-x64: the Native AOT entry point, src/Petal.Native)
#   installed-managed  the managed Petal.Cli in the same installed package (what other commands run)
#   publish            the ReadyToRun publish
# Usage: bench/installed-tool.sh [ROUNDS]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-15}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PETAL_FEED="$tmp/feed" ./install.sh --tool-path "$tmp/tools" >/dev/null
publish=$(bash bench/publish-cli.sh)
echo "uptime at start: $(uptime)"
managed=$(find "$tmp/tools/.store" -path '*/tools/net10.0/*/Petal.Cli' -type f | head -1)
for command in validate plan; do
  python3 bench/startup-compare.py "$rounds" "$command" installed="$tmp/tools/petal" installed-managed="$managed" \
    publish="$(dirname "$publish")"
done
