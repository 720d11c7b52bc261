namespace Petal.Spot.Selection;

/// <summary>Where spot prices came from: the embedded catalog's estimates, or DescribeSpotPriceHistory now.</summary>
public enum SpotPriceSource { CatalogEstimate, Live }

/// <summary>Spot price of one instance type in a region over its availability zones (latest price per AZ).</summary>
public sealed record SpotPriceStats(decimal Min, decimal Max, decimal Mean, int ZoneCount)
{
    public static SpotPriceStats Single(decimal price) => new(price, price, price, 0);
}

/// <summary>One instance type a selection considered, with the figures it was ranked on.</summary>
public sealed record SpotCandidate
{
    public required string InstanceType { get; init; }
    public required string Family { get; init; }
    public required string Architecture { get; init; }
    public required int Vcpus { get; init; }
    public required int Cores { get; init; }
    public required int ThreadsPerCore { get; init; }
    public required long MemoryMib { get; init; }
    public int GpuCount { get; init; }
    public string? GpuManufacturer { get; init; }
    public bool EfaSupported { get; init; }
    public bool BareMetal { get; init; }
    public string? Hypervisor { get; init; }
    /// <summary>Mean over availability zones for live prices; the catalog's estimate otherwise.</summary>
    public required decimal SpotPrice { get; init; }
    public decimal? SpotMin { get; init; }
    public decimal? SpotMax { get; init; }
    /// <summary>How many AZs the live price covers (0 for catalog estimates).</summary>
    public int ZoneCount { get; init; }
    public decimal? OnDemandPrice { get; init; }
    public int? SavingsPercent { get; init; }
    public int? InterruptionBucket { get; init; }

    public decimal PricePerCore => Cores == 0 ? SpotPrice : SpotPrice / Cores;
}

/// <summary>The N candidates kept and the M chosen, with everything needed to repeat the choice.</summary>
public sealed record SpotSelection(
    string Region,
    SpotPriceSource PriceSource,
    IReadOnlyList<SpotCandidate> Candidates,
    IReadOnlyList<SpotCandidate> Chosen,
    SpotChoice Choose,
    int Seed,
    /// <summary>Types that matched the shape but have no spot price (skipped).</summary>
    int Unpriced);
