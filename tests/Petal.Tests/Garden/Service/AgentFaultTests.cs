using Petal.Garden.Service.Agent;
using Petal.Garden.Service.Api;
using Petal.Garden.Service.Rainbow;
using Petal.Tests.Support;

namespace Petal.Tests.Garden.Service;

/// <summary>
/// The agent against a real garden service when one job cannot be submitted. The cluster side is a stand-in runner
/// (the real <see cref="SlurmJobRunner"/> on a twin is in <see cref="GardenTwinEndToEndTests"/>) whose submit fails in a
/// way the agent does not expect, as a broken cluster command would.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AgentFaultTests
{
    /// <summary>Stand-in for a cluster's scheduler: job names containing "poison" make submit throw.</summary>
    private sealed class StandInRunner : IJobRunner
    {
        public List<long> Submitted { get; } = [];

        public Task<string> SubmitAsync(JobToRun job, CancellationToken cancellation)
        {
            if (job.Name.Contains("poison")) throw new InvalidOperationException("the cluster's submit command crashed");
            Submitted.Add(job.Id);
            return Task.FromResult($"{1000 + job.Id}");
        }

        public Task<RunnerJobState> StateAsync(string nativeId, CancellationToken cancellation) =>
            Task.FromResult(new RunnerJobState(RunnerJobStatus.Pending, "pending"));

        public Task CancelAsync(string nativeId, CancellationToken cancellation) => Task.CompletedTask;
    }

    [Fact]
    public async Task A_job_that_cannot_be_submitted_fails_alone_and_the_batch_goes_on()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var ids = new List<int>();
        foreach (var name in new[] { "first", "poison", "third" })
            ids.Add((await garden.SubmitAsync(RainbowApiTests.Nodes(1), [("keebler", keebler.Token)], name: name)).Jobid);
        var runner = new StandInRunner();

        var pass = await new GardenAgent(garden.Client, "keebler", keebler.Secret, runner).RunOnceAsync(CancellationToken.None);

        Assert.Equal([ids[0], ids[2]], pass.Started);
        Assert.Equal([ids[1]], pass.Failed);
        Assert.Equal([(long)ids[0], ids[2]], runner.Submitted);
        var failed = await Job(garden, keebler.Token, ids[1]);
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Contains("the cluster's submit command crashed", failed.Detail);
        var third = await Job(garden, keebler.Token, ids[2]);
        Assert.Equal(JobState.Accepted, third.State);
        Assert.Equal($"{1000 + ids[2]}", third.NativeId);
    }

    [Fact]
    public async Task A_job_accepted_but_never_submitted_is_reported_failed_on_the_next_pass()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var job = await garden.SubmitAsync(RainbowApiTests.Nodes(1), [("keebler", keebler.Token)]);
        // An agent that accepted it and stopped before submitting.
        var accept = new AcceptJobsRequest { Cluster = "keebler", Secret = keebler.Secret };
        accept.Jobids.Add(job.Jobid);
        await garden.Client.Rainbow.AcceptJobsAsync(accept);

        var pass = await new GardenAgent(garden.Client, "keebler", keebler.Secret, new StandInRunner()).RunOnceAsync(CancellationToken.None);

        Assert.Equal([job.Jobid], pass.Failed);
        var stranded = await Job(garden, keebler.Token, job.Jobid);
        Assert.Equal(JobState.Failed, stranded.State);
        Assert.Contains("never submitted", stranded.Detail);
    }

    private static async Task<Job> Job(GardenServiceHarness garden, string token, int id) =>
        await garden.Client.Jobs.GetJobAsync(new JobRequest { Jobid = id, Cluster = "keebler", Token = token });
}
