#!/usr/bin/env bash
# Builds petal and installs it as a .NET tool (command `petal`) for a user who has only the .NET 10 SDK.
# It packs the tool package for this machine's runtime identifier (on Linux: a Native AOT entry point for validate,
# schema and plan, beside the framework-dependent ReadyToRun petal that runs every other command; docs/install.md)
# into a local feed, then installs it from there, replacing an earlier install of petal.
# Usage: ./install.sh [--tool-path DIR]   (default: global, ~/.dotnet/tools; add it to PATH)
#   PETAL_FEED=DIR  where to put the local feed (default: artifacts/feed in the repository)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

case "${1:-}" in
  "") target=(--global) ;;
  --tool-path) [ -n "${2:-}" ] || { echo "usage: ./install.sh [--tool-path DIR]" >&2; exit 2; }; target=(--tool-path "$2") ;;
  *) echo "usage: ./install.sh [--tool-path DIR]" >&2; exit 2 ;;
esac
command -v dotnet >/dev/null || { echo "install.sh: the .NET 10 SDK is needed (dotnet not found on PATH)" >&2; exit 1; }

# This machine's RID if the project packs one for it (RuntimeIdentifiers in src/Petal.Cli/Petal.Cli.csproj), else
# the portable "any" package (IL only: works anywhere .NET 10 runs, starts slower).
rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
rids=$(dotnet msbuild src/Petal.Cli/Petal.Cli.csproj -getProperty:RuntimeIdentifiers)
case ";$rids;" in *";$rid;"*) ;; *) rid=any ;; esac

feed="${PETAL_FEED:-$PWD/artifacts/feed}"
rm -rf "$feed"
echo "install.sh: packing petal for $rid into $feed (the first build restores and compiles, natively too: several minutes)"
dotnet pack src/Petal.Cli -c Release -o "$feed" -p:ToolPackageRuntimeIdentifiers="$rid" -v q -nologo
# Same version as an earlier install: remove that one first so the new package is taken.
dotnet tool uninstall "${target[@]}" Petal.Cli >/dev/null 2>&1 || true
dotnet tool install "${target[@]}" --add-source "$feed" Petal.Cli
if [ "${target[0]}" = --global ]; then
  case ":$PATH:" in *":$HOME/.dotnet/tools:"*) ;; *) echo "install.sh: add ~/.dotnet/tools to PATH to run petal" ;; esac
fi
