using Petal.Catalog;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>Each layout's software is visible on compute nodes; the test-only broken view hides it there but not on the head node.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LayoutTests
{
    private const string Probe = "ls $PROBE_ROOT >/dev/null && module load gcc && gcc -dumpfullversion && echo on=$SLURMD_NODENAME";

    [Theory]
    [InlineData(SoftwareLayout.Ami, "/opt/spack")]
    [InlineData(SoftwareLayout.Shared, "/shared/spack")]
    [InlineData(SoftwareLayout.Snapshot, "/shared/spack")]
    public async Task Compute_nodes_see_the_layouts_software(SoftwareLayout layout, string root)
    {
        var seed = TwinSeeds.Make(layout, [TwinSeeds.Queue("q", "c5.large", 1, 1)]);
        await using var h = await TwinHandle.CreateAsync($"lay-{layout.ToString().ToLowerInvariant()}", seed);
        Assert.Equal(root, h.Twin.SoftwareRoot);
        var job = await TwinJobs.RunAsync(h.Twin, $"PROBE_ROOT={root}; {Probe}", "-p q");
        Assert.True(job.ExitCode == 0, job.SubmitStderr + job.Output);
        Assert.Contains("12.2.0", job.Output);
        Assert.Contains("on=q-st-c5-large-1", job.Output);
    }

    [Theory]
    [InlineData(SoftwareLayout.Ami)]
    [InlineData(SoftwareLayout.Shared)]
    public async Task Broken_view_hides_software_from_compute_nodes_only(SoftwareLayout layout)
    {
        var seed = TwinSeeds.Make(layout, [TwinSeeds.Queue("q", "c5.large", 1, 1)]);
        await using var h = await TwinHandle.CreateAsync("broken", seed, new LocalCreateOptions { BrokenSoftwareView = true });
        var head = await h.Twin.RunOnHeadAsync("module load gcc && gcc -dumpfullversion");
        Assert.True(head.ExitCode == 0, head.Stderr);
        Assert.Contains("12.2.0", head.Stdout);
        var job = await TwinJobs.RunAsync(h.Twin, "module load gcc 2>&1; ls -A " + h.Twin.SoftwareRoot + " | wc -l", "-p q");
        Assert.Contains("unknown", job.Output);
        Assert.EndsWith("0", job.Output.Trim());
        Assert.Contains(h.Created.Notes, n => n.Contains("broken software view"));
    }
}
