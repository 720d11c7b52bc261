namespace Petal.Providers;

/// <summary>What `petal create` asks of a provider besides the seed. Everything but the name is for the aws provider.</summary>
public sealed record ClusterCreateRequest(string Name)
{
    public string? KeyName { get; init; }
    public string? CustomAmi { get; init; }
    public string? SubnetId { get; init; }
    public string? SnapshotId { get; init; }
    /// <summary>Build (or reuse) the seed's software image before creating the cluster.</summary>
    public bool Build { get; init; }
    /// <summary>Instance type of that build (null: the provider's default).</summary>
    public string? BuildInstanceType { get; init; }
    /// <summary>Source address range allowed to SSH to the head node when the provider creates the network.</summary>
    public string? SshCidr { get; init; }
    public string? Profile { get; init; }
    public string? Region { get; init; }
    /// <summary>local: bucket → host folder whose files the twin's S3 mount directory starts with (<c>--s3-seed</c>).</summary>
    public IReadOnlyDictionary<string, string> S3Seeds { get; init; } = new Dictionary<string, string>();
}

/// <summary>One row of `petal list`.</summary>
public sealed record ClusterSummary(string Name, string Provider, string State, string? SeedFile, DateTimeOffset CreatedAt);

/// <summary>A Slurm node as `petal status` shows it: <see cref="InstanceType"/> is what it launched as while it runs, else its first type.</summary>
public sealed record ClusterNodeStatus(string Name, string Queue, string InstanceType, bool Static, int Cpus, long MemoryMiB, string State)
{
    /// <summary>Every type the node may launch as (a flexible compute resource lists several).</summary>
    public IReadOnlyList<string> InstanceTypes { get; init; } = [];
    /// <summary>When the running node launched as <see cref="InstanceType"/>; null when it is not running or the provider does not know.</summary>
    public DateTimeOffset? LaunchedAt { get; init; }
}

/// <summary>A software package the cluster serves as a module.</summary>
public sealed record ClusterSoftware(string Spec, string Name, string Version, string Module);

/// <summary>A seed spec the cluster could not satisfy, and why.</summary>
public sealed record UnsatisfiedSpec(string Spec, string Reason);

/// <summary>
/// One of the seed's S3 mounts or shared-storage volumes as the cluster has it: on AWS the real thing; on a twin a local
/// directory (<see cref="Emulation"/> says how) and what is <see cref="NotEmulated"/>.
/// </summary>
/// <param name="Kind">s3, ebs, efs or fsx-lustre.</param>
/// <param name="Source">The bucket (s3) or the storage's name.</param>
public sealed record ClusterMount(string MountDir, string Kind, string Source, bool ReadOnly, string Emulation, string NotEmulated);

/// <summary>Everything `petal status` reports about one cluster.</summary>
public sealed record ClusterStatus
{
    public required string Name { get; init; }
    public required string Provider { get; init; }
    public required string State { get; init; }
    public string? SeedFile { get; init; }
    public string Layout { get; init; } = "";
    public IReadOnlyList<string> Queues { get; init; } = [];
    public IReadOnlyList<ClusterNodeStatus> Nodes { get; init; } = [];
    public IReadOnlyList<ClusterSoftware> Software { get; init; } = [];
    public IReadOnlyList<UnsatisfiedSpec> Unsatisfied { get; init; } = [];
    /// <summary>Where `petal ssh` connects (aws: the head node's public address, else its private one).</summary>
    public string? HeadNodeAddress { get; init; }
    public IReadOnlyList<ClusterMount> Mounts { get; init; } = [];
    /// <summary>Notes the user should see (memory capped to the host, ...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
