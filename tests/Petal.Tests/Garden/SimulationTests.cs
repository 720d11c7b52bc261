using Petal.Catalog;
using Petal.Garden.Selection;
using Petal.Garden.Simulation;
using Petal.Tests.Support;

namespace Petal.Tests.Garden;

/// <summary>The seed experiment (examples/garden): JGF clusters and one seed-grown cluster, seven jobs.</summary>
public class SimulationTests
{
    private static readonly string Example = Path.Combine(RepoPaths.Root, "examples", "garden");

    private static SimulationResult Run(string select = "best-fit", int seed = 1) =>
        Simulator.Run(ClusterFolders.Load(Path.Combine(Example, "clusters"), EmbeddedCatalog.Default),
            JobFiles.Load(Path.Combine(Example, "jobs")), Selectors.Create(select), seed);

    [Fact]
    public void Each_job_lands_where_it_can_run_and_the_gpu_job_is_rejected_with_the_reason()
    {
        var result = Run();
        var placement = result.Placements.ToDictionary(p => p.Job);
        Assert.Equal("ubuntu-amd-jammy", placement["fractal"].Cluster);
        Assert.Equal(["ubuntu-amd-jammy"], placement["ramble"].Matches);
        Assert.Equal(["rocky-amd-8"], placement["salad"].Matches);
        Assert.Equal(["rocky-amd-8", "ubuntu-amd-jammy"], placement["io"].Matches.Order());
        Assert.Contains("disk 5GB < 10GB", placement["io"].Reasons["ubuntu-amd-focal-tiny"]);
        Assert.Contains("go 1.15.15 < 1.20", placement["fractal"].Reasons["rocky-amd-8"]);
        Assert.Contains("needs 4 nodes, cluster has 2", placement["fractal"].Reasons["ubuntu-amd-focal-tiny"]);
        Assert.Contains("c7g.xlarge: arch arm64 ≠ amd64", placement["hwloc"].Reasons["aws-arm-jammy"]);
        Assert.Contains("memory 1GiB < 4GiB", placement["lammps"].Reasons["rocky-arm-9-starved"]);
        Assert.Null(placement["gpu"].Cluster);
        Assert.All(placement["gpu"].Reasons.Values, r => Assert.Contains("no GPU", r));
        Assert.Equal(6, result.Summary.Placed);
        Assert.Equal(1, result.Summary.Rejected);
    }

    [Fact]
    public void The_seed_grown_cluster_is_described_from_seed_and_catalog()
    {
        var aws = ClusterFolders.Load(Path.Combine(Example, "clusters"), EmbeddedCatalog.Default).Single(c => c.Name == "aws-arm-jammy");
        var q = Assert.Single(aws.Queues);
        Assert.Equal("arm64", q.Architecture);
        Assert.Equal(4, q.SchedulableCpus);       // c7g.xlarge: 4 vCPUs
        Assert.Equal(8192, q.MemoryMiB);
        Assert.Equal(("ubuntu", "22.04"), (q.Os, q.OsVersion));
        Assert.Contains(aws.Software, s => s.Name == "go" && s.Version == "1.20.14");
        Assert.Equal(4, aws.State["nodes_free"]);  // from state.json
    }

    [Fact]
    public void By_default_reasons_are_bounded_per_job_and_one_job_can_be_explained_in_full()
    {
        var clusters = ClusterFolders.Load(Path.Combine(Example, "clusters"), EmbeddedCatalog.Default);
        var jobs = JobFiles.Load(Path.Combine(Example, "jobs"));
        var full = Simulator.Run(clusters, jobs, Selectors.Create("best-fit"), 1).Placements.ToDictionary(p => p.Job);
        var mode = Explain.NearMisses with { Limit = 1, Job = "gpu" };
        var bounded = Simulator.Run(clusters, jobs, Selectors.Create("best-fit"), 1, mode).Placements.ToDictionary(p => p.Job);
        foreach (var (job, p) in bounded)
        {
            var all = full[job];
            Assert.Equal((all.Cluster, all.Queue, all.Grade, all.MatchCount), (p.Cluster, p.Queue, p.Grade, p.MatchCount));
            Assert.Equal(all.Matches.Take(1), p.Matches);
            if (job == "gpu") Assert.Equal(all.Reasons, p.Reasons);
            else
            {
                Assert.Equal(Math.Min(1, all.Reasons.Count), p.Reasons.Count);
                Assert.All(p.Reasons, r => Assert.Equal(all.Reasons[r.Key], r.Value));
            }
        }
    }

    [Fact]
    public void Same_inputs_and_seed_give_the_same_placements()
    {
        string Json(int seed) => System.Text.Json.JsonSerializer.Serialize(Run("random", seed));
        Assert.Equal(Json(5), Json(5));
    }
}
