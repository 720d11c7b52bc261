using Petal.Common;
using Petal.Seeds;
using Petal.Verify;
using Petal.Verify.Phases;
using Petal.Verify.Transport;

namespace Petal.Tests.Verify;

/// <summary>Checks that cannot run are skipped with their reason, before anything touches the cluster.</summary>
public sealed class SkipTests
{
    /// <summary>Stands in for a cluster the phase must not reach at all: any call fails the test.</summary>
    private sealed class UnreachableShell : IClusterShell
    {
        public string Description => "unreachable";
        public Task<CommandResult> RunAsync(string bash, TimeSpan timeout, CancellationToken cancellation) => throw new InvalidOperationException("must not run: " + bash);
        public Task<JobResult> SubmitAsync(BatchJob job, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation) =>
            throw new InvalidOperationException("must not submit");
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static PhaseContext Context(IReadOnlyList<string> packages, int maxNodes) => new(new UnreachableShell(), new VerifyTarget
    {
        Name = "c", Provider = "local", Layout = SoftwareLayout.Ami, SoftwareRoot = "/opt/spack",
        Queues = [new QueueTarget("q", maxNodes)], Packages = packages,
    }, "/tmp/w", TimeSpan.FromSeconds(1), null);

    [Fact]
    public async Task Phase_2_without_MPI_in_the_seed_is_skipped_not_passed()
    {
        var checks = await Phase2.RunAsync(Context(["gcc@12.2.0"], 4), CancellationToken.None);
        Assert.All(checks, c => Assert.Equal(Verdict.Skipped, c.Verdict));
        Assert.All(checks, c => Assert.Equal("the seed has no MPI package", c.Reason));
    }

    [Fact]
    public async Task Phase_2_with_a_single_node_queue_is_skipped_with_the_reason()
    {
        var checks = await Phase2.RunAsync(Context(["openmpi@4.1.4"], 1), CancellationToken.None);
        Assert.All(checks, c => Assert.Equal(Verdict.Skipped, c.Verdict));
        Assert.Equal("no queue (q) can give a job 2 nodes (max_count < 2)", checks[0].Reason);
        Assert.Equal(Outcome.A, OutcomeDecider.Decide(checks));
    }
}
