using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

/// <summary>ParallelCluster needs MaxCount ≥ 1 on every compute resource, and petal splits max_count across them.</summary>
public sealed class QueueMaxPerResourceRule : SeedRule
{
    public override string Id => "QUEUE-MAX-RESOURCES";
    public override string Summary => "max_count is at least the number of compute resources the queue renders (each needs MaxCount ≥ 1).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Compute.Queues.Count; i++)
        {
            var q = context.Seed.Compute.Queues[i];
            var resources = ComputeResourcePlanner.Plan(q, context.Catalog).Count;
            if (resources > 0 && q.MaxCount < resources)
                yield return Report(context, $"compute.queues[{i}].max_count",
                    $"max_count {q.MaxCount} is below the {resources} compute resources this queue renders (one per instance type{(q.Capacity == CapacityType.Spot ? " group" : "")})",
                    $"set max_count to at least {resources}, or list fewer instance types");
        }
    }
}
