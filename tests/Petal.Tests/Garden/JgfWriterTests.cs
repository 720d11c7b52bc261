using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Seeds;
using Petal.Tests.Local;

namespace Petal.Tests.Garden;

public class JgfWriterTests
{
    [Fact]
    public void A_spot_queue_with_a_fallback_is_described_with_its_on_demand_queue()
    {
        var spot = TwinSeeds.Queue("burst", "c5.xlarge", 0, 3) with { Capacity = CapacityType.Spot, Fallback = CapacityType.OnDemand };
        var seed = TwinSeeds.Make(SoftwareLayout.Ami, [spot], packages: []);
        var described = ClusterDescriber.FromSeed(seed, new SmallCatalog());
        Assert.Equal(["burst", "burst-od"], described.Queues.Select(q => q.Name));
        Assert.Equal(3, described.Queues[1].MaxNodes);
    }

    [Fact]
    public void A_seed_description_written_as_jgf_reads_back_and_matches_the_same()
    {
        var seed = TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("compute", "c5.xlarge", 1, 3)], packages: ["go@1.20.14", "lammps@20230802"]);
        var fromSeed = ClusterDescriber.FromSeed(seed, new SmallCatalog());
        var graphs = JgfWriter.Write(fromSeed);
        var fromJgf = JgfReader.Read("twin", graphs.Nodes, graphs.Subsystems);

        Assert.Equal(["software"], graphs.Subsystems.Keys);
        Assert.Equal(3, fromJgf.Queues[0].MaxNodes);
        foreach (var (job, fits) in new[]
                 {
                     ("nodes: 3\ntasks: 12\nrequires: {software: ['go@1.20:', lammps], arch: amd64, memory: 8GiB}\n", true),
                     ("nodes: 4\n", false),
                     ("nodes: 1\ntasks: 5\n", false),
                     ("nodes: 1\nrequires: {software: ['go@1.21:']}\n", false),
                     ("nodes: 1\nrequires: {queue: compute}\n", true),
                 })
        {
            var spec = JobspecReader.Parse(job);
            Assert.Equal(fits, GardenMatcher.MatchOne(spec, fromSeed).Matched);
            Assert.Equal(fits, GardenMatcher.MatchOne(spec, fromJgf).Matched);
        }
    }
}
