namespace Petal.Plans;

/// <summary>What a plan costs: instances per hour (US dollars) and storage per month.</summary>
public sealed record PlanCost(
    decimal? HeadNodePerHour,
    IReadOnlyList<QueueCost> Queues,
    IReadOnlyList<StorageCost> Storage)
{
    /// <summary>Head node plus every queue at its min count (what an idle cluster costs).</summary>
    public decimal MinPerHour => (HeadNodePerHour ?? 0) + Queues.Sum(q => q.MinPerHour ?? 0);
    /// <summary>Head node plus every queue at its max count.</summary>
    public decimal MaxPerHour => (HeadNodePerHour ?? 0) + Queues.Sum(q => q.MaxPerHour ?? 0);
    public decimal StoragePerMonth => Storage.Sum(s => s.PerMonth ?? 0);
    /// <summary>The seed's cluster.max_cost_per_hour and what is left of it at max count; null when the seed sets none.</summary>
    public CostGuard? Guard { get; init; }
    /// <summary>False when a price is unknown (it is left out of the sums, so they are a lower bound).</summary>
    public bool Complete => HeadNodePerHour is not null && Queues.All(q => q.MaxPerHour is not null);
}

/// <summary>The cost guard: the seed's limit and the margin below it at max count (negative: over the limit).</summary>
public sealed record CostGuard(decimal MaxCostUsdPerHour, decimal MarginUsdPerHour);

/// <summary>A queue at min and max count; null when a price is unknown. Prices are per instance-hour.</summary>
public sealed record QueueCost(string Name, string CapacityType, decimal? MinPerHour, decimal? MaxPerHour,
    IReadOnlyList<ResourceCost> ComputeResources);

/// <summary>One compute resource; a flexible group is priced at its dearest type (an upper bound).</summary>
public sealed record ResourceCost(string Name, string PricedType, decimal? PricePerHour, int MinCount, int MaxCount);

/// <summary>One volume or file system; PerMonth is null when its size is elastic (EFS).</summary>
public sealed record StorageCost(string Name, string Kind, int? SizeGb, decimal PerGbMonth, decimal? PerMonth);
