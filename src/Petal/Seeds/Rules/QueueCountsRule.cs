using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class QueueCountsRule : SeedRule
{
    public override string Id => "QUEUE-COUNTS";
    public override string Summary => "min_count ≤ max_count for every queue (each in 0..1000, checked by the schema).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Compute.Queues.Count; i++)
        {
            var q = context.Seed.Compute.Queues[i];
            if (q.MinCount > q.MaxCount)
                yield return Report(context, $"compute.queues[{i}].min_count", $"min_count {q.MinCount} is greater than max_count {q.MaxCount}",
                    $"raise max_count to at least {q.MinCount} or lower min_count");
        }
    }
}
