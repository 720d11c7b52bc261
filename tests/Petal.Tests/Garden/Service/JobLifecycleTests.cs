using Grpc.Core;
using Petal.Garden.Service.Api;
using Petal.Garden.Service.Rainbow;
using Petal.Tests.Support;

namespace Petal.Tests.Garden.Service;

/// <summary>Leases, restarts, status, cancel and cluster reports on a real service.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class JobLifecycleTests
{
    [Fact]
    public async Task An_assigned_job_not_accepted_within_the_lease_is_placed_on_another_cluster()
    {
        await using var garden = await GardenServiceHarness.StartAsync(lease: TimeSpan.FromMilliseconds(400));
        var a = await garden.RegisterAsync("a");
        var b = await garden.RegisterAsync("b");
        var submitted = await garden.SubmitAsync(RainbowApiTests.Nodes(1), [("a", a.Token), ("b", b.Token)]);
        var first = submitted.Cluster;
        var (otherName, other) = first == "a" ? ("b", b) : ("a", a);

        var job = await WaitFor(garden, submitted.Jobid, ("a", a.Token), j => j.Cluster == otherName);
        Assert.Equal(JobState.Assigned, job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Contains($"cluster {first} did not accept within the lease", job.Detail);
        var received = await garden.Client.Rainbow.ReceiveJobsAsync(new ReceiveJobsRequest { Cluster = otherName, Secret = other.Secret });
        Assert.Contains(submitted.Jobid, received.Jobs.Keys);
    }

    [Fact]
    public async Task A_restart_loses_no_cluster_subsystem_state_or_job()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        await garden.Client.Rainbow.RegisterSubsystemAsync(new RegisterRequest
        {
            Name = "keebler", Secret = keebler.Secret, Subsystem = "io", Nodes = GardenServiceHarness.Fixture("scheduler/cluster-io-subsystem.json"),
        });
        await garden.Client.Rainbow.UpdateStateAsync(new UpdateStateRequest
            { Cluster = "keebler", Secret = keebler.Secret, Payload = GardenServiceHarness.Fixture("scheduler/cluster-state.json") });
        var before = await garden.SubmitAsync(GardenServiceHarness.Fixture("scheduler/jobspec-io.yaml"), [("keebler", keebler.Token)], requestId: "r1");

        await garden.RestartAsync();

        Assert.Equal(RegisterResponse.Types.ResultType.RegisterExists, (await garden.RegisterAsync("keebler")).Status);
        Assert.Contains("\"nodes_free\":20", garden.Server.Scheduler.StateOf("keebler"));
        // The io subsystem survived: F3 still matches, and the same request id still names the same job.
        var after = await garden.SubmitAsync(GardenServiceHarness.Fixture("scheduler/jobspec-io.yaml"), [("keebler", keebler.Token)]);
        Assert.Equal("keebler", after.Cluster);
        Assert.Equal(before.Jobid, (await garden.SubmitAsync(GardenServiceHarness.Fixture("scheduler/jobspec-io.yaml"), [("keebler", keebler.Token)], requestId: "r1")).Jobid);
        var received = await garden.Client.Rainbow.ReceiveJobsAsync(new ReceiveJobsRequest { Cluster = "keebler", Secret = keebler.Secret });
        Assert.Equal(new[] { before.Jobid, after.Jobid }, received.Jobs.Keys.Order());
    }

    [Fact]
    public async Task A_job_goes_accepted_running_completed_and_a_cancel_reaches_the_cluster()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var done = await garden.SubmitAsync(RainbowApiTests.Nodes(1), [("keebler", keebler.Token)]);
        var stopped = await garden.SubmitAsync(RainbowApiTests.Nodes(1), [("keebler", keebler.Token)]);
        var accept = new AcceptJobsRequest { Cluster = "keebler", Secret = keebler.Secret };
        accept.Jobids.Add(new[] { done.Jobid, stopped.Jobid });
        await garden.Client.Rainbow.AcceptJobsAsync(accept);

        await Report(garden, keebler.Secret, done.Jobid, JobState.Running, "42");
        await Report(garden, keebler.Secret, done.Jobid, JobState.Completed, "42");
        var finished = await garden.Client.Jobs.GetJobAsync(new JobRequest { Jobid = done.Jobid, Cluster = "keebler", Token = keebler.Token });
        Assert.Equal(JobState.Completed, finished.State);
        Assert.Equal("42", finished.NativeId);
        var late = await Assert.ThrowsAsync<RpcException>(() => Report(garden, keebler.Secret, done.Jobid, JobState.Running, "42"));
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);

        await Report(garden, keebler.Secret, stopped.Jobid, JobState.Running, "43");
        var cancelling = await garden.Client.Jobs.CancelJobAsync(new JobRequest { Jobid = stopped.Jobid, Cluster = "keebler", Token = keebler.Token });
        Assert.True(cancelling.CancelRequested);
        Assert.Equal(JobState.Running, cancelling.State);
        var listed = await garden.Client.Jobs.ListClusterJobsAsync(new ClusterJobsRequest { Cluster = "keebler", Secret = keebler.Secret });
        Assert.True(Assert.Single(listed.Jobs).CancelRequested);
        var answer = await Report(garden, keebler.Secret, stopped.Jobid, JobState.Cancelled, "43");
        Assert.Equal(JobState.Cancelled, answer.State);

        var denied = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Jobs.GetJobAsync(
            new JobRequest { Jobid = done.Jobid, Cluster = "keebler", Token = keebler.Secret }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_job_not_yet_accepted_removes_it_from_the_clusters_queue()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var job = await garden.SubmitAsync(RainbowApiTests.Nodes(1), [("keebler", keebler.Token)]);
        var cancelled = await garden.Client.Jobs.CancelJobAsync(new JobRequest { Jobid = job.Jobid, Cluster = "keebler", Token = keebler.Token });
        Assert.Equal(JobState.Cancelled, cancelled.State);
        var received = await garden.Client.Rainbow.ReceiveJobsAsync(new ReceiveJobsRequest { Cluster = "keebler", Secret = keebler.Secret });
        Assert.Empty(received.Jobs);
        var again = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Jobs.CancelJobAsync(
            new JobRequest { Jobid = job.Jobid, Cluster = "keebler", Token = keebler.Token }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    private static Task<ReportJobStateResponse> Report(GardenServiceHarness garden, string secret, int id, JobState state, string nativeId) =>
        garden.Client.Jobs.ReportJobStateAsync(new ReportJobStateRequest
            { Cluster = "keebler", Secret = secret, Jobid = id, State = state, NativeId = nativeId, Detail = state.ToString() }).ResponseAsync;

    private static async Task<Job> WaitFor(GardenServiceHarness garden, int id, (string Cluster, string Token) who, Func<Job, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var job = await garden.Client.Jobs.GetJobAsync(new JobRequest { Jobid = id, Cluster = who.Cluster, Token = who.Token });
            if (condition(job)) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {id} stayed {job.State} on {job.Cluster}: {job.Detail}");
            await Task.Delay(100);
        }
    }
}
