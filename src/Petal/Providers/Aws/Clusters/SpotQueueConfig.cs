using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster;
using Petal.Plans.Config;
using Petal.Seeds;

namespace Petal.Providers.Aws.Clusters;

/// <summary>
/// Changes a recorded ParallelCluster 3 cluster config (read into the model, written by <see cref="ClusterConfigWriter"/>)
/// so one Slurm queue launches the given spot instance types. The queue's compute resources become what `petal plan`
/// plans for a spot queue of those types (<see cref="ComputeResourcePlanner"/>, <see cref="ClusterConfigBuilder.ComputeResource"/>):
/// one flexible resource whose Instances are the types when they share a shape, as `spot select`'s choices do. It keeps
/// the old resources' total MinCount and MaxCount and the first one's EFA and multithreading settings. The queue gets
/// CapacityType SPOT and AllocationStrategy price-capacity-optimized. Everything else in the config is kept as it was.
/// </summary>
public static class SpotQueueConfig
{
    public const string AllocationStrategy = "price-capacity-optimized";
    /// <summary>ParallelCluster's MaxCount when a compute resource gives none.</summary>
    private const int DefaultMaxCount = 10;

    /// <summary>The edited config, or null when the queue already launches exactly these types as spot.</summary>
    /// <param name="source">The recorded file, named in errors.</param>
    public static string? Replace(string yaml, string source, string queue, IReadOnlyList<string> instanceTypes, ICatalog catalog)
    {
        var config = ClusterConfigReader.Read(yaml, source);
        var queues = config.Scheduling.SlurmQueues;
        var index = queues.FindIndex(q => q.Name == queue);
        if (index < 0)
            throw PetalException.Failed($"cluster config {source} has no queue '{queue}' (queues: {string.Join(", ", queues.Select(q => q.Name))}): "
                + "set the plan's queue: to one of them", []);
        var old = queues[index];
        var first = old.ComputeResources.FirstOrDefault();
        var plans = ComputeResourcePlanner.Plan(new QueueSpec
        {
            Name = queue, InstanceTypes = instanceTypes, Capacity = CapacityType.Spot, AllocationStrategy = AllocationStrategy,
            MinCount = old.ComputeResources.Sum(r => r.MinCount),
            MaxCount = old.ComputeResources.Count == 0 ? DefaultMaxCount : old.ComputeResources.Sum(r => r.MaxCount),
            DisableHyperthreading = first?.DisableSimultaneousMultithreading == true,
        }, catalog);
        // A multi-subnet queue keeps every compute resource an Instances list (SingleInstanceTypeSubnetValidator).
        var resources = plans.Select(p => ClusterConfigBuilder.ComputeResource(p, first?.DisableSimultaneousMultithreading == true, first?.Efa?.Enabled == true,
                asInstances: old.Networking.SubnetIds.Count > 1))
            .ToList();
        var edited = config with
        {
            Scheduling = config.Scheduling with
            {
                SlurmQueues = [.. queues[..index], old with
                {
                    CapacityType = ClusterConfigBuilder.CapacityTypeOf(CapacityType.Spot),
                    AllocationStrategy = AllocationStrategy,
                    ComputeResources = resources,
                }, .. queues[(index + 1)..]],
            },
        };
        var before = ClusterConfigWriter.Write(config);
        var after = ClusterConfigWriter.Write(edited);
        return after == before ? null : after;
    }
}
