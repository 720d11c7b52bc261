using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class QueueLimitRule : SeedRule
{
    public const int MaxQueues = 50;
    public override string Id => "QUEUE-LIMIT";
    public override string Summary => "At most 50 queues, fallback queues included (ParallelCluster MaxCountValidator).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var count = FallbackQueues.Expand(context.Seed.Compute.Queues).Count;
        var fallbacks = count - context.Seed.Compute.Queues.Count;
        if (count > MaxQueues)
            yield return Report(context, "compute.queues", $"{count} queues{(fallbacks > 0 ? $" ({fallbacks} of them fallback queues)" : "")}; ParallelCluster allows at most {MaxQueues}",
                "merge queues that share instance types" + (fallbacks > 0 ? ", or drop some fallback: ondemand" : ""));
    }
}
