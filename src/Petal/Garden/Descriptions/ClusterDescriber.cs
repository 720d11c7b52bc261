using Petal.Catalog;
using Petal.Garden.Jobspecs;
using Petal.Garden.Values;
using Petal.Pcluster;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Garden.Descriptions;

/// <summary>
/// Derives a cluster description from a seed and the EC2 catalog: per queue the node shape of each
/// compute resource (a node vertex ×max count holding CPU, GPU and memory vertices; arch, OS, disk,
/// EFA... as node fields), and every node linked to the Spack stack as the <c>software</c> subsystem.
/// </summary>
public static class ClusterDescriber
{
    /// <summary>ParallelCluster's official AMIs ship a 35 GiB root volume; seeds do not set it.</summary>
    public const int DefaultRootDiskGiB = 35;
    /// <summary>EFS grows without bound (counted as 1 PiB); an FSx for Lustre without size_gb has its smallest capacity.</summary>
    public const int EfsGiB = 1 << 20;

    public static ClusterDescription FromSeed(Seed seed, ICatalog catalog, IReadOnlyDictionary<string, string>? labels = null)
    {
        labels ??= new Dictionary<string, string>();
        var software = seed.Software.SpackPackages.Select(SoftwarePackage.FromSpec).ToList();
        var softwareVertices = software.Select((p, i) => new SubsystemVertex(SoftwareRequirement.Subsystem, $"software{i}", "package",
            Attributes(("name", p.Name), ("version", p.Version), ("compiler", p.Compiler), ("spec", p.Spec)))).ToArray();
        var links = new Dictionary<string, SubsystemVertex[]>(StringComparer.OrdinalIgnoreCase) { [SoftwareRequirement.Subsystem] = softwareVertices };
        var (osName, osVersion) = SeedOs.Split(seed.Cluster.Os);
        var shared = SharedDiskGiB(seed);
        var queues = new List<QueueDescription>();
        var partitions = new List<Partition>();
        // The partitions the cluster has: a spot queue with fallback: ondemand brings its on-demand queue.
        foreach (var queue in FallbackQueues.Expand(seed.Compute.Queues))
        {
            var nodeVertices = new List<ResourceVertex>();
            QueueDescription? summary = null;
            foreach (var cr in ComputeResourcePlanner.Plan(queue, catalog))
            {
                var types = cr.InstanceTypes.Select(t => catalog.Find(t)
                    ?? throw new GardenInputException($"{seed.SourceFile}: queue {queue.Name}: instance type {t} is not in the catalog")).ToList();
                // A flexible group may launch any of its types: describe the smallest so every node fits.
                var shape = types.OrderBy(t => t.MemoryMiB).ThenBy(t => t.VCpus).First();
                var cpus = queue.DisableHyperthreading ? shape.Cores : shape.VCpus;
                // Priced as `petal plan` prices the queue: spot queues at spot prices.
                var price = types.Select(t => CostEstimator.NodeHourPrice(catalog.Price(seed.Cluster.Region, t.Name), queue.Capacity == CapacityType.Spot)).Max();
                var q = new QueueDescription
                {
                    Name = queue.Name,
                    Architecture = Architecture.Normalize(shape.Architecture),
                    CpuManufacturer = shape.CpuManufacturer,
                    VCpus = shape.VCpus,
                    Cores = shape.Cores,
                    ThreadsPerCore = queue.DisableHyperthreading ? 1 : shape.ThreadsPerCore,
                    SchedulableCpus = cpus,
                    MemoryMiB = shape.MemoryMiB,
                    Gpu = shape.GpuCount > 0 ? new GpuDescription(shape.GpuCount, shape.GpuManufacturer, shape.GpuModel, shape.GpuMemoryMiB) : null,
                    Efa = queue.Efa && shape.EfaSupported,
                    MaxNodes = (summary?.MaxNodes ?? 0) + cr.MaxCount,
                    Os = osName,
                    OsVersion = osVersion,
                    RootDiskGiB = DefaultRootDiskGiB,
                    SharedDiskGiB = shared,
                    InstanceTypes = [.. summary?.InstanceTypes ?? [], .. cr.InstanceTypes],
                    PricePerNodeHour = summary?.PricePerNodeHour is { } p0 && price is { } p1 ? Math.Max(p0, p1) : summary?.PricePerNodeHour ?? price,
                };
                summary = q;
                nodeVertices.Add(Node($"{queue.Name}-{cr.Name}", cr.MaxCount, q, shape.Name, labels, links));
            }
            if (summary is null) continue;
            queues.Add(summary);
            var root = new ResourceVertex(ResourceTypes.Cluster, queue.Name);
            root.SetChildren(nodeVertices);
            partitions.Add(new Partition(queue.Name, root, isQueue: true));
        }
        return new ClusterDescription
        {
            Name = seed.Cluster.Name,
            Source = "seed",
            Region = seed.Cluster.Region,
            Labels = labels,
            Queues = queues,
            Software = software,
            Mpi = SoftwarePackage.Mpi(software),
            Subsystems = software.Count > 0 ? [SoftwareRequirement.Subsystem] : [],
            Partitions = partitions,
            State = DerivedState(queues),
        };
    }

    private static ResourceVertex Node(string name, int count, QueueDescription q, string instanceType,
        IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, SubsystemVertex[]> links)
    {
        var diskGiB = q.SharedDiskGiB ?? q.RootDiskGiB ?? 0;
        var attributes = new Dictionary<string, AttributeValue>(StringComparer.OrdinalIgnoreCase)
        {
            ["arch"] = new(q.Architecture),
            ["vcpus"] = AttributeValue.Of(q.VCpus),
            ["cores"] = AttributeValue.Of(q.Cores),
            ["threads_per_core"] = AttributeValue.Of(q.ThreadsPerCore),
            ["memory"] = AttributeValue.Bytes(q.MemoryMiB * 1024.0 * 1024),
            ["gpu_count"] = AttributeValue.Of(q.Gpu?.Count ?? 0),
            ["efa"] = AttributeValue.Of(q.Efa),
            ["disk"] = AttributeValue.Bytes(diskGiB * 1024.0 * 1024 * 1024),
            ["disk_root"] = AttributeValue.Bytes((q.RootDiskGiB ?? 0) * 1024.0 * 1024 * 1024),
            ["instance_type"] = new(instanceType),
            ["queue"] = new(q.Name),
            ["scheduler"] = new("slurm"),
        };
        void Set(string key, string? value) { if (value is not null) attributes[key] = new AttributeValue(value); }
        Set("cpu_manufacturer", q.CpuManufacturer?.ToLowerInvariant());
        Set("os", q.Os);
        Set("os_version", q.OsVersion);
        Set("gpu_model", q.Gpu?.Model);
        if (q.Gpu is { } g) attributes["gpu_memory"] = AttributeValue.Bytes(g.MemoryMiB * 1024.0 * 1024);
        if (q.SharedDiskGiB is { } s) attributes["disk_shared"] = AttributeValue.Bytes(s * 1024.0 * 1024 * 1024);
        foreach (var (k, v) in labels) attributes["label." + k] = new AttributeValue(v);

        var node = new ResourceVertex(ResourceTypes.Node, name, count, attributes);
        var children = new List<ResourceVertex> { new(ResourceTypes.Core, "cpu", q.SchedulableCpus), new(ResourceTypes.Memory, "memory", q.MemoryMiB / 1024) };
        if (q.Gpu is { Count: > 0 } gpu) children.Add(new ResourceVertex(ResourceTypes.Gpu, gpu.Model ?? "gpu", gpu.Count));
        node.SetChildren(children);
        node.SetLinks(links);
        return node;
    }

    /// <summary>The largest shared filesystem (where jobs write), or null when the seed has none.</summary>
    private static int? SharedDiskGiB(Seed seed) =>
        seed.SharedStorage.Count == 0 ? null : seed.SharedStorage.Max(s => s.Type switch
        {
            StorageType.Efs => EfsGiB,
            StorageType.FsxLustre => s.SizeGb ?? Pcluster.PclusterFacts.FsxMinCapacityGiB,
            _ => s.SizeGb ?? Pcluster.PclusterFacts.EbsDefaultSizeGiB,
        });

    private static Dictionary<string, double> DerivedState(List<QueueDescription> queues)
    {
        var state = new Dictionary<string, double>(StringComparer.Ordinal);
        if (queues.Count == 0) return state;
        state["nodes_free"] = queues.Sum(q => q.MaxNodes);
        state["cores_per_node"] = queues.Max(q => q.SchedulableCpus);
        state["memory_per_node"] = queues.Max(q => q.MemoryMiB) / 1024.0;
        if (queues.Select(q => q.PricePerNodeHour).Where(p => p is not null).Min() is { } price)
            state["cost_per_node_hour"] = (double)price;
        return state;
    }

    private static Dictionary<string, AttributeValue> Attributes(params (string Key, string? Value)[] pairs)
    {
        var d = new Dictionary<string, AttributeValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in pairs) if (v is not null) d[k] = new AttributeValue(v);
        return d;
    }
}
