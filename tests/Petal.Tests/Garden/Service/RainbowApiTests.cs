using System.Text.Json;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Petal.Garden.Service.Rainbow;
using Petal.Tests.Support;
using Result = Petal.Garden.Service.Rainbow.RegisterResponse.Types.ResultType;

namespace Petal.Tests.Garden.Service;

/// <summary>rainbow's API on a real service (conformance cases F1, F2, F12-F15 of tests/corpora/rainbow/EXPECTED.md).</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RainbowApiTests
{
    internal static string Nodes(int replicas, int cores = 1, string command = "hostname") => $"""
        version: 1
        resources:
          job:
            type: node
            replicas: {replicas}
            with: [{"{"}type: core, count: {cores}{"}"}]
        tasks: [{"{"}command: [{command}], resources: job{"}"}]
        """;

    [Fact]
    public async Task F1_register_returns_a_token_and_a_secret_stored_only_hashed()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var response = await garden.RegisterAsync("keebler");
        Assert.Equal(Result.RegisterSuccess, response.Status);
        Assert.True(response.Token.Length >= 40 && response.Secret.Length >= 40);
        Assert.NotEqual(response.Token, response.Secret);
        await garden.Server.DisposeAsync();
        var database = await File.ReadAllBytesAsync(garden.DatabasePath);
        var text = System.Text.Encoding.UTF8.GetString(database) + ReadWal(garden.DatabasePath);
        Assert.DoesNotContain(response.Token, text);
        Assert.DoesNotContain(response.Secret, text);
        Assert.DoesNotContain(GardenServiceHarness.RegistrationSecret, text);
        await garden.StartServerAsync();
    }

    private static string ReadWal(string db) => File.Exists(db + "-wal") ? System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(db + "-wal")) : "";

    [Fact]
    public async Task F2_subsystem_links_nodes_to_io_vertices_and_jobs_can_require_them()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var io = await garden.Client.Rainbow.RegisterSubsystemAsync(new RegisterRequest
        {
            Name = "keebler", Secret = keebler.Secret, Subsystem = "io", Nodes = GardenServiceHarness.Fixture("scheduler/cluster-io-subsystem.json"),
        });
        Assert.Equal(Result.RegisterSuccess, io.Status);
        // F3 needs the io links: it matches now.
        var job = await garden.SubmitAsync(GardenServiceHarness.Fixture("scheduler/jobspec-io.yaml"), [("keebler", keebler.Token)]);
        Assert.Equal("keebler", job.Cluster);
        Assert.True(job.Jobid > 0);
    }

    [Fact]
    public async Task Subsystem_linked_to_an_unknown_node_is_invalid_and_not_stored()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var dangling = """{"graph": {"nodes": {"io1": {"label": "io1", "metadata": {"type": "shm", "name": "shm0"}}}, "edges": [{"source": "999", "target": "io1", "relation": "contains"}]}}""";
        var error = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Rainbow.RegisterSubsystemAsync(new RegisterRequest
            { Name = "keebler", Secret = keebler.Secret, Subsystem = "io", Nodes = dangling }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(0L, Count(garden, "subsystems"));
    }

    [Fact]
    public async Task F12_registering_a_cluster_again_says_exists_and_changes_nothing()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var first = await garden.RegisterAsync("keebler");
        var again = await garden.RegisterAsync("keebler", "range/cluster-nodes.json");
        Assert.Equal(Result.RegisterExists, again.Status);
        Assert.Equal("", again.Token);
        Assert.Equal("", again.Secret);
        // The first credentials still hold, and the graph is the first one (keebler has no spack subsystem to link).
        var job = await garden.SubmitAsync(Nodes(3, 12), [("keebler", first.Token)]);
        Assert.Equal("keebler", job.Cluster);
        Assert.Equal(1L, Count(garden, "clusters"));
    }

    [Fact]
    public async Task F13_wrong_registration_secret_is_denied_and_stores_nothing()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Rainbow.RegisterAsync(new RegisterRequest
            { Name = "keebler", Secret = "not-the-secret", Nodes = GardenServiceHarness.Fixture("scheduler/cluster-nodes.json") }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("denied", error.Status.Detail);
        Assert.Equal(0L, Count(garden, "clusters"));
        Assert.Equal(Result.RegisterSuccess, (await garden.RegisterAsync("keebler")).Status);
    }

    [Fact]
    public async Task F14_registering_a_subsystem_twice_is_an_error_and_keeps_the_first()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var request = new RegisterRequest
        {
            Name = "keebler", Secret = keebler.Secret, Subsystem = "io", Nodes = GardenServiceHarness.Fixture("scheduler/cluster-io-subsystem.json"),
        };
        await garden.Client.Rainbow.RegisterSubsystemAsync(request);
        var error = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Rainbow.RegisterSubsystemAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains("already has a subsystem io", error.Status.Detail);
        Assert.Equal(1L, Count(garden, "subsystems"));
    }

    [Fact]
    public async Task F15_receive_returns_three_jobs_and_accepting_them_leaves_none_pending()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
            ids.Add((await garden.SubmitAsync(Nodes(1), [("keebler", keebler.Token)], name: $"job{i}")).Jobid);
        Assert.Equal(3, ids.Distinct().Count());

        var received = await garden.Client.Rainbow.ReceiveJobsAsync(new ReceiveJobsRequest { Cluster = "keebler", Secret = keebler.Secret, MaxJobs = 3 });
        Assert.Equal(ReceiveJobsResponse.Types.ResultType.RequestJobsSuccess, received.Status);
        Assert.Equal(ids.Order(), received.Jobs.Keys.Order());
        foreach (var (id, json) in received.Jobs)
        {
            using var job = JsonDocument.Parse(json);
            Assert.Equal(id, job.RootElement.GetProperty("id").GetInt32());
            Assert.Equal("keebler", job.RootElement.GetProperty("cluster").GetString());
            Assert.Contains("hostname", job.RootElement.GetProperty("jobspec").GetString());
        }
        var accept = new AcceptJobsRequest { Cluster = "keebler", Secret = keebler.Secret };
        accept.Jobids.AddRange(ids);
        Assert.Equal(AcceptJobsResponse.Types.ResultType.Success, (await garden.Client.Rainbow.AcceptJobsAsync(accept)).Status);
        var again = await garden.Client.Rainbow.ReceiveJobsAsync(new ReceiveJobsRequest { Cluster = "keebler", Secret = keebler.Secret });
        Assert.Equal(ReceiveJobsResponse.Types.ResultType.RequestJobsNoresults, again.Status);
        Assert.Empty(again.Jobs);
        // Accepting again: nothing left to accept.
        Assert.Equal(AcceptJobsResponse.Types.ResultType.Partial, (await garden.Client.Rainbow.AcceptJobsAsync(accept)).Status);
    }

    [Fact]
    public async Task Receive_with_a_wrong_secret_or_for_an_unknown_cluster_is_denied_alike()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var denied = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Rainbow.ReceiveJobsAsync(
            new ReceiveJobsRequest { Cluster = "keebler", Secret = keebler.Token }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Rainbow.ReceiveJobsAsync(
            new ReceiveJobsRequest { Cluster = "nowhere", Secret = keebler.Secret }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unknown.StatusCode);
        Assert.Equal(denied.Status.Detail.Replace("keebler", "NAME"), unknown.Status.Detail.Replace("nowhere", "NAME"));
    }

    [Fact]
    public async Task Malformed_jgf_is_invalid_argument_and_stores_nothing()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Rainbow.RegisterAsync(new RegisterRequest
            { Name = "broken", Secret = GardenServiceHarness.RegistrationSecret, Nodes = """{"graph": {"nodes": {"1": """ }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
        Assert.Equal(0L, Count(garden, "clusters"));
    }

    [Fact]
    public async Task Malformed_jobspec_is_invalid_argument_and_a_job_no_cluster_fits_is_refused_with_reasons()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var malformed = await Assert.ThrowsAsync<RpcException>(() => garden.SubmitAsync("version: 1\nresources: [oops", [("keebler", keebler.Token)]));
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        var tooBig = await Assert.ThrowsAsync<RpcException>(() => garden.SubmitAsync(Nodes(100), [("keebler", keebler.Token)]));
        Assert.Equal(StatusCode.FailedPrecondition, tooBig.StatusCode);
        Assert.Contains("keebler", tooBig.Status.Detail);
        Assert.Contains("100", tooBig.Status.Detail);
        var wrongToken = await Assert.ThrowsAsync<RpcException>(() => garden.SubmitAsync(Nodes(1), [("keebler", keebler.Secret)]));
        Assert.Equal(StatusCode.PermissionDenied, wrongToken.StatusCode);
        Assert.Equal(0L, Count(garden, "jobs"));
    }

    [Fact]
    public async Task Submit_with_the_same_request_id_returns_the_same_job_once()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var first = await garden.SubmitAsync(Nodes(1), [("keebler", keebler.Token)], requestId: "req-42");
        var second = await garden.SubmitAsync(Nodes(1), [("keebler", keebler.Token)], requestId: "req-42");
        var other = await garden.SubmitAsync(Nodes(1), [("keebler", keebler.Token)], requestId: "req-43");
        Assert.Equal(first.Jobid, second.Jobid);
        Assert.NotEqual(first.Jobid, other.Jobid);
        Assert.Equal(2L, Count(garden, "jobs"));
    }

    internal static long Count(GardenServiceHarness garden, string table)
    {
        using var db = new SqliteConnection($"Data Source={garden.DatabasePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
