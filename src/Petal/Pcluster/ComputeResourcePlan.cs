namespace Petal.Pcluster;

/// <summary>
/// One ParallelCluster compute resource of a queue: a name that meets ParallelCluster's rules, the
/// instance types it launches (one, or a flexible group for spot queues) and its share of the
/// queue's node counts.
/// </summary>
public sealed record ComputeResourcePlan(string Name, IReadOnlyList<string> InstanceTypes, int MinCount, int MaxCount)
{
    public bool IsFlexible => InstanceTypes.Count > 1;
}
