using Petal.Common;

namespace Petal.Seeds;

/// <summary>
/// A loaded, inheritance-resolved seed. Values are plain; where each came from is kept in
/// <see cref="Locations"/> keyed by seed path (<c>compute.queues[1].max_count</c>).
/// </summary>
public sealed record Seed
{
    public required ClusterSection Cluster { get; init; }
    public required ComputeSection Compute { get; init; }
    public SchedulerSection Scheduler { get; init; } = new();
    public SoftwareSection Software { get; init; } = new();
    public IReadOnlyList<SeedUser> Users { get; init; } = [];
    public DataSection Data { get; init; } = new();
    public IReadOnlyList<SharedStorageSpec> SharedStorage { get; init; } = [];
    /// <summary>Cost-allocation tags, in the seed's order (ParallelCluster's top-level Tags).</summary>
    public IReadOnlyList<SeedTag> Tags { get; init; } = [];

    /// <summary>The file the seed was loaded from (the most derived one when it extends others).</summary>
    public string SourceFile { get; init; } = "<memory>";

    /// <summary>Seed path → where the value was written (in this file or a base it extends).</summary>
    public IReadOnlyDictionary<string, SourceLocation> Locations { get; init; } =
        new Dictionary<string, SourceLocation>();

    /// <summary>Location of <paramref name="path"/>, or of its nearest parent that has one.</summary>
    public SourceLocation? Locate(string path)
    {
        for (var p = path; p.Length > 0; p = SeedPath.Parent(p))
            if (Locations.TryGetValue(p, out var loc)) return loc;
        return null;
    }
}

public sealed record ClusterSection
{
    public required string Name { get; init; }
    public required string Region { get; init; }
    /// <summary>ParallelCluster 3 Image.Os value (alinux2023 by default).</summary>
    public string Os { get; init; } = SeedDefaults.Os;
    public string ParallelClusterVersion { get; init; } = SeedDefaults.ParallelClusterVersion;
    /// <summary>US dollars per hour the cluster may cost at most (head node and every queue at max count); null: no guard.</summary>
    public decimal? MaxCostPerHour { get; init; }
}

public sealed record ComputeSection
{
    /// <summary>Head node instance type.</summary>
    public required string HeadNode { get; init; }
    public IReadOnlyList<QueueSpec> Queues { get; init; } = [];
}

public sealed record QueueSpec
{
    public required string Name { get; init; }
    public IReadOnlyList<string> InstanceTypes { get; init; } = [];
    public int MinCount { get; init; }
    public int MaxCount { get; init; } = SeedDefaults.MaxCount;
    public CapacityType Capacity { get; init; } = CapacityType.OnDemand;
    /// <summary>lowest-price | capacity-optimized | price-capacity-optimized, or null for ParallelCluster's default.</summary>
    public string? AllocationStrategy { get; init; }
    public bool DisableHyperthreading { get; init; }
    public bool Efa { get; init; }
    public bool PlacementGroup { get; init; }
    /// <summary>The queue's own subnets (ParallelCluster SubnetIds); empty: the subnet create resolves.</summary>
    public IReadOnlyList<string> SubnetIds { get; init; } = [];
    /// <summary>OnDemand: a spot queue gets an on-demand twin queue its jobs fall back to (<see cref="FallbackQueues"/>).</summary>
    public CapacityType? Fallback { get; init; }
    /// <summary>Set only on a queue <see cref="FallbackQueues.For"/> renders: the spot queue it backs up.</summary>
    public string? FallbackOf { get; init; }
}

public sealed record SchedulerSection
{
    /// <summary>Slurm accounting through an external MySQL/MariaDB database; null without accounting.</summary>
    public AccountingSpec? Accounting { get; init; }
}

/// <summary>
/// Slurm accounting (ParallelCluster Scheduling.SlurmSettings.Database). The password is never in the seed: only the
/// ARN of the Secrets Manager secret holding it.
/// </summary>
public sealed record AccountingSpec
{
    /// <summary>host[:port] of the MySQL/MariaDB endpoint (ParallelCluster assumes port 3306 without one).</summary>
    public required string Uri { get; init; }
    public required string User { get; init; }
    public required string PasswordSecretArn { get; init; }
    /// <summary>Null for ParallelCluster's default.</summary>
    public string? DatabaseName { get; init; }
}

public sealed record SoftwareSection
{
    public SoftwareLayout Layout { get; init; } = SoftwareLayout.Ami;
    public string SpackVersion { get; init; } = SeedDefaults.SpackVersion;
    public BuildcacheMode Buildcache { get; init; } = BuildcacheMode.Auto;
    /// <summary>Spack specs exactly as written; the validator guarantees each parses.</summary>
    public IReadOnlyList<string> SpackPackages { get; init; } = [];
}

/// <summary>One cost-allocation tag (ParallelCluster Tags item).</summary>
public sealed record SeedTag(string Key, string Value);

public sealed record SeedUser(string Name, int Uid, int Gid);

public sealed record DataSection
{
    public IReadOnlyList<S3Mount> S3Mounts { get; init; } = [];
}

public sealed record S3Mount
{
    public required string Bucket { get; init; }
    public required string MountPoint { get; init; }
    public bool ReadOnly { get; init; }
}

public sealed record SharedStorageSpec
{
    public required string Name { get; init; }
    public StorageType Type { get; init; } = StorageType.Ebs;
    public required string MountDir { get; init; }
    public int? SizeGb { get; init; }
    public string? VolumeType { get; init; }
    public int? Iops { get; init; }
    public int? Throughput { get; init; }
    public bool? Encrypted { get; init; }
    public string? SnapshotId { get; init; }
    public string? FileSystemId { get; init; }
    /// <summary>Delete | Retain | Snapshot (ParallelCluster's DeletionPolicy).</summary>
    public string? DeletionPolicy { get; init; }
    /// <summary>FSx for Lustre: SCRATCH_1 | SCRATCH_2 | PERSISTENT_1 | PERSISTENT_2 (ParallelCluster's default SCRATCH_2 when null).</summary>
    public string? DeploymentType { get; init; }
    /// <summary>FSx for Lustre PERSISTENT_1/2: MB/s per TiB of storage.</summary>
    public int? PerUnitStorageThroughput { get; init; }
    /// <summary>FSx for Lustre: s3://bucket[/prefix] the file system imports from, and exports to.</summary>
    public string? ImportPath { get; init; }
    public string? ExportPath { get; init; }

    /// <summary>The FSx deployment type ParallelCluster creates: the seed's, else its default.</summary>
    public string EffectiveDeploymentType => DeploymentType ?? Pcluster.PclusterFacts.FsxDefaultDeploymentType;
}
