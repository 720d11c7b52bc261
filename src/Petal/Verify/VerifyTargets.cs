using Petal.Plans;
using Petal.Providers.Local;
using Petal.Seeds;

namespace Petal.Verify;

/// <summary>Builds the <see cref="VerifyTarget"/> of a cluster from what its provider knows.</summary>
public static class VerifyTargets
{
    /// <summary>A local twin: its nodes and software root; no instances to pay for, no S3.</summary>
    public static VerifyTarget ForLocalTwin(LocalTwin twin, Seed seed) => new()
    {
        Name = twin.Name, Provider = "local", Layout = twin.Layout, SeedFile = seed.SourceFile, SoftwareRoot = twin.SoftwareRoot,
        Queues = twin.Queues.Select(q => new QueueTarget(q, twin.Nodes.Count(n => n.Queue == q))).ToList(),
        Packages = seed.Software.SpackPackages, Users = seed.Users, S3Mounts = seed.Data.S3Mounts,
        S3Unavailable = "the local twin has no S3: its mounts cannot exist here",
        CostBasis = "local twin: no instances, no cost",
    };

    /// <summary>A ParallelCluster cluster made from <paramref name="plan"/>: queues at max count, on-demand (or spot) prices per node-hour.</summary>
    public static VerifyTarget ForPlan(string name, Seed seed, Plan plan) => new()
    {
        Name = name, Provider = "aws", Layout = plan.Layout, SeedFile = seed.SourceFile, SoftwareRoot = plan.DataRoot,
        Queues = plan.Queues.Select(q => new QueueTarget(q.Key, q.Value.Sum(r => r.MaxCount))).ToList(),
        Packages = seed.Software.SpackPackages, Users = seed.Users, S3Mounts = seed.Data.S3Mounts,
        HeadPricePerHour = plan.Cost.HeadNodePerHour ?? 0,
        QueuePricePerHour = plan.Cost.Queues.ToDictionary(q => q.Name,
            q => q.ComputeResources.Max(r => r.PricePerHour ?? 0)),
        CostBasis = $"{plan.Region} prices from the plan (head node for the run, job nodes for their jobs)",
    };
}
