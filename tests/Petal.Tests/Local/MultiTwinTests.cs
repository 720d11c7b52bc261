using Petal.Slurm;
using Petal.Catalog;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>Library seeds: two queues (static + dynamic) and a second twin running at the same time.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MultiTwinTests
{
    internal static Seed Load(string file)
    {
        var r = SeedLoader.Load(Path.Combine(RepoPaths.Seeds, "examples", file), EmbeddedCatalog.Default);
        Assert.True(r.Ok, string.Join("\n", r.Diagnostics));
        return r.Seed!;
    }

    [Fact]
    public async Task Two_twins_run_at_once_and_deleting_one_leaves_the_other()
    {
        var provider = new LocalProvider(EmbeddedCatalog.Default);
        await using var a = await TwinHandle.CreateAsync("multi-a", Load("local-two-queues.yaml"), provider: provider);
        string rootB;
        await using (var b = await TwinHandle.CreateAsync("multi-b", Load("local-one-queue.yaml"), provider: provider))
        {
            rootB = b.Twin.Root;
            var states = await a.Twin.NodeStatesAsync();
            Assert.Equal(["dynamic", "static"], a.Twin.Queues.Order());
            Assert.True(states["static-st-c6i-large-1"].Ready, states["static-st-c6i-large-1"].ToString());
            Assert.True(states["static-st-c6i-large-2"].Ready, states["static-st-c6i-large-2"].ToString());
            Assert.True(states["dynamic-dy-c6i-xlarge-1"] is { Base: NodeBase.Idle, PoweredDown: true }, states["dynamic-dy-c6i-xlarge-1"].ToString());
            Assert.Contains(a.Created.Software, s => s.Module.StartsWith("lammps/", StringComparison.Ordinal));

            var jobA = await TwinJobs.RunAsync(a.Twin, "id bob; lmp -h | head -3 >/dev/null && echo lammps-ok", "-p static");
            var jobB = await TwinJobs.RunAsync(b.Twin, "id alice; hostname >/dev/null; echo $SLURM_CLUSTER_NAME", "-p compute");
            Assert.Contains("uid=2002(bob) gid=2002", jobA.Output);
            Assert.Contains("uid=2001(alice) gid=2001", jobB.Output);
            Assert.Contains(b.Name, jobB.Output);

            // Every daemon names its cluster on its command line.
            Assert.All(ProcessTable.ProcessesOf(a.Twin.Root), pid => Assert.DoesNotContain(rootB + "/", ProcessTable.CommandLine(pid)));
            Assert.Contains(ProcessTable.ProcessesOf(rootB), pid => ProcessTable.CommandLine(pid)!.Contains("slurmctld"));
        }
        Assert.Empty(ProcessTable.ProcessesOf(rootB));
        Assert.True((await a.Twin.NodeStatesAsync())["static-st-c6i-large-1"].Ready);
    }
}
