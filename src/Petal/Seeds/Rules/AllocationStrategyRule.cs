using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>ParallelCluster: lowest-price works with either capacity; the capacity-optimized strategies are spot-only.</summary>
public sealed class AllocationStrategyRule : SeedRule
{
    public override string Id => "ALLOCATION-STRATEGY";
    public override string Summary => "capacity-optimized and price-capacity-optimized need capacity: spot; on-demand queues use lowest-price.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Compute.Queues.Count; i++)
        {
            var q = context.Seed.Compute.Queues[i];
            if (q.Capacity == CapacityType.OnDemand && q.AllocationStrategy is { } s && s != "lowest-price")
                yield return Report(context, $"compute.queues[{i}].allocation_strategy", $"{s} needs spot capacity, but this queue is on-demand",
                    "add 'capacity: spot' or use 'allocation_strategy: lowest-price'");
        }
    }
}
