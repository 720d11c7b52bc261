using System.Diagnostics;
using Petal.Garden.Jobspecs;

namespace Petal.Bench;

/// <summary>
/// One real run of N placements (default 100,000) against 1,000 clusters on 2 threads: wall time, placements/s and
/// bytes allocated per placement. Run: dotnet run -c Release --project bench/Petal.Bench -- garden-place [--jobs N]
/// </summary>
public static class GardenPlace
{
    public static int Run(string[] args)
    {
        var at = Array.IndexOf(args, "--jobs");
        var jobs = at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var n) && n > 0 ? n : 100_000;
        var clusters = GardenWorkload.Clusters();
        var shapes = GardenWorkload.Shapes.Select((s, i) => JobspecReader.Parse(s, $"shape{i}")).ToArray();
        GardenWorkload.Place(clusters, shapes, 1_000); // JIT warm-up
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var placed = GardenWorkload.Place(clusters, shapes, jobs);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var perJob = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)jobs;
        Console.WriteLine($"garden-place: {jobs} placements against {clusters.Count} clusters on 2 threads in {elapsed:F1} s "
            + $"({jobs / elapsed:F0}/s), {placed} placed, {perJob / 1024:F1} KiB allocated per placement; "
            + $"{cpuSeconds:F1} s CPU = {cpuSeconds / 2:F1} s on 2 otherwise idle cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        var pass = elapsed < 60;
        Console.WriteLine(pass ? "PASS (< 60 s)" : "FAIL (>= 60 s)");
        return pass ? 0 : 1;
    }
}
