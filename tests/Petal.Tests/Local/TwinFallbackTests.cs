using Petal.Catalog;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>A spot queue with fallback: ondemand is two partitions on the twin too, the spot one on the higher PriorityTier.</summary>
public sealed class TwinFallbackTests
{
    private static readonly TwinLayout Layout = new("/var/petal/local/demo");

    [Fact]
    public void The_twin_renders_the_fallback_partition_with_its_nodes_and_the_partition_tiers()
    {
        var spot = TwinSeeds.Queue("burst", "c5.large", 0, 2) with { Capacity = CapacityType.Spot, Fallback = CapacityType.OnDemand };
        var topology = TwinTopologyPlanner.Plan(TwinSeeds.Make(SoftwareLayout.Ami, [spot, TwinSeeds.Queue("cpu", "c5.large", 0, 1)]),
            EmbeddedCatalog.Default, 24000, 21001);
        Assert.Equal(["burst", "burst-od", "cpu"], topology.Queues);
        Assert.Equal(2, topology.Nodes.Count(n => n.Queue == "burst-od"));
        Assert.Equal(topology.Nodes.Count, topology.Nodes.Select(n => n.Port).Distinct().Count());
        var lines = SlurmConfRenderer.Render("demo", Layout, topology, new SlurmConfSettings(21000)).Split('\n');
        Assert.Contains(lines, l => l.StartsWith("PartitionName=burst ", StringComparison.Ordinal) && l.Contains($" PriorityTier={FallbackQueues.SpotPriorityTier} "));
        Assert.Contains(lines, l => l.StartsWith("PartitionName=burst-od ", StringComparison.Ordinal) && l.Contains($" PriorityTier={FallbackQueues.FallbackPriorityTier} "));
        Assert.Contains(lines, l => l.StartsWith("PartitionName=cpu ", StringComparison.Ordinal) && !l.Contains("PriorityTier"));
    }
}

/// <summary>
/// On a real twin (slurmctld, slurmd, munge): both partitions exist with their tiers, and a job submitted to both runs on
/// the on-demand partition once the spot node is down, as ParallelCluster marks it when EC2 refuses spot capacity.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwinFallbackIntegrationTests
{
    [Fact]
    public async Task A_job_for_both_partitions_runs_on_demand_when_the_spot_node_is_down()
    {
        var spot = TwinSeeds.Queue("burst", "c5.large", 0, 1) with { Capacity = CapacityType.Spot, Fallback = CapacityType.OnDemand };
        var seed = TwinSeeds.Make(SoftwareLayout.Ami, [spot], packages: []);
        await using var h = await TwinHandle.CreateAsync("fb", seed);

        var partitions = await h.Twin.RunOnHeadAsync("scontrol show partition -o");
        Assert.True(partitions.ExitCode == 0, partitions.Stderr);
        var lines = partitions.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("PartitionName=burst ", StringComparison.Ordinal) && l.Contains($" PriorityTier={FallbackQueues.SpotPriorityTier} "));
        Assert.Contains(lines, l => l.StartsWith("PartitionName=burst-od ", StringComparison.Ordinal) && l.Contains($" PriorityTier={FallbackQueues.FallbackPriorityTier} "));

        var spotNode = h.Twin.Nodes.Single(n => n.Queue == "burst").Name;
        var down = await h.Twin.RunOnHeadAsync($"scontrol update nodename={spotNode} state=down reason=InsufficientInstanceCapacity");
        Assert.True(down.ExitCode == 0, down.Stderr);
        var run = await TwinJobs.RunAsync(h.Twin, "echo partition=$SLURM_JOB_PARTITION", "-p burst,burst-od -t 2");
        Assert.True(run.ExitCode == 0, run.SubmitStderr);
        Assert.Contains("partition=burst-od", run.Output);
    }
}
