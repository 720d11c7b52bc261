#!/usr/bin/env bash
# Publishes the CLI as the benchmarks measure it and prints the executable's path. ReadyToRun needs a runtime
# identifier, so this publishes (linux-x64) rather than builds: every assembly in the output (Petal, YamlDotNet,
# System.CommandLine, Spectre, ...) is precompiled, not only Petal.Cli.
# PETAL_PUBLISH=composite: self-contained, one composite R2R image of the app and the framework (~200 MB, ~8 min
# to build here); it also precompiles the framework's generics over petal's types, which per-assembly R2R cannot
# (docs/performance.md).
# Usage: bench/publish-cli.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${PETAL_PUBLISH:-r2r}"
# Inside this worktree (bin/ is ignored): a shared /tmp path collides with other worktrees publishing at once.
out="${1:-$PWD/src/Petal.Cli/bin/bench-$mode}"
case "$mode" in
  r2r) flags=(--self-contained false) ;;
  composite) flags=(--self-contained true -p:PublishReadyToRunComposite=true) ;;
  *) echo "PETAL_PUBLISH=$mode: expected r2r or composite" >&2; exit 2 ;;
esac
# Separate build folders per mode: builds are incremental and would otherwise reuse the other mode's outputs
# (composite-precompiled assemblies abort without their composite image; a self-contained runtimeconfig names no
# framework).
dotnet publish src/Petal.Cli -c Release -r linux-x64 "${flags[@]}" \
  -p:IntermediateOutputPath="obj/bench-$mode/" -p:OutputPath="bin/build-$mode/" \
  -o "$out" -v q -nologo >/dev/null
echo "$out/Petal.Cli"
