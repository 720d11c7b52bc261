using BenchmarkDotNet.Attributes;
using Petal.Catalog;
using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Selection;
using Petal.Seeds;

namespace Petal.Bench;

/// <summary>
/// Garden matching speed. Targets: one job against 1,000 clusters of 4 queues each under 2 ms;
/// 100,000 placements on 2 cores under 60 s (<see cref="Place10000Jobs"/> measures 10,000 — ×10 to extrapolate).
/// Run: dotnet run -c Release --project bench/Petal.Bench -- --filter '*GardenMatch*' --job short
/// </summary>
[MemoryDiagnoser]
public class GardenMatchBenchmarks
{
    private static readonly string[] Types = ["c5.2xlarge", "c6g.2xlarge", "r6i.xlarge", "m7g.4xlarge", "c6i.8xlarge", "m5.large"];
    private static readonly string[] Oses = ["ubuntu2204", "ubuntu2004", "rocky9", "alinux2023"];
    private static readonly string[] Go = ["go@1.20.14", "go@1.15.15", "go@1.22.1"];

    private IReadOnlyList<ClusterDescription> _clusters = [];
    private Jobspec _job = null!;
    private Jobspec[] _jobs = [];

    [GlobalSetup]
    public void Setup()
    {
        var catalog = EmbeddedCatalog.Default;
        _clusters = Enumerable.Range(0, 1000).Select(i => ClusterDescriber.FromSeed(new Seed
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
        _job = JobspecReader.Parse("nodes: 4\ntasks: 32\nmemory_per_node: 8GiB\nrequires:\n  arch: amd64\n  os: [ubuntu@22.04, rocky]\n  software: [go@1.20:, lammps]\n", "bench");
        string[] shapes =
        [
            "nodes: 2\ntasks: 8\nrequires: {arch: arm64, software: [go@1.20:]}\n",
            "nodes: 8\ntasks: 64\nrequires: {arch: amd64}\n",
            "nodes: 1\ntasks: 4\nmemory_per_node: 30GiB\n",
            "nodes: 4\ntasks: 32\nmemory_per_node: 8GiB\nrequires: {arch: amd64, os: [ubuntu@22.04, rocky], software: [go@1.20:, lammps]}\n",
            "nodes: 1\ngpus: 1\n",
        ];
        _jobs = Enumerable.Range(0, 10_000).Select(i => JobspecReader.Parse(shapes[i % shapes.Length], $"j{i}")).ToArray();
    }

    [Benchmark]
    public int OneJobAgainst1000Clusters() => GardenMatcher.Match(_job, _clusters).Count(m => m.Matched);

    [Benchmark]
    public int Place10000Jobs()
    {
        var placed = 0;
        var selector = new BestFitSelector();
        Parallel.For(0, _jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, () => 0, (i, _, count) =>
        {
            var matches = GardenMatcher.Match(_jobs[i], _clusters).Where(m => m.Matched).ToList();
            return selector.Select(new SelectionContext(_jobs[i], matches, new Random(i))).Cluster is null ? count : count + 1;
        }, count => Interlocked.Add(ref placed, count));
        return placed;
    }
}
