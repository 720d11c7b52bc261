using BenchmarkDotNet.Attributes;
using Petal.Catalog;

namespace Petal.Bench;

/// <summary>
/// The embedded catalog: loading it (decompress + decode + index; `petal validate` pays this once),
/// a spot-selection-like filter over every region, and a did-you-mean.
/// Run: dotnet run -c Release --project bench/Petal.Bench -- --filter '*CatalogBenchmarks*'
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class CatalogBenchmarks
{
    private readonly EmbeddedCatalog _catalog = EmbeddedCatalog.LoadEmbedded();

    private static readonly CatalogFilter AllRegions = new()
    {
        Architecture = "x86_64", MinVCpus = 16, MaxVCpus = 96, MinMemoryGiB = 32, Gpu = false, BareMetal = false,
        MaxThreadsPerCore = 2, SpotSupported = true,
    };

    [Benchmark]
    public int Load() => EmbeddedCatalog.LoadEmbedded().InstanceTypes.Count;

    [Benchmark]
    public int DecodeOnly() => EmbeddedCatalog.ReadEmbedded().Types.Length;

    [Benchmark]
    public int QueryAllRegions() => _catalog.Query(AllRegions).Count();

    [Benchmark]
    public decimal QueryAllRegionsSortedBySpotPrice() =>
        _catalog.Query(AllRegions).Sort(CatalogSort.SpotPrice).First().Price!.SpotAverage!.Value;

    [Benchmark]
    public int Suggest() => _catalog.Suggest("c5.4xlarg").Count;

    [Benchmark]
    public bool IsOffered() => _catalog.IsOffered("us-east-1", "c5.4xlarge");
}
