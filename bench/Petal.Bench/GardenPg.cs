using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Npgsql;
using Petal.Garden.Service;
using Petal.Garden.Service.Auth;
using Petal.Garden.Service.Client;
using Petal.Garden.Service.Grpc;
using Petal.Garden.Service.Placement;
using Petal.Garden.Service.Rainbow;
using Petal.Garden.Service.Store;

namespace Petal.Bench;

/// <summary>
/// The garden service on PostgreSQL (not BenchmarkDotNet; bench/garden-pg.sh starts the server and replicas).
/// <c>load</c>: submissions sent open-loop at a fixed rate, alternating between two running replicas; half-way the
/// second replica is SIGKILLed and what it did not answer is sent again to the first with the same request id.
/// Prints achieved rate, latency percentiles (from the first send, failover included) and accepted vs stored.
/// <c>startup</c>: registers N clusters (rainbow-format clusters replicated under new names, as GardenScale does)
/// into a store, then times what <c>garden serve</c> does at start: load every cluster and compile the index.
/// </summary>
public static class GardenPg
{
    public static async Task<int> RunAsync(string[] args) => args switch
    {
        ["load", ..] => await LoadAsync(args[1..]),
        ["startup", ..] => Startup(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("garden-pg load --a HOST:PORT --b HOST:PORT --kill PID --secret S --db CONNECTION [--rate 500] [--seconds 60]\n"
            + "garden-pg startup --db SQLITE-PATH|postgres://... [--clusters 10000]");
        return 2;
    }

    private static async Task<int> LoadAsync(string[] args)
    {
        var rate = Argument(args, "--rate", 500);
        var seconds = Argument(args, "--seconds", 60);
        var (a, b, secret, connection) = (Text(args, "--a"), Text(args, "--b"), Text(args, "--secret"), Text(args, "--db"));
        var victim = Process.GetProcessById(Argument(args, "--kill", 0));
        // --kill-at N: which submission (0-based) the SIGKILL goes before; default half-way, -1 = never.
        var killAt = Argument(args, "--kill-at", rate * seconds / 2);
        using var first = new GardenClient(a);
        using var second = new GardenClient(b);
        var nodes = File.ReadAllText(RepoFiles.Find(Path.Combine("tests", "corpora", "rainbow", "scheduler", "cluster-nodes.json")));
        var request = new SubmitJobRequest { Jobspec = GardenLoad.Jobspec };
        foreach (var (name, via) in new[] { ("c1", first), ("c2", second), ("c3", first), ("c4", second) })
        {
            var registered = await via.Rainbow.RegisterAsync(new RegisterRequest { Name = name, Secret = secret, Nodes = nodes });
            request.Clusters.Add(new SubmitJobRequest.Types.Cluster { Name = name, Token = registered.Token });
        }
        // Warm-up: the same open-loop load, not measured, so that what is measured is the service running (pooled
        // connections, thread pools, tiered JIT of the replicas and of this generator), not its first seconds.
        var warmup = Argument(args, "--warmup", 10);
        if (warmup > 0)
        {
            var warm = await OpenLoopAsync(first, second, request, rate, rate * warmup, "warm", -1, victim);
            var sorted = warm.Latencies.Where(l => !double.IsNaN(l)).Order().ToArray();
            Console.WriteLine($"warm-up, not measured: {warm.Latencies.Length} submissions over {warmup} s, p50 {GardenLoad.Percentile(sorted, 0.5):F2}  "
                + $"p99 {GardenLoad.Percentile(sorted, 0.99):F2}  max {sorted.LastOrDefault():F2} ms, errors {warm.Errors}");
        }
        var total = rate * seconds;
        var run = await OpenLoopAsync(first, second, request, rate, total, "load", killAt, victim);
        var (latencies, sentAt, answered, errors, failovers) = (run.Latencies, run.SentAt, run.Answered, run.Errors, run.Failovers);
        var elapsed = run.Seconds;
        var ok = latencies.Where(l => !double.IsNaN(l)).Order().ToArray();

        var stored = new Dictionary<string, long>();
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT request_id, id FROM jobs WHERE request_id LIKE 'load-%'", db);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) stored[reader.GetString(0)] = reader.GetInt64(1);
        }
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'petal-garden'", db);
            Console.WriteLine($"  connections the replicas hold open at the end: {await command.ExecuteScalarAsync()}");
        }
        var lost = answered.Count(x => !stored.ContainsKey(x.Key));
        var mismatched = answered.Count(x => stored.TryGetValue(x.Key, out var s) && s != x.Value);
        var unanswered = stored.Keys.Count(k => !answered.ContainsKey(k));
        Console.WriteLine($"garden-pg load: {total} submissions at {rate}/s target across 2 replicas over {elapsed:F1} s = {total / elapsed:F0}/s achieved; {(killAt >= 0 && killAt < total ? $"replica b SIGKILLed before submission {killAt}" : "no replica killed")}");
        Console.WriteLine($"latency ms (first send to answer, failover included): p50 {GardenLoad.Percentile(ok, 0.50):F2}  p90 {GardenLoad.Percentile(ok, 0.90):F2}  p99 {GardenLoad.Percentile(ok, 0.99):F2}  max {ok.LastOrDefault():F2}");
        Windows(latencies, sentAt, killAt >= 0 && killAt < total ? sentAt[killAt] : double.NaN);
        Console.WriteLine($"accepted {answered.Count}, errors {errors}, failed over to a {failovers}; stored {stored.Count}: lost {lost}, answered with another id {mismatched}, stored but not answered {unanswered}");
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var exact = errors == 0 && lost == 0 && mismatched == 0 && unanswered == 0 && stored.Count == total;
        var pass = exact && GardenLoad.Percentile(ok, 0.99) <= 30;
        Console.WriteLine(pass ? "PASS (p99 <= 30 ms, nothing lost or duplicated)"
            : exact ? "FAIL: p99 over 30 ms (nothing lost or duplicated)" : "FAIL: submissions lost, duplicated or refused");
        return pass ? 0 : 1;
    }

    private sealed record Sent(double[] Latencies, double[] SentAt, ConcurrentDictionary<string, int> Answered, int Errors, int Failovers, double Seconds);

    /// <summary>
    /// <paramref name="total"/> submissions sent open-loop at <paramref name="rate"/>/s, alternating replicas, each
    /// with request id PREFIX-N; before submission <paramref name="killAt"/> (-1: never) the second replica is
    /// SIGKILLed and what it does not answer is sent again to the first with the same request id.
    /// </summary>
    private static async Task<Sent> OpenLoopAsync(GardenClient first, GardenClient second, SubmitJobRequest request,
        int rate, int total, string prefix, int killAt, Process victim)
    {
        var latencies = new double[total];
        var sentAt = new double[total];
        var answered = new ConcurrentDictionary<string, int>();
        var (errors, failovers) = (0, 0);
        var killed = false;
        var clock = Stopwatch.StartNew();
        var inflight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            if (i == killAt)
            {
                victim.Kill(); // SIGKILL
                killed = true;
            }
            var index = i;
            inflight.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                sentAt[index] = clock.Elapsed.TotalSeconds;
                var id = $"{prefix}-{index}";
                var headers = new Metadata { { RainbowSchedulerService.RequestIdHeader, id } };
                try
                {
                    SubmitJobResponse response;
                    if (index % 2 == 0 || Volatile.Read(ref killed))
                        response = await first.Rainbow.SubmitJobAsync(request, headers);
                    else
                    {
                        try
                        {
                            response = await second.Rainbow.SubmitJobAsync(request, headers, DateTime.UtcNow.AddSeconds(5));
                        }
                        catch (RpcException)
                        {
                            Interlocked.Increment(ref failovers);
                            response = await first.Rainbow.SubmitJobAsync(request, headers);
                        }
                    }
                    answered[id] = response.Jobid;
                    latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref errors);
                    latencies[index] = double.NaN;
                }
            }));
        }
        await Task.WhenAll(inflight);
        return new Sent(latencies, sentAt, answered, errors, failovers, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Where the tail is: percentiles per window of send time (the first 5 s, up to the kill, the 5 s after it, the
    /// rest) and the five worst one-second buckets, so JIT warm-up, failover and steady state can be told apart.
    /// </summary>
    private static void Windows(double[] latencies, double[] sentAt, double killedAt)
    {
        var end = sentAt.Max();
        var edges = double.IsNaN(killedAt) ? new[] { 0, 5, end + 1 } : new[] { 0, 5, killedAt, killedAt + 5, end + 1 };
        for (var w = 0; w + 1 < edges.Length; w++)
        {
            var (from, to) = (edges[w], edges[w + 1]);
            var inside = latencies.Where((l, i) => !double.IsNaN(l) && sentAt[i] >= from && sentAt[i] < to).Order().ToArray();
            if (inside.Length == 0) continue;
            Console.WriteLine($"  sent {from,5:F1}-{Math.Min(to, end),5:F1} s: {inside.Length,6} answered; p50 {GardenLoad.Percentile(inside, 0.5):F2}  p99 {GardenLoad.Percentile(inside, 0.99):F2}  max {inside[^1]:F2} ms");
        }
        var worst = latencies.Select((l, i) => (Second: (int)sentAt[i], Latency: l)).Where(x => !double.IsNaN(x.Latency))
            .GroupBy(x => x.Second).Select(g => (g.Key, Max: g.Max(x => x.Latency), Over: g.Count(x => x.Latency > 30)))
            .OrderByDescending(g => g.Max).Take(5);
        Console.WriteLine("  worst seconds: " + string.Join("; ", worst.Select(g => $"{g.Key} s max {g.Max:F0} ms ({g.Over} over 30 ms)")));
    }

    private static int Startup(string[] args)
    {
        var count = Argument(args, "--clusters", 10_000);
        var database = GardenDatabase.Parse(Text(args, "--db"));
        var bases = GardenScale.Bases();
        using (var store = database.Open())
        {
            var have = store.ClustersChangedSince(0).Changed.Count;
            var fill = Stopwatch.StartNew();
            var token = HashedSecret.Of("startup-token");
            for (var i = have; i < count; i++)
            {
                var (name, nodes, subsystems) = bases[i % bases.Count];
                var cluster = $"{name}-{i:00000}";
                store.InsertCluster(new ClusterRecord(cluster, nodes, token, token, DateTimeOffset.UtcNow));
                foreach (var (subsystem, graph) in subsystems) store.InsertSubsystem(cluster, subsystem, graph);
            }
            Console.WriteLine($"garden-pg startup: {count} clusters in {database.Display} ({bases.Count} distinct clusters, {store.CountGraphs()} graph rows; {count - have} registered in {fill.Elapsed.TotalSeconds:F1} s)");
        }
        const string jobspec = "version: 1\nresources:\n  job:\n    type: node\n    replicas: 1\n    with: [{type: core, count: 2}]\ntasks: [{command: [hostname], resources: job}]\n";
        for (var run = 1; run <= 2; run++)
        {
            // What garden serve does at start: open the store, load every cluster, read its graphs, compile the index.
            // CPU time next to wall time: on a shared machine the wall time is mostly waiting for a core.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using var store = database.Open();
            var rows = store.ClustersChangedSince(0).Changed.Count;
            var read = clock.Elapsed.TotalMilliseconds;
            var scheduler = new GardenScheduler(store, new GardenMatchPlacer(), HashedSecret.Of("startup-secret"), new GardenOptions(), TimeProvider.System);
            var loaded = clock.Elapsed.TotalMilliseconds;
            var matches = scheduler.Satisfy(jobspec).Count;
            var total = clock.Elapsed.TotalMilliseconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"  run {run} ({(run == 1 ? "cold: first in this process" : "warm JIT")}): read {rows} clusters from the store {read:F0} ms; "
                + $"start (read again + read graphs) {loaded - read:F0} ms, compile index + first match {total - loaded:F0} ms; "
                + $"start-up {total - read:F0} ms wall, whole run {cpuMs:F0} ms CPU ({matches} clusters match); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }
        return 0;
    }

    private static int Argument(string[] args, string name, int fallback) =>
        int.TryParse(Text(args, name, fallback.ToString()), out var value) ? value : fallback;

    private static string Text(string[] args, string name, string? fallback = null)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback ?? throw new ArgumentException($"{name} is required");
    }
}
