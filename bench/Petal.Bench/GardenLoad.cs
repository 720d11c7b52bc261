using System.Diagnostics;
using System.Net;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Petal.Garden.Service;
using Petal.Garden.Service.Client;
using Petal.Garden.Service.Grpc;
using Petal.Garden.Service.Hosting;
using Petal.Garden.Service.Placement;
using Petal.Garden.Service.Rainbow;

namespace Petal.Bench;

/// <summary>
/// Load test of the garden service (not BenchmarkDotNet): a service on 127.0.0.1 with a fresh SQLite file, four
/// clusters, and submissions sent open-loop at a fixed rate for a fixed time. Reports throughput, latency
/// percentiles, errors, and checks every accepted submission is in the database.
/// Run: dotnet run -c Release --project bench/Petal.Bench -- garden-load [--rate 500] [--seconds 30]
/// </summary>
public static class GardenLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Argument(args, "--rate", 500);
        var seconds = Argument(args, "--seconds", 30);
        if (rate is < 1 or > 5000 || seconds is < 1 or > 300)
        {
            Console.Error.WriteLine("garden-load: --rate 1..5000, --seconds 1..300");
            return 2;
        }
        var directory = Directory.CreateTempSubdirectory("petal-garden-load-");
        try
        {
            var database = Path.Combine(directory.FullName, "garden.db");
            const string secret = "garden-load-registration-secret";
            await using var server = await GardenServer.StartAsync(new GardenServerOptions
            {
                Listen = new IPEndPoint(IPAddress.Loopback, 0), Database = Petal.Garden.Service.Store.GardenDatabase.Parse(database), RegistrationSecret = secret,
                Placer = new GardenMatchPlacer(),
            });
            using var client = new GardenClient(server.Address);
            var nodes = await File.ReadAllTextAsync(Fixture("scheduler/cluster-nodes.json"));
            var request = new SubmitJobRequest { Jobspec = Jobspec };
            foreach (var name in new[] { "c1", "c2", "c3", "c4" })
            {
                var registered = await client.Rainbow.RegisterAsync(new RegisterRequest { Name = name, Secret = secret, Nodes = nodes });
                request.Clusters.Add(new SubmitJobRequest.Types.Cluster { Name = name, Token = registered.Token });
            }
            // Warm up connections and JIT before measuring.
            for (var i = 0; i < 200; i++) await client.Rainbow.SubmitJobAsync(request);

            var total = rate * seconds;
            var latencies = new double[total];
            var errors = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var inflight = new List<Task>(total);
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                var index = i;
                inflight.Add(Task.Run(async () =>
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await client.Rainbow.SubmitJobAsync(request, new Metadata { { RainbowSchedulerService.RequestIdHeader, $"load-{index}" } });
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
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            var ok = latencies.Where(l => !double.IsNaN(l)).Order().ToArray();
            var stored = CountJobs(database) - 200;
            Console.WriteLine($"garden-load: {total} submissions at {rate}/s target over {elapsed:F1} s = {total / elapsed:F0}/s achieved");
            Console.WriteLine($"latency ms: p50 {Percentile(ok, 0.50):F2}  p90 {Percentile(ok, 0.90):F2}  p99 {Percentile(ok, 0.99):F2}  max {ok.LastOrDefault():F2}");
            Console.WriteLine($"errors: {errors}; jobs stored: {stored} of {total - errors} accepted");
            // Service and client share this process: CPU per submission bounds the rate two idle cores could carry.
            Console.WriteLine($"CPU: {cpuMs / total:F2} ms per submission (service + client); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            var pass = errors == 0 && stored == total && Percentile(ok, 0.99) < 20;
            Console.WriteLine(pass ? "PASS (p99 < 20 ms, no errors, nothing lost)" : "FAIL");
            return pass ? 0 : 1;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static long CountJobs(string database)
    {
        using var db = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM jobs";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The job every load submission sends: two nodes of four cores.</summary>
    internal const string Jobspec = "version: 1\nresources:\n  job:\n    type: node\n    replicas: 2\n    with: [{type: core, count: 4}]\ntasks: [{command: [hostname], resources: job}]\n";

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Argument(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }

    /// <summary>The rainbow fixtures in tests/corpora/rainbow.</summary>
    private static string Fixture(string relative) => RepoFiles.Find(Path.Combine("tests", "corpora", "rainbow", relative));
}
