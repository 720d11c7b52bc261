using Petal.Common;
using Petal.Pcluster;

namespace Petal.Seeds.Rules;

/// <summary>Counts compute resources the way the plan will render them (ComputeResourcePlanner), not by instance types.</summary>
public sealed class ComputeResourceLimitRule : SeedRule
{
    public override string Id => "COMPUTE-RESOURCE-LIMIT";
    public override string Summary => "At most 50 compute resources per queue and 50 in the cluster, counted as petal renders them.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var total = 0;
        for (var i = 0; i < context.Seed.Compute.Queues.Count; i++)
        {
            var count = ComputeResourcePlanner.Plan(context.Seed.Compute.Queues[i], context.Catalog).Count;
            total += count;
            if (count > PclusterFacts.MaxComputeResourcesPerQueue)
                yield return Report(context, $"compute.queues[{i}].instance_types", $"this queue renders {count} compute resources; at most {PclusterFacts.MaxComputeResourcesPerQueue} are allowed",
                    "use fewer instance types, or spot capacity so similar types share a compute resource");
        }
        if (total > PclusterFacts.MaxComputeResourcesPerCluster)
            yield return Report(context, "compute.queues", $"the queues render {total} compute resources; ParallelCluster allows at most {PclusterFacts.MaxComputeResourcesPerCluster} per cluster",
                "use fewer instance types per queue");
    }
}
