using Petal.Catalog;
using Petal.Pcluster;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Providers.Local;

/// <summary>
/// Seed → twin nodes: one partition per queue (fallback queues included, with their PriorityTier), compute resources from <see cref="ComputeResourcePlanner"/>,
/// CPUs and memory from the catalog. A node never claims more memory than the host has (less a margin):
/// slurmd reports the host's memory, and Slurm drains a node that reports less than its RealMemory.
/// </summary>
public static class TwinTopologyPlanner
{
    /// <summary>Left to the host's own processes when node memory is capped.</summary>
    public const long HostMemoryMarginMiB = 1024;

    public static long MemoryCap(long hostMemoryMiB) => Math.Max(256, hostMemoryMiB - HostMemoryMarginMiB);

    public static TwinTopology Plan(Seed seed, ICatalog catalog, long hostMemoryMiB, int firstNodePort)
    {
        var cap = MemoryCap(hostMemoryMiB);
        var capped = false;
        var nodes = new List<TwinNode>();
        var port = firstNodePort;
        // The queues the cluster has: a spot queue with fallback: ondemand brings its on-demand partition.
        var queues = FallbackQueues.Expand(seed.Compute.Queues);
        foreach (var queue in queues)
        foreach (var cr in ComputeResourcePlanner.Plan(queue, catalog))
        {
            var types = LaunchOrder(cr.InstanceTypes, catalog, seed.Cluster.Region);
            var infos = types.Select(t => catalog.Find(t)
                ?? throw new InvalidOperationException($"instance type {t} of queue {queue.Name} is not in the catalog")).ToList();
            var shape = Shape(infos, queue.DisableHyperthreading, cap);
            var gpus = Gpus(infos);
            capped |= shape.Capped;
            // Dynamic nodes launch as any of the resource's types (launch-type.sh); static ones boot at create as the first.
            foreach (var (name, isStatic) in NodeNaming.For(queue.Name, cr.Name, cr.MinCount, cr.MaxCount))
                nodes.Add(new TwinNode(name, queue.Name, cr.Name, types[0], isStatic, shape.Cpus, shape.MemoryMiB, port++)
                    { InstanceTypes = isStatic ? [types[0]] : types, Gpus = gpus.Count, GpuType = gpus.Type });
        }
        return new TwinTopology(queues.Select(q => q.Name).ToList(), nodes, capped ? cap : null)
        {
            PriorityTiers = queues.Where(q => FallbackQueues.PriorityTier(q) is not null).ToDictionary(q => q.Name, q => FallbackQueues.PriorityTier(q)!.Value),
        };
    }

    /// <summary>
    /// The Slurm shape of a node that may launch as any of <paramref name="types"/>, as ParallelCluster sets it for a
    /// flexible compute resource: the fewest CPUs (vCPUs, or cores with hyperthreading disabled) and the least
    /// memory of the types; memory then capped to the host.
    /// </summary>
    public static (int Cpus, long MemoryMiB, bool Capped) Shape(IReadOnlyList<InstanceTypeInfo> types, bool disableHyperthreading, long cap)
    {
        var cpus = types.Min(i => disableHyperthreading ? i.Cores : i.VCpus);
        var memory = types.Min(i => i.MemoryMiB);
        return memory > cap ? (cpus, cap, true) : (cpus, memory, false);
    }

    /// <summary>
    /// The GPUs of a node that may launch as any of <paramref name="types"/>, as Slurm GRES: the fewest of the
    /// types, typed by their model (lower case, "A10G" → "a10g") when all share one, untyped otherwise.
    /// </summary>
    public static (int Count, string? Type) Gpus(IReadOnlyList<InstanceTypeInfo> types)
    {
        var count = types.Min(i => i.GpuCount);
        var models = types.Select(i => i.GpuModel).Distinct().ToList();
        return count == 0 ? (0, null) : (count, models is [{ } model] ? GresType(model) : null);
    }

    /// <summary>A GPU model as a Slurm GRES type: lower case, runs of anything but letters and digits as '_'.</summary>
    public static string GresType(string model) =>
        System.Text.RegularExpressions.Regex.Replace(model.ToLowerInvariant(), "[^a-z0-9]+", "_").Trim('_');

    /// <summary>
    /// The queue's dynamic nodes become one flexible compute resource of <paramref name="types"/> (in launch order,
    /// cheapest first), as a spot experiment changes a queue's types; other nodes stay as they are.
    /// </summary>
    public static IReadOnlyList<TwinNode> Reconfigure(IReadOnlyList<TwinNode> nodes, string queue, IReadOnlyList<InstanceTypeInfo> types, long cap)
    {
        var (cpus, memory, _) = Shape(types, disableHyperthreading: false, cap);
        var gpus = Gpus(types);
        var names = types.Select(t => t.Name).ToList();
        return nodes.Select(n => n.Queue == queue && !n.IsStatic
            ? n with { InstanceType = names[0], InstanceTypes = names, Cpus = cpus, MemoryMiB = memory, Gpus = gpus.Count, GpuType = gpus.Type }
            : n).ToList();
    }

    /// <summary>Cheapest spot estimate first, as price-capacity-optimized favours; unpriced types after, in seed order.</summary>
    private static IReadOnlyList<string> LaunchOrder(IReadOnlyList<string> types, ICatalog catalog, string region) =>
        types.OrderBy(t => catalog.Price(region, t)?.SpotAverage ?? decimal.MaxValue).ToList();
}
