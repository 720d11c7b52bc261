using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>ParallelCluster's InstanceArchitectureCompatibilityValidator: one AMI serves every node, so every node has one architecture.</summary>
public sealed class ArchitectureRule : SeedRule
{
    public override string Id => "ARCHITECTURE";
    public override string Summary => "Every queue instance type has the head node's architecture (x86_64 or arm64).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var seed = context.Seed;
        if (context.Catalog.Find(seed.Compute.HeadNode) is not { } head) yield break;
        for (var q = 0; q < seed.Compute.Queues.Count; q++)
            for (var t = 0; t < seed.Compute.Queues[q].InstanceTypes.Count; t++)
            {
                var path = $"compute.queues[{q}].instance_types[{t}]";
                if (context.Has(path) && context.Catalog.Find(seed.Compute.Queues[q].InstanceTypes[t]) is { } info && info.Architecture != head.Architecture)
                    yield return Report(context, path, $"{info.Name} is {info.Architecture}, but the head node {head.Name} is {head.Architecture}",
                        $"use {head.Architecture} compute types, or a {info.Architecture} head node");
            }
    }
}
