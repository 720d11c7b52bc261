using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>
/// ParallelCluster's InstanceTypePlacementGroupValidator. petal refuses rather than dropping the placement group
/// silently: the seed asked for one, and the fix (another type or placement_group: false) is the user's choice.
/// </summary>
public sealed class PlacementGroupRule : SeedRule
{
    public override string Id => "PLACEMENT-GROUP";
    public override string Summary => "placement_group: true only with types EC2 can launch in a cluster placement group (not burstable t2/t3/t3a/t4g, -flex or old generations).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var q = 0; q < context.Seed.Compute.Queues.Count; q++)
        {
            var queue = context.Seed.Compute.Queues[q];
            if (!queue.PlacementGroup) continue;
            for (var t = 0; t < queue.InstanceTypes.Count; t++)
                if (context.Catalog.Find(queue.InstanceTypes[t]) is { ClusterPlacementGroup: false } info)
                    yield return Report(context, $"compute.queues[{q}].instance_types[{t}]",
                        $"{info.Name} cannot be launched in a cluster placement group, but the queue sets placement_group: true",
                        "set placement_group: false, or use a non-burstable type (e.g. c6i, m6i)");
        }
    }
}
