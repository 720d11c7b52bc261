using Petal.Spot.Selection;

namespace Petal.Spot.Runs;

public sealed record SpotRunOptions
{
    public required string OutDirectory { get; init; }
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan IterationTimeout { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>Chance (0..1) that petal reclaims one node of each running iteration (local twin; seeded by the plan).</summary>
    public double ReclaimRate { get; init; }
    /// <summary>Live prices (DescribeSpotPriceHistory) for selection and cost; null uses the catalog's estimates.</summary>
    public IReadOnlyDictionary<string, SpotPriceStats>? LivePrices { get; init; }
}
