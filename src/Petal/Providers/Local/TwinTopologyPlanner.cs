using Petal.Catalog;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Providers.Local;

/// <summary>
/// Seed → twin nodes: one partition per queue, compute resources from <see cref="ComputeResourcePlanner"/>,
/// CPUs and memory from the catalog. A node never claims more memory than the host has (less a margin):
/// slurmd reports the host's memory, and Slurm drains a node that reports less than its RealMemory.
/// </summary>
public static class TwinTopologyPlanner
{
    /// <summary>Left to the host's own processes when node memory is capped.</summary>
    public const long HostMemoryMarginMiB = 1024;

    public static TwinTopology Plan(Seed seed, ICatalog catalog, long hostMemoryMiB, int firstNodePort)
    {
        var cap = Math.Max(256, hostMemoryMiB - HostMemoryMarginMiB);
        var capped = false;
        var nodes = new List<TwinNode>();
        var port = firstNodePort;
        foreach (var queue in seed.Compute.Queues)
        foreach (var cr in ComputeResourcePlanner.Plan(queue, catalog))
        {
            // A flexible spot resource launches any of its types; the twin shapes its nodes like the first.
            var type = cr.InstanceTypes[0];
            var info = catalog.Find(type)
                ?? throw new InvalidOperationException($"instance type {type} of queue {queue.Name} is not in the catalog");
            var cpus = queue.DisableHyperthreading ? info.Cores : info.VCpus;
            var memory = info.MemoryMiB;
            if (memory > cap) { memory = cap; capped = true; }
            foreach (var (name, isStatic) in NodeNaming.For(queue.Name, cr.Name, cr.MinCount, cr.MaxCount))
                nodes.Add(new TwinNode(name, queue.Name, cr.Name, type, isStatic, cpus, memory, port++));
        }
        return new TwinTopology(seed.Compute.Queues.Select(q => q.Name).ToList(), nodes, capped ? cap : null);
    }
}
