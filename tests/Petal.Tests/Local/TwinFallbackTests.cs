using Petal.Catalog;
using Petal.Providers.Local;
using Petal.Seeds;

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
