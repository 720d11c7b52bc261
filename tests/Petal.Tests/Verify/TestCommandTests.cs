using System.Text.Json;
using Petal.Tests.Support;

namespace Petal.Tests.Verify;

/// <summary>`petal test` as users run it: exit codes, JSON shape, markdown report.</summary>
public sealed class TestCommandTests
{
    [Fact]
    public async Task An_unknown_cluster_is_invalid_input_with_exit_2()
    {
        var r = await PetalProcess.RunAsync("test", "no-such-cluster-xyz");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no cluster named 'no-such-cluster-xyz'", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public async Task A_bad_phase_is_invalid_input_with_exit_2()
    {
        var r = await PetalProcess.RunAsync("test", "anything", "--phase", "4");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--phase 4: use 1, 2, 3 or all", r.Stderr);
    }
}

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TestCommandTwinTests
{
    [Fact]
    public async Task Json_output_and_report_on_a_twin_give_outcome_A_and_exit_0()
    {
        await using var twin = await VerifyTwin.CreateAsync("local-one-queue", "cli");
        using var dir = new TempDirectory();
        var report = dir.File("results.md");
        var r = await PetalProcess.RunAsync(["test", twin.Name, "--phase", "1", "--output", "json", "--report", report], timeout: TimeSpan.FromSeconds(120));

        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        using var json = JsonDocument.Parse(r.Stdout);
        var root = json.RootElement;
        Assert.Equal("A", root.GetProperty("outcome").GetString());
        Assert.Equal("ami", root.GetProperty("layout").GetString());
        Assert.StartsWith("Outcome A", root.GetProperty("recommendation").GetString());
        Assert.Equal(1, root.GetProperty("phases").GetArrayLength());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        var compute = checks.Single(c => c.GetProperty("id").GetString() == "p1.compute.compute.software-root");
        Assert.Equal("pass", compute.GetProperty("verdict").GetString());
        Assert.Equal("must", compute.GetProperty("importance").GetString());
        Assert.Equal("compute", compute.GetProperty("where").GetProperty("role").GetString());
        Assert.StartsWith("compute-", compute.GetProperty("where").GetProperty("node").GetString());
        Assert.Equal(0m, root.GetProperty("cost").GetProperty("dollars").GetDecimal());

        var md = await File.ReadAllTextAsync(report);
        Assert.Contains($"# Workload test results: {twin.Name}", md);
        Assert.Contains("| Outcome | **A**", md);
        Assert.Contains("## Phase 1:", md);
        Assert.Contains("(`p1.compute.compute.module-avail`) | must | compute/compute-", md);
    }
}
