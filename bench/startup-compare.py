#!/usr/bin/env python3
"""Interleaved start-up comparison of petal builds on the largest library seed (docs/performance.md).

Runs each configuration once per round (A, B, A, B, ...) so that other people's load hits all of them alike, and
reports median wall time and median CPU time (user + sys from wait4, microsecond resolution; far steadier than
wall time on a loaded machine).

Usage: bench/startup-compare.py ROUNDS validate|plan LABEL=PUBLISH_DIR|EXECUTABLE[:ENV=VALUE,...] ...
  e.g. bench/startup-compare.py 15 plan before=/tmp/before after=/tmp/after tc-off=/tmp/after:DOTNET_TieredCompilation=0
  A directory is a publish folder (its Petal.Cli is run); a file is run as it is (e.g. an installed tool's petal).
"""
import glob, os, statistics, subprocess, sys, tempfile, time

def main():
    if len(sys.argv) < 4 or sys.argv[2] not in ("validate", "plan"):
        sys.exit(__doc__)
    rounds, command = int(sys.argv[1]), sys.argv[2]
    configs = []
    for arg in sys.argv[3:]:
        label, rest = arg.split("=", 1)
        directory, _, envs = rest.partition(":")
        env = dict(os.environ, **dict(e.split("=", 1) for e in envs.split(",") if e))
        exe = os.path.join(directory, "Petal.Cli") if os.path.isdir(directory) else directory
        configs.append((label, exe, env))
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    seed = max(glob.glob(os.path.join(root, "seeds", "library", "*.yaml")), key=os.path.getsize)
    with tempfile.TemporaryDirectory() as out:
        args = [command, seed] + (["-o", out] if command == "plan" else [])
        wall = {label: [] for label, _, _ in configs}
        cpu = {label: [] for label, _, _ in configs}
        for _ in range(rounds):
            for label, exe, env in configs:
                start = time.perf_counter()
                process = subprocess.Popen([exe] + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                _, status, usage = os.wait4(process.pid, 0)
                if status != 0:
                    sys.exit(f"{label}: {exe} {' '.join(args)} failed ({status})")
                wall[label].append((time.perf_counter() - start) * 1000)
                cpu[label].append((usage.ru_utime + usage.ru_stime) * 1000)
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    print(f"petal {command} {os.path.basename(seed)}: {rounds} interleaved rounds, load average at end {load}")
    for label, _, _ in configs:
        print(f"  {label:16} wall median {statistics.median(wall[label]):6.1f} ms (min {min(wall[label]):6.1f})"
              f"  cpu median {statistics.median(cpu[label]):6.1f} ms")

main()
