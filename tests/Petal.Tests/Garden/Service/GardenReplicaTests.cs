using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Npgsql;
using Petal.Garden.Service.Client;
using Petal.Garden.Service.Grpc;
using Petal.Garden.Service.Rainbow;
using Petal.Tests.Support;

namespace Petal.Tests.Garden.Service;

/// <summary>
/// Two real <c>petal garden serve</c> processes on one real PostgreSQL: clusters registered through one are
/// usable through the other, and with submissions and cluster agents going through both while one replica is
/// SIGKILLed, every accepted submission is stored exactly once and every job is handed to a cluster exactly once.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class GardenReplicaTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Secret = "replica-registration-secret";

    [PostgresFact]
    public async Task Two_replicas_share_one_store_and_a_killed_one_loses_nothing_accepted()
    {
        using var home = new TempDirectory();
        var url = postgres.NewDatabaseUrl();
        using var a = await Replica.StartAsync(url, home);
        using var b = await Replica.StartAsync(url, home);
        // The URL's password is never printed; the database is named with it redacted.
        foreach (var replica in new[] { a, b })
        {
            Assert.Contains($"postgres://{PostgresServer.User}:***@127.0.0.1:{postgres.Port}/", replica.Banner);
            Assert.DoesNotContain(postgres.Password, replica.Output);
        }

        // Clusters registered through either replica; every submission names all of them.
        var tokens = new Dictionary<string, string>();
        var secrets = new Dictionary<string, string>();
        foreach (var (name, via) in new[] { ("c1", a), ("c2", b), ("c3", a), ("c4", b) })
        {
            var registered = await via.Client.Rainbow.RegisterAsync(new RegisterRequest
                { Name = name, Secret = Secret, Nodes = GardenServiceHarness.Fixture("scheduler/cluster-nodes.json") });
            Assert.Equal(RegisterResponse.Types.ResultType.RegisterSuccess, registered.Status);
            (tokens[name], secrets[name]) = (registered.Token, registered.Secret);
        }
        var again = await a.Client.Rainbow.RegisterAsync(new RegisterRequest
            { Name = "c2", Secret = Secret, Nodes = GardenServiceHarness.Fixture("scheduler/cluster-nodes.json") });
        Assert.Equal(RegisterResponse.Types.ResultType.RegisterExists, again.Status);

        const int submissions = 240;
        var accepted = new ConcurrentDictionary<string, int>(); // request id → job id answered
        var handed = new ConcurrentDictionary<int, int>(); // job id → times a cluster accepted it
        using var stop = new CancellationTokenSource();
        var agents = secrets.Keys.SelectMany(cluster => new[] { a, b }.Select(via => Agent(cluster, secrets[cluster], via, a, handed, stop.Token))).ToList();

        var next = -1;
        var submitters = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < submissions)
            {
                if (i == submissions / 2) b.Kill();
                var requestId = $"req-{i}";
                // Half go to b; b's failures (it was killed, maybe after storing) are retried on a with the same id.
                foreach (var via in i % 2 == 0 ? new[] { a } : new[] { b, a })
                {
                    try
                    {
                        accepted[requestId] = (await Submit(via, requestId, tokens)).Jobid;
                        break;
                    }
                    catch (RpcException) when (via == b)
                    {
                    }
                }
            }
        })).ToList();
        await Task.WhenAll(submitters);
        Assert.True(b.Killed);
        Assert.Equal(submissions, accepted.Count);

        // Agents drain every cluster's queue, then stop.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (handed.Count < submissions && DateTime.UtcNow < deadline) await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(agents);

        await using var db = new NpgsqlConnection(postgres.ConnectionString(new Uri(url).AbsolutePath.TrimStart('/')));
        await db.OpenAsync();
        var stored = new Dictionary<string, (long Id, string State)>();
        await using (var command = new NpgsqlCommand("SELECT request_id, id, state FROM jobs", db))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                stored[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));
        // Every accepted submission is stored exactly once, under the id it was answered with; nothing else is.
        Assert.Equal(accepted.Keys.Order(), stored.Keys.Order());
        Assert.All(accepted, s => Assert.Equal(s.Value, stored[s.Key].Id));
        // Every job was handed to (accepted by) a cluster exactly once.
        Assert.All(stored.Values, s => Assert.Equal("accepted", s.State));
        Assert.Equal(stored.Values.Select(s => (int)s.Id).Order(), handed.Keys.Order());
        Assert.All(handed, h => Assert.Equal(1, h.Value));
    }

    [PostgresFact]
    public async Task A_refused_login_is_reported_without_the_password()
    {
        using var home = new TempDirectory();
        const string wrong = "wrong-password-4711";
        var url = postgres.NewDatabaseUrl().Replace(postgres.Password, wrong);
        var serve = await PetalProcess.RunAsync(["garden", "serve", "--listen", $"127.0.0.1:{FreePort.Next()}", "--db", url],
            new Dictionary<string, string> { ["PETAL_GARDEN_SECRET"] = Secret, ["PETAL_STATE_DIR"] = home.File("state") });
        Assert.Equal(1, serve.ExitCode);
        Assert.Contains($"garden database postgres://{PostgresServer.User}:***@127.0.0.1:{postgres.Port}/", serve.Stderr);
        Assert.Contains("password authentication failed", serve.Stderr);
        Assert.DoesNotContain(wrong, serve.Stdout + serve.Stderr);
        Assert.DoesNotContain("   at ", serve.Stderr);
    }

    private static Task<SubmitJobResponse> Submit(Replica via, string requestId, Dictionary<string, string> tokens)
    {
        var request = new SubmitJobRequest { Jobspec = RainbowApiTests.Nodes(1) };
        request.Clusters.AddRange(tokens.Select(t => new SubmitJobRequest.Types.Cluster { Name = t.Key, Token = t.Value }));
        return via.Client.Rainbow.SubmitJobAsync(request, new Metadata { { RainbowSchedulerService.RequestIdHeader, requestId } },
            deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync;
    }

    /// <summary>A cluster's agent: receives its jobs through one replica (the survivor once that one is gone) and accepts them one by one.</summary>
    private static Task Agent(string cluster, string secret, Replica via, Replica survivor, ConcurrentDictionary<int, int> handed,
        CancellationToken stop) => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            var replica = via.Killed ? survivor : via;
            try
            {
                var jobs = await replica.Client.Rainbow.ReceiveJobsAsync(new ReceiveJobsRequest { Cluster = cluster, Secret = secret },
                    deadline: DateTime.UtcNow.AddSeconds(10));
                foreach (var id in jobs.Jobs.Keys)
                {
                    var accept = new AcceptJobsRequest { Cluster = cluster, Secret = secret };
                    accept.Jobids.Add(id);
                    var answer = await replica.Client.Rainbow.AcceptJobsAsync(accept, deadline: DateTime.UtcNow.AddSeconds(10));
                    if (answer.Status == AcceptJobsResponse.Types.ResultType.Success)
                        handed.AddOrUpdate(id, 1, (_, n) => n + 1);
                }
                if (jobs.Jobs.Count == 0) await Task.Delay(50, stop);
            }
            catch (RpcException) when (replica.Killed)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    });

    /// <summary>One <c>petal garden serve</c> process on a free port of 127.0.0.1.</summary>
    private sealed class Replica : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private Replica(Process process, string address) =>
            (_process, Client, Address) = (process, new GardenClient(address), address);

        public GardenClient Client { get; }
        public string Address { get; }
        public string Banner { get; private set; } = "";
        public bool Killed { get; private set; }

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public static async Task<Replica> StartAsync(string url, TempDirectory home)
        {
            var address = $"127.0.0.1:{FreePort.Next()}";
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Petal.Cli.dll"), "garden", "serve", "--listen", address, "--db", url, "--lease", "600" })
                start.ArgumentList.Add(a);
            start.Environment["PETAL_GARDEN_SECRET"] = Secret;
            start.Environment["PETAL_STATE_DIR"] = home.File("state");
            start.Environment["NO_COLOR"] = "1";
            var replica = new Replica(Process.Start(start)!, address);
            var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            void Read(object? sender, DataReceivedEventArgs e)
            {
                if (e.Data is null) return;
                lock (replica._output) replica._output.AppendLine(e.Data);
                if (e.Data.Contains("listening on", StringComparison.Ordinal)) listening.TrySetResult(e.Data);
            }
            replica._process.OutputDataReceived += Read;
            replica._process.ErrorDataReceived += Read;
            replica._process.BeginOutputReadLine();
            replica._process.BeginErrorReadLine();
            var started = await Task.WhenAny(listening.Task, replica._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            if (started != listening.Task)
            {
                replica.Dispose();
                throw new InvalidOperationException($"garden serve did not start: {replica.Output}");
            }
            replica.Banner = await listening.Task;
            return replica;
        }

        /// <summary>SIGKILL: no shutdown, no flush, as when the machine under it dies.</summary>
        public void Kill()
        {
            Killed = true;
            _process.Kill();
        }

        public void Dispose()
        {
            Client.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
            _process.Dispose();
        }
    }
}
