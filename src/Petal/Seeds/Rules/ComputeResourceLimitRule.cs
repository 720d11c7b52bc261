using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

/// <summary>Counts compute resources the way the plan will render them (ComputeResourcePlanner), not by instance types.</summary>
public sealed class ComputeResourceLimitRule : SeedRule
{
    public override string Id => "COMPUTE-RESOURCE-LIMIT";
    public override string Summary => "At most 50 compute resources per queue and 50 in the cluster, counted as petal renders them (fallback queues included).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var total = 0;
        for (var i = 0; i < context.Seed.Compute.Queues.Count; i++)
        {
            var queue = context.Seed.Compute.Queues[i];
            var count = ComputeResourcePlanner.Plan(queue, context.Catalog).Count;
            // The on-demand fallback queue renders one compute resource per type, where the spot queue groups them.
            var fallback = FallbackQueues.Has(queue) ? ComputeResourcePlanner.Plan(FallbackQueues.For(queue), context.Catalog).Count : 0;
            total += count + fallback;
            if (fallback > PclusterFacts.MaxComputeResourcesPerQueue)
                yield return Report(context, $"compute.queues[{i}].fallback", $"the fallback queue renders {fallback} compute resources (one per instance type); at most {PclusterFacts.MaxComputeResourcesPerQueue} are allowed",
                    "use fewer instance types, or no fallback");
            if (count > PclusterFacts.MaxComputeResourcesPerQueue)
                yield return Report(context, $"compute.queues[{i}].instance_types", $"this queue renders {count} compute resources; at most {PclusterFacts.MaxComputeResourcesPerQueue} are allowed",
                    "use fewer instance types, or spot capacity so similar types share a compute resource");
        }
        if (total > PclusterFacts.MaxComputeResourcesPerCluster)
            yield return Report(context, "compute.queues", $"the queues render {total} compute resources; ParallelCluster allows at most {PclusterFacts.MaxComputeResourcesPerCluster} per cluster",
                "use fewer instance types per queue");
    }
}
