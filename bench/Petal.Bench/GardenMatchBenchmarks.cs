using BenchmarkDotNet.Attributes;
using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;

namespace Petal.Bench;

/// <summary>
/// Garden matching speed. Targets: one job against 1,000 clusters of 4 queues each under 2 ms; 100,000 placements
/// on 2 cores under 60 s (<see cref="Place10000Jobs"/> here; `garden-place` in Program runs the full 100,000 once).
/// Run: dotnet run -c Release --project bench/Petal.Bench -- --filter '*GardenMatch*' --job short
/// </summary>
[MemoryDiagnoser]
public class GardenMatchBenchmarks
{
    private IReadOnlyList<ClusterDescription> _clusters = [];
    private Jobspec _job = null!;
    private Jobspec[] _shapes = [];

    [GlobalSetup]
    public void Setup()
    {
        _clusters = GardenWorkload.Clusters();
        _shapes = GardenWorkload.Shapes.Select((s, i) => JobspecReader.Parse(s, $"shape{i}")).ToArray();
        _job = _shapes[3];
    }

    [Benchmark]
    public int OneJobAgainst1000Clusters() => GardenMatcher.Matching(GardenMatcher.Match(_job, _clusters)).Count;

    [Benchmark]
    public int Place10000Jobs() => GardenWorkload.Place(_clusters, _shapes, 10_000);
}
