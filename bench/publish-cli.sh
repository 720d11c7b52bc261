#!/usr/bin/env bash
# Publishes the CLI as the benchmarks measure it and prints the executable's path. ReadyToRun needs a runtime
# identifier, so this publishes (framework-dependent, linux-x64) rather than builds: every assembly in the output
# (Petal, YamlDotNet, System.CommandLine, Spectre, ...) is precompiled, not only Petal.Cli.
# Usage: bench/publish-cli.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-${TMPDIR:-/tmp}/petal-bench-r2r}"
dotnet publish src/Petal.Cli -c Release -r linux-x64 --self-contained false -o "$out" -v q -nologo >/dev/null
echo "$out/Petal.Cli"
