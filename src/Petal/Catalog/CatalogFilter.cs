namespace Petal.Catalog;

/// <summary>
/// A pure filter over (region, instance type) offers. Every null criterion matches everything;
/// <see cref="Region"/> null means every region with offerings data.
/// </summary>
public sealed record CatalogFilter
{
    public string? Region { get; init; }
    /// <summary>EC2's architecture name: "x86_64" or "arm64".</summary>
    public string? Architecture { get; init; }
    public int? MinVCpus { get; init; }
    public int? MaxVCpus { get; init; }
    public int? MinCores { get; init; }
    public int? MaxCores { get; init; }
    public double? MinMemoryGiB { get; init; }
    /// <summary>true: at least one GPU; false: none.</summary>
    public bool? Gpu { get; init; }
    public bool? Efa { get; init; }
    /// <summary>Exact family, the part before the dot ("c6i" does not match "c6in").</summary>
    public string? Family { get; init; }
    public bool? BareMetal { get; init; }
    /// <summary>"nitro" or "xen" (bare-metal types have none).</summary>
    public string? Hypervisor { get; init; }
    /// <summary>Can run with at most this many threads per core (<see cref="InstanceTypeInfo.MinThreadsPerCore"/>): 1 keeps types whose hyperthreading can be turned off.</summary>
    public int? MaxThreadsPerCore { get; init; }
    public bool? SpotSupported { get; init; }
    /// <summary>Keeps only offers whose estimated spot price is known and at most this.</summary>
    public decimal? MaxSpotPrice { get; init; }

    /// <summary>Whether the type's specs match (everything but region and price).</summary>
    public bool Matches(InstanceTypeInfo t) =>
        (Architecture is null || string.Equals(t.Architecture, Architecture, StringComparison.OrdinalIgnoreCase))
        && (MinVCpus is null || t.VCpus >= MinVCpus)
        && (MaxVCpus is null || t.VCpus <= MaxVCpus)
        && (MinCores is null || t.Cores >= MinCores)
        && (MaxCores is null || t.Cores <= MaxCores)
        && (MinMemoryGiB is null || t.MemoryGiB >= MinMemoryGiB)
        && (Gpu is null || (t.GpuCount > 0) == Gpu)
        && (Efa is null || t.EfaSupported == Efa)
        && (Family is null || string.Equals(t.Family, Family, StringComparison.OrdinalIgnoreCase))
        && (BareMetal is null || t.BareMetal == BareMetal)
        && (Hypervisor is null || string.Equals(t.Hypervisor, Hypervisor, StringComparison.OrdinalIgnoreCase))
        && (MaxThreadsPerCore is null || t.MinThreadsPerCore <= MaxThreadsPerCore)
        && (SpotSupported is null || t.SpotSupported == SpotSupported);

    /// <summary>Whether an offer's price passes <see cref="MaxSpotPrice"/>.</summary>
    public bool PriceMatches(PriceInfo? price) =>
        MaxSpotPrice is null || price?.SpotAverage is { } spot && spot <= MaxSpotPrice;
}

/// <summary>An instance type offered in a region, with its prices there (null when unpriced).</summary>
public sealed record CatalogOffer(string Region, InstanceTypeInfo Type, PriceInfo? Price);

public enum CatalogSort { Price, SpotPrice, VCpus, Memory, Name }

public static class CatalogOffers
{
    /// <summary>
    /// Orders offers: by on-demand or spot price (unpriced last), by vCPUs or memory (ascending),
    /// or by name; ties fall back to name then region, so the order is stable.
    /// </summary>
    public static IEnumerable<CatalogOffer> Sort(this IEnumerable<CatalogOffer> offers, CatalogSort sort)
    {
        var ordered = sort switch
        {
            CatalogSort.Price => offers.OrderBy(o => o.Price?.OnDemand ?? decimal.MaxValue),
            CatalogSort.SpotPrice => offers.OrderBy(o => o.Price?.SpotAverage ?? decimal.MaxValue),
            CatalogSort.VCpus => offers.OrderBy(o => o.Type.VCpus),
            CatalogSort.Memory => offers.OrderBy(o => o.Type.MemoryMiB),
            _ => offers.OrderBy(o => 0),
        };
        return ordered.ThenBy(o => o.Type.Name, StringComparer.Ordinal).ThenBy(o => o.Region, StringComparer.Ordinal);
    }
}
