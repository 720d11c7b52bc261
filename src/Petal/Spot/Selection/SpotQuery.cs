namespace Petal.Spot.Selection;

public enum SpotChoice { Cheapest, Random, Diversified }

public enum SpotSort { SpotPrice, PricePerCore }

/// <summary>
/// What `petal spot select` (and each plan experiment) asks for. Null criteria match everything; an exact
/// <see cref="VCpus"/> or <see cref="Cores"/> size is the experiment's node shape.
/// </summary>
public sealed record SpotQuery
{
    public const string DefaultRegion = "us-east-1";

    public string Region { get; init; } = DefaultRegion;
    public int? VCpus { get; init; }
    public int? Cores { get; init; }
    public string? Architecture { get; init; }
    public bool? Gpu { get; init; }
    public bool? BareMetal { get; init; }
    public string? Hypervisor { get; init; }
    public int? MaxThreadsPerCore { get; init; }
    public double? MinMemoryGiB { get; init; }
    public decimal? MaxSpotPrice { get; init; }
    /// <summary>Keep only types whose Spot Advisor interruption bucket is at most this (0: &lt;5% ... 4: &gt;20%); unrated types are dropped then.</summary>
    public int? MaxInterruptionBucket { get; init; }
    /// <summary>N: keep the N cheapest candidates (0 keeps all). Applies even with a max spot price, unlike the original.</summary>
    public int Filter { get; init; } = 20;
    /// <summary>M: how many of the N to choose.</summary>
    public int Max { get; init; } = 4;
    public SpotChoice Choose { get; init; } = SpotChoice.Cheapest;
    /// <summary>Seeds the random and diversified choices, so a selection can be repeated exactly.</summary>
    public int Seed { get; init; }
    public SpotSort Sort { get; init; } = SpotSort.SpotPrice;

    /// <summary>The spec part, as a catalog filter (prices are applied after live prices replace the catalog's).</summary>
    public Catalog.CatalogFilter ToCatalogFilter() => new()
    {
        Region = Region,
        Architecture = Architecture,
        MinVCpus = VCpus,
        MaxVCpus = VCpus,
        MinCores = Cores,
        MaxCores = Cores,
        MinMemoryGiB = MinMemoryGiB,
        Gpu = Gpu,
        BareMetal = BareMetal,
        Hypervisor = Hypervisor,
        MaxThreadsPerCore = MaxThreadsPerCore,
        SpotSupported = true,
    };
}
