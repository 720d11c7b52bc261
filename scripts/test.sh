#!/usr/bin/env bash
# The whole test suite: installs what the tests need (Debian packages, NuGet restore), builds, runs
# every test (unit, conformance, and integration against real Slurm, Lmod, sshd and moto), then
# prints one closing line "tests: N passed, N failed, N skipped".
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter Category!=Integration]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet restore Petal.sln
dotnet build Petal.sln -c Release --no-restore -v q

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
dotnet test tests/Petal.Tests/Petal.Tests.csproj -c Release --no-build \
  --logger "trx;LogFileName=petal.trx" --results-directory "$results" \
  --logger "console;verbosity=normal" "$@" || status=$?

trx="$results/petal.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$(get passed); failed=$(get failed); total=$(get total); executed=$(get executed)
  skipped=$((total - executed))
  echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
  [ "$executed" -gt 0 ] || { echo "no test was executed" >&2; exit 1; }
else
  echo "no test results were written" >&2
  status=1
fi
exit "$status"
