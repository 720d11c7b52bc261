using BenchmarkDotNet.Attributes;
using Petal.Catalog;
using Petal.Spot.Selection;

namespace Petal.Bench;

/// <summary>`petal spot select` in-process over the whole embedded catalog: every region with offerings data (target &lt; 50 ms).</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SpotSelectBenchmarks
{
    private EmbeddedCatalog _catalog = null!;
    private string[] _regions = [];

    [GlobalSetup]
    public void Setup()
    {
        _catalog = EmbeddedCatalog.Default;
        _regions = _catalog.Regions.ToArray();
    }

    /// <summary>Every region, no shape filter (all spot types), rank all, keep 20, choose 4 diversified.</summary>
    [Benchmark]
    public int AllRegionsAllTypes()
    {
        var chosen = 0;
        foreach (var region in _regions)
            chosen += SpotSelector.Select(_catalog, new SpotQuery { Region = region, Choose = SpotChoice.Diversified, Seed = 1 }).Chosen.Count;
        return chosen;
    }

    /// <summary>Every region, the experiment's shape: 32 vCPUs x86_64, no GPU, no metal.</summary>
    [Benchmark]
    public int AllRegions32Vcpus()
    {
        var chosen = 0;
        foreach (var region in _regions)
            chosen += SpotSelector.Select(_catalog, new SpotQuery { Region = region, VCpus = 32, Architecture = "x86_64", Gpu = false, BareMetal = false, Choose = SpotChoice.Random, Seed = 1 }).Chosen.Count;
        return chosen;
    }
}
