#!/usr/bin/env bash
# The whole test suite: installs what the tests need (Debian packages, NuGet restore), builds, runs
# every test (unit, conformance, and integration against real Slurm, Lmod, sshd and moto), then
# prints the skipped tests by reason (the AWS tests skip where moto_server is not installed, saying how to install
# it) and one closing line "tests: N passed, N failed, N skipped".
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter Category!=Integration]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet restore Petal.sln
dotnet build Petal.sln -c Release --no-restore -v q
# The installed tool's native entry point (Native AOT, 2-10 minutes here): NativeEntryPointTests compare it with the
# managed petal on every seed. Native AOT does not cross-compile, so only on the RID the tests look for.
if [ "$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')" = linux-x64 ]; then
  dotnet publish src/Petal.Native -c Release -r linux-x64 -v q -nologo >/dev/null
fi

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
  # Skipped tests by reason (moto's tests skip where moto_server is not installed, with how to install it).
  python3 - "$trx" <<'PY'
import collections, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
reasons = collections.Counter(
    (r.findtext("t:Output/t:ErrorInfo/t:Message", "", ns) or r.findtext("t:Output/t:StdOut", "", ns) or "no reason given").strip()
    for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult[@outcome='NotExecuted']", ns))
for reason, count in reasons.most_common():
    print(f"skipped: {count} tests: {reason}")
PY
  echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
  [ "$executed" -gt 0 ] || { echo "no test was executed" >&2; exit 1; }
else
  echo "no test results were written" >&2
  status=1
fi
exit "$status"
