using Petal.Catalog;
using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Selection;
using Petal.Seeds;

namespace Petal.Bench;

/// <summary>
/// The garden's speed workload: 1,000 seed-described clusters of 4 queues each (six instance types, four OSes,
/// three Go versions), five job shapes, and placing a job = match against every cluster + best-fit selection.
/// </summary>
public static class GardenWorkload
{
    private static readonly string[] Types = ["c5.2xlarge", "c6g.2xlarge", "r6i.xlarge", "m7g.4xlarge", "c6i.8xlarge", "m5.large"];
    private static readonly string[] Oses = ["ubuntu2204", "ubuntu2004", "rocky9", "alinux2023"];
    private static readonly string[] Go = ["go@1.20.14", "go@1.15.15", "go@1.22.1"];

    public static readonly string[] Shapes =
    [
        "nodes: 2\ntasks: 8\nrequires: {arch: arm64, software: [go@1.20:]}\n",
        "nodes: 8\ntasks: 64\nrequires: {arch: amd64}\n",
        "nodes: 1\ntasks: 4\nmemory_per_node: 30GiB\n",
        "nodes: 4\ntasks: 32\nmemory_per_node: 8GiB\nrequires: {arch: amd64, os: [ubuntu@22.04, rocky], software: [go@1.20:, lammps]}\n",
        "nodes: 1\ngpus: 1\n",
    ];

    public static IReadOnlyList<ClusterDescription> Clusters(int count = 1000)
    {
        var catalog = EmbeddedCatalog.Default;
        return Enumerable.Range(0, count).Select(i => ClusterDescriber.FromSeed(new Seed
        {
            Cluster = new ClusterSection { Name = $"c{i:0000}", Region = "us-east-1", Os = Oses[i % Oses.Length] },
            Compute = new ComputeSection
            {
                HeadNode = "c5.large",
                Queues = Enumerable.Range(0, 4).Select(q => new QueueSpec
                {
                    Name = $"q{q}", InstanceTypes = [Types[(i + q) % Types.Length]], MaxCount = 2 + (i + q) % 16,
                }).ToList(),
            },
            Software = new SoftwareSection { SpackPackages = [Go[i % Go.Length], "lammps@20230802", "openmpi@4.1.6"] },
        }, catalog)).ToList();
    }

    /// <summary>Places <paramref name="jobs"/> jobs (the shapes in turn) on 2 threads; returns how many found a cluster.</summary>
    public static int Place(IReadOnlyList<ClusterDescription> clusters, Jobspec[] shapes, int jobs)
    {
        var placed = 0;
        var selector = new BestFitSelector();
        Parallel.For(0, jobs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, () => 0, (i, _, count) =>
        {
            var job = shapes[i % shapes.Length];
            var matches = GardenMatcher.Matches(job, clusters);
            return selector.Select(new SelectionContext(job, matches, Random.Shared)).Cluster is null ? count : count + 1;
        }, count => Interlocked.Add(ref placed, count));
        return placed;
    }
}
