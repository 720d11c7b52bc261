#!/usr/bin/env bash
# Garden service on PostgreSQL. Starts a throwaway PostgreSQL (Debian's binaries, under a temp dir, as the
# `postgres` account when run as root) and two `petal garden serve` replicas on it, then
#   (a) 500 submissions/s for 60 s across both replicas, replica b SIGKILLed half-way (target p99 <= 30 ms, nothing
#       lost or duplicated: accepted request ids vs stored rows);
#   (b) garden serve start-up with 10,000 registered clusters, on PostgreSQL and on SQLite (target <= 2 s).
# Everything it starts is stopped by pid and the temp dir removed on exit.
# Usage: bench/garden-pg.sh [--rate 500] [--seconds 60] [--clusters 10000] [--warmup 10] [--no-kill] [--no-startup]
#   --warmup N: first N seconds of the same load, not measured (0: measure from the first submission);
#   --no-kill: no replica is killed (to compare the tail with and without the failover); --no-startup: skip (b).
set -euo pipefail
cd "$(dirname "$0")/.."
rate=500 seconds=60 clusters=10000 killat=() startup=1 warmup=10
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --clusters) clusters="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --no-kill) killat=(--kill-at -1); shift ;;
    --no-startup) startup=0; shift ;;
    *) echo "usage: bench/garden-pg.sh [--rate N] [--seconds N] [--clusters N] [--warmup N] [--no-kill] [--no-startup]" >&2; exit 2 ;;
  esac
done
bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "garden-pg: PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin); install Debian's postgresql (scripts/install-deps.sh)" >&2
  exit 2
fi
# The replicas run the ReadyToRun publish, as the installed tool is (bench/publish-cli.sh).
petal=$(bash bench/publish-cli.sh)
dotnet build bench/Petal.Bench -c Release -v q -nologo >/dev/null

dir=$(mktemp -d /tmp/petal-garden-pg-XXXXXX)
as=()
if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi
pids=()
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -f "$dir/data/postmaster.pid" ]; then
    pg=$(head -1 "$dir/data/postmaster.pid")
    kill -INT "$pg" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pg" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pg" 2>/dev/null && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PGPASSWORD=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
export PGPASSWORD # the replicas read it (Npgsql), so it is never on a command line
printf '%s\n' "$PGPASSWORD" >"$dir/pw"
[ ${#as[@]} -gt 0 ] && chown -R postgres: "$dir"
port=$(free_port)
"${as[@]}" "$bin/initdb" -D "$dir/data" -U petal --pwfile "$dir/pw" -E UTF8 --auth-local=scram-sha-256 --auth-host=scram-sha-256 >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$port" -U petal garden
"$bin/createdb" -h 127.0.0.1 -p "$port" -U petal garden_startup

secret=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
replica() { # replica NAME PORT: starts `petal garden serve`, waits until it listens
  PETAL_GARDEN_SECRET=$secret PETAL_STATE_DIR="$dir/state-$1" "$petal" garden serve --listen "127.0.0.1:$2" \
    --db "postgres://petal@127.0.0.1:$port/garden" --lease 600 >"$dir/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do grep -q "listening on" "$dir/$1.log" && return 0; sleep 0.1; done
  echo "garden-pg: replica $1 did not start:" >&2; cat "$dir/$1.log" >&2; exit 1
}
pa=$(free_port); replica a "$pa"
pb=$(free_port); replica b "$pb"
victim=${pids[1]}

echo "== (a) service on PostgreSQL: two replicas, b SIGKILLed half-way; uptime: $(uptime)"
status=0
dotnet run -c Release --no-build --project bench/Petal.Bench -- garden-pg load --a "127.0.0.1:$pa" --b "127.0.0.1:$pb" \
  --kill "$victim" "${killat[@]}" --secret "$secret" --rate "$rate" --seconds "$seconds" --warmup "$warmup" \
  --db "Host=127.0.0.1;Port=$port;Username=petal;Database=garden" || status=$?
[ "$startup" = 1 ] || exit "$status"
echo "== (b) start-up with $clusters clusters; uptime: $(uptime)"
dotnet run -c Release --no-build --project bench/Petal.Bench -- garden-pg startup --clusters "$clusters" \
  --db "postgres://petal@127.0.0.1:$port/garden_startup"
dotnet run -c Release --no-build --project bench/Petal.Bench -- garden-pg startup --clusters "$clusters" --db "$dir/startup.db"
exit "$status"
