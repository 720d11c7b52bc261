using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;
using Petal.Verify;
using Petal.Verify.Reports;
using Petal.Verify.Transport;
using Xunit.Abstractions;

namespace Petal.Tests.Verify;

/// <summary>petal test against real local twins: it must tell a working layout from a broken one.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwinPhaseTests(ITestOutputHelper log)
{
    private static readonly TestOptions Phase1 = new() { Phases = [1], JobTimeout = TimeSpan.FromSeconds(60) };

    private async Task<TestRun> RunAsync(VerifyTwin twin, TestOptions options)
    {
        await using var shell = new LocalTwinShell(twin.Twin);
        var run = await WorkloadTester.RunAsync(shell, twin.Target, options, null, CancellationToken.None);
        log.WriteLine(MarkdownReport.Render(run));
        return run;
    }

    private static string Explain(TestRun run) =>
        string.Join("\n", run.Checks.Where(c => c.Verdict == Verdict.Fail).Select(c => $"{c.Id}: {c.Reason}\n{c.Output}"));

    [Theory]
    [InlineData("local-ami", "ami", SoftwareLayout.Ami)]
    [InlineData("local-shared", "shr", SoftwareLayout.Shared)]
    [InlineData("local-snapshot", "snp", SoftwareLayout.Snapshot)]
    public async Task Every_layout_passes_phase_1_with_outcome_A(string example, string tag, SoftwareLayout layout)
    {
        await using var twin = await VerifyTwin.CreateAsync(example, tag);
        var run = await RunAsync(twin, Phase1);

        Assert.True(run.Outcome == Outcome.A, Explain(run));
        Assert.Equal(layout, run.Layout);
        var node = Assert.Single(run.Checks, c => c.Id == "p1.compute.compute.node");
        Assert.Equal(NodeRole.Compute, node.Where.Role);
        Assert.StartsWith("compute-", node.Where.Node);
        Assert.Equal(Verdict.Pass, run.Checks.Single(c => c.Id == "p1.compute.compute.compiler").Verdict);
        Assert.Contains("12.2.0", run.Checks.Single(c => c.Id == "p1.compute.compute.compiler").Reason);
        Assert.Equal(Verdict.Pass, run.Checks.Single(c => c.Id == "p1.compute.compute.users").Verdict);
        Assert.Equal(0m, run.Cost.Dollars);
    }

    [Fact]
    public async Task Broken_software_view_fails_phase_1_with_outcome_B_and_the_layout_advice()
    {
        await using var twin = await VerifyTwin.CreateAsync("local-ami", "brk", new LocalCreateOptions { BrokenSoftwareView = true });
        var run = await RunAsync(twin, Phase1);

        Assert.Equal(Outcome.B, run.Outcome);
        // The head node still has the software; compute nodes do not: exactly the architecture question.
        Assert.All(run.Checks.Where(c => c.Area == CheckArea.HeadSoftware && c.Importance == Importance.Must), c => Assert.True(c.Verdict == Verdict.Pass, Explain(run)));
        Assert.Equal(Verdict.Fail, run.Checks.Single(c => c.Id == "p1.compute.compute.software-root").Verdict);
        Assert.Equal(Verdict.Fail, run.Checks.Single(c => c.Id == "p1.compute.compute.module-avail").Verdict);
        Assert.Equal(Verdict.Pass, run.Checks.Single(c => c.Id == "p1.compute.compute.node").Verdict);
        // Advice that fits a twin: grow it again (no image or layout advice, which is for AWS clusters).
        Assert.Contains(run.Recommendations, r => r.Contains("The twin's nodes do not see the software at /opt/spack") && r.Contains("petal create "));
        Assert.DoesNotContain(run.Recommendations, r => r.Contains("--layout") || r.Contains("ami build"));
    }

    [Fact]
    public async Task Phase_2_spreads_MPI_ranks_over_two_nodes_and_phase_3_sees_shared_files_and_skips_S3()
    {
        await using var twin = await VerifyTwin.CreateAsync("local-ami", "mpi");
        var run = await RunAsync(twin, new TestOptions { Phases = [2, 3], JobTimeout = TimeSpan.FromSeconds(90) });

        Assert.True(run.Outcome == Outcome.A, Explain(run));
        var mpi = run.Checks.Single(c => c.Id == "p2.mpi.run");
        Assert.Equal(Verdict.Pass, mpi.Verdict);
        Assert.Contains("2 nodes", mpi.Reason);
        Assert.Equal(2, mpi.Where.Node!.Split(',').Length);
        Assert.Equal(Verdict.Pass, run.Checks.Single(c => c.Id == "p3.storage.shared").Verdict);
        Assert.Equal(Verdict.Pass, run.Checks.Single(c => c.Id == "p3.storage.home").Verdict);
        var s3 = run.Checks.Single(c => c.Area == CheckArea.S3);
        Assert.Equal(Verdict.Skipped, s3.Verdict);
        Assert.Equal("the seed has no S3 mounts", s3.Reason);
    }
}
