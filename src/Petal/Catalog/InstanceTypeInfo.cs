namespace Petal.Catalog;

/// <summary>One EC2 instance type, as DescribeInstanceTypes describes it (the fields petal uses).</summary>
public sealed record InstanceTypeInfo
{
    public required string Name { get; init; }
    /// <summary>"x86_64" or "arm64" (EC2's names; the first supported architecture).</summary>
    public required string Architecture { get; init; }
    public required int VCpus { get; init; }
    public required int Cores { get; init; }
    /// <summary>Threads per core EC2 launches by default (DefaultThreadsPerCore).</summary>
    public required int ThreadsPerCore { get; init; }
    /// <summary>
    /// The fewest threads per core the type can launch with (min of ValidThreadsPerCore): 1 when CpuOptions /
    /// ParallelCluster's DisableSimultaneousMultithreading can turn hyperthreading off.
    /// </summary>
    public required int MinThreadsPerCore { get; init; }
    public required long MemoryMiB { get; init; }
    /// <summary>Intel, AMD, AWS, Apple... or null when EC2 does not say.</summary>
    public string? CpuManufacturer { get; init; }
    public int GpuCount { get; init; }
    public string? GpuManufacturer { get; init; }
    public string? GpuModel { get; init; }
    public long GpuMemoryMiB { get; init; }
    public bool EfaSupported { get; init; }
    public bool BareMetal { get; init; }
    /// <summary>"nitro", "xen", or null for bare metal.</summary>
    public string? Hypervisor { get; init; }
    public bool CurrentGeneration { get; init; }
    public bool SpotSupported { get; init; }
    public bool Burstable { get; init; }
    public long InstanceStorageGb { get; init; }
    /// <summary>
    /// False for types EC2 cannot launch in a cluster placement group (PlacementGroupInfo.SupportedStrategies
    /// lacks "cluster": burstable t2/t3/t3a/t4g, the -flex types, old generations).
    /// </summary>
    public bool ClusterPlacementGroup { get; init; } = true;
    /// <summary>Inference accelerators (InferenceAcceleratorInfo: Inferentia, Qualcomm AI 100); 0 for most types.</summary>
    public int InferenceAcceleratorCount { get; init; }
    public string? InferenceAcceleratorManufacturer { get; init; }
    public string? NetworkPerformance { get; init; }

    /// <summary>The family, the part before the dot: "c6in" for "c6in.32xlarge".</summary>
    public string Family => Name.Split('.')[0];
    public string Size => Name.Contains('.') ? Name[(Name.IndexOf('.') + 1)..] : "";
    public double MemoryGiB => MemoryMiB / 1024.0;
}

/// <summary>Prices for one (region, instance type), US dollars per instance-hour.</summary>
public sealed record PriceInfo(
    decimal? OnDemand,
    decimal? SpotAverage,
    int? SpotSavingsPercent,
    /// <summary>Spot Instance Advisor bucket 0..4 (&lt;5%, 5–10%, 10–15%, 15–20%, &gt;20%).</summary>
    int? InterruptionBucket,
    string? AsOf);

/// <summary>
/// The EC2 catalog: instance types, which regions offer them, and their prices. The embedded
/// implementation is built from tests/corpora/aws (see docs/catalog.md for provenance).
/// </summary>
public interface ICatalog
{
    IReadOnlyCollection<InstanceTypeInfo> InstanceTypes { get; }
    IReadOnlyCollection<string> Regions { get; }
    InstanceTypeInfo? Find(string instanceType);
    bool IsOffered(string region, string instanceType);
    IEnumerable<string> TypesOfferedIn(string region);
    PriceInfo? Price(string region, string instanceType);
    /// <summary>The closest known names to a misspelt one, best first.</summary>
    IReadOnlyList<string> Suggest(string instanceType, int max = 3);

    /// <summary>
    /// The offers matching <paramref name="filter"/>, by region then type name. This default scans
    /// every region; <see cref="EmbeddedCatalog"/> answers from precomputed bitsets.
    /// </summary>
    IEnumerable<CatalogOffer> Query(CatalogFilter filter) =>
        (filter.Region is { } r ? new[] { r } : Regions.Order(StringComparer.Ordinal).ToArray())
        .SelectMany(region => TypesOfferedIn(region)
            .Select(Find)
            .OfType<InstanceTypeInfo>()
            .Where(filter.Matches)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new CatalogOffer(region, t, Price(region, t.Name))))
        .Where(o => filter.PriceMatches(o.Price));
}
