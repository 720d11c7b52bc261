using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class QueueLimitRule : SeedRule
{
    public const int MaxQueues = 50;
    public override string Id => "QUEUE-LIMIT";
    public override string Summary => "At most 50 queues (ParallelCluster MaxCountValidator).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var count = context.Seed.Compute.Queues.Count;
        if (count > MaxQueues)
            yield return Report(context, "compute.queues", $"{count} queues; ParallelCluster allows at most {MaxQueues}",
                "merge queues that share instance types");
    }
}
