using System.Diagnostics.CodeAnalysis;

namespace Petal.Plans.Config;

// The subset of ParallelCluster 3's cluster config schema (cli/src/pcluster/schemas/cluster_schema.py) petal writes.
// Property names are ParallelCluster's keys: ClusterConfigReader maps a recorded file back by name, and
// ClusterConfigWriter writes them in this order. A null value or list is left out of the file.

/// <summary>
/// A section of the cluster config. ClusterConfigWriter writes its public properties by reflection; the annotation
/// keeps them (and makes GetType() on a section say so) where petal is trimmed or compiled natively (the installed
/// tool's plan, src/Petal.Native).
/// </summary>
[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
public interface IConfigSection;

/// <summary>A whole cluster-config.yaml.</summary>
public sealed record ClusterConfig : IConfigSection
{
    public required string Region { get; init; }
    public required ImageSettings Image { get; init; }
    public required HeadNodeSettings HeadNode { get; init; }
    public required SchedulingSettings Scheduling { get; init; }
    public List<SharedStorageSettings>? SharedStorage { get; init; }
    /// <summary>The seed's cost-allocation tags; ParallelCluster puts them on every resource it creates.</summary>
    public List<TagSettings>? Tags { get; init; }
    public DevSettings? DevSettings { get; init; }
}

public sealed record TagSettings : IConfigSection
{
    public required string Key { get; init; }
    public required string Value { get; init; }
}

public sealed record ImageSettings : IConfigSection
{
    public required string Os { get; init; }
    /// <summary>Null when the layout and OS use ParallelCluster's official AMI.</summary>
    public string? CustomAmi { get; init; }
}

public sealed record HeadNodeSettings : IConfigSection
{
    public required string InstanceType { get; init; }
    public required HeadNodeNetworking Networking { get; init; }
    public required HeadNodeSsh Ssh { get; init; }
    public LocalStorageSettings? LocalStorage { get; init; }
    public required IamSettings Iam { get; init; }
    public CustomActionsSettings? CustomActions { get; init; }
}

public sealed record HeadNodeNetworking : IConfigSection
{
    public required string SubnetId { get; init; }
    /// <summary>Groups added to ParallelCluster's own (petal's SSH group when it creates the network).</summary>
    public List<string>? AdditionalSecurityGroups { get; init; }
}

public sealed record HeadNodeSsh : IConfigSection
{
    public string? KeyName { get; init; }
    /// <summary>Source range of SSH to the head node; ParallelCluster opens 0.0.0.0/0 when it is left out.</summary>
    public string? AllowedIps { get; init; }
}

public sealed record LocalStorageSettings : IConfigSection
{
    public required RootVolumeSettings RootVolume { get; init; }
}

public sealed record RootVolumeSettings : IConfigSection
{
    public required int Size { get; init; }
    public required string VolumeType { get; init; }
    public required bool Encrypted { get; init; }
}

public sealed record IamSettings : IConfigSection
{
    public required List<S3AccessSettings> S3Access { get; init; }
}

public sealed record S3AccessSettings : IConfigSection
{
    public required string BucketName { get; init; }
    public required bool EnableWriteAccess { get; init; }
}

public sealed record CustomActionsSettings : IConfigSection
{
    public required CustomActionSettings OnNodeConfigured { get; init; }
}

public sealed record CustomActionSettings : IConfigSection
{
    public required string Script { get; init; }
    public required List<string> Args { get; init; }
}

public sealed record SchedulingSettings : IConfigSection
{
    public required string Scheduler { get; init; }
    public SlurmSettings? SlurmSettings { get; init; }
    public required List<SlurmQueueSettings> SlurmQueues { get; init; }
}

public sealed record SlurmSettings : IConfigSection
{
    public DatabaseSettings? Database { get; init; }
}

/// <summary>Slurm accounting's external database; the password stays in Secrets Manager (only its ARN is here).</summary>
public sealed record DatabaseSettings : IConfigSection
{
    public required string Uri { get; init; }
    public required string UserName { get; init; }
    public required string PasswordSecretArn { get; init; }
    public string? DatabaseName { get; init; }
}

public sealed record SlurmQueueSettings : IConfigSection
{
    public required string Name { get; init; }
    /// <summary>ONDEMAND or SPOT.</summary>
    public required string CapacityType { get; init; }
    public string? AllocationStrategy { get; init; }
    public required QueueNetworking Networking { get; init; }
    public required List<ComputeResourceSettings> ComputeResources { get; init; }
    public ComputeSettings? ComputeSettings { get; init; }
    public CustomActionsSettings? CustomActions { get; init; }
    public IamSettings? Iam { get; init; }
    /// <summary>Slurm partition parameters (set for a spot queue with an on-demand fallback and for the fallback queue).</summary>
    public QueueSlurmSettings? CustomSlurmSettings { get; init; }
}

/// <summary>The partition parameters petal sets through a SlurmQueue's CustomSlurmSettings.</summary>
public sealed record QueueSlurmSettings : IConfigSection
{
    /// <summary>Slurm considers partitions of a higher tier first (<see cref="Seeds.FallbackQueues"/>).</summary>
    public required int PriorityTier { get; init; }
}

public sealed record QueueNetworking : IConfigSection
{
    public required List<string> SubnetIds { get; init; }
    public PlacementGroupSettings? PlacementGroup { get; init; }
}

public sealed record PlacementGroupSettings : IConfigSection
{
    public required bool Enabled { get; init; }
}

public sealed record ComputeResourceSettings : IConfigSection
{
    public required string Name { get; init; }
    /// <summary>One type; null when <see cref="Instances"/> lists a flexible group.</summary>
    public string? InstanceType { get; init; }
    public List<InstanceSettings>? Instances { get; init; }
    public required int MinCount { get; init; }
    public required int MaxCount { get; init; }
    public bool? DisableSimultaneousMultithreading { get; init; }
    public EfaSettings? Efa { get; init; }
}

public sealed record InstanceSettings : IConfigSection
{
    public required string InstanceType { get; init; }
}

public sealed record EfaSettings : IConfigSection
{
    public required bool Enabled { get; init; }
}

public sealed record ComputeSettings : IConfigSection
{
    public LocalStorageSettings? LocalStorage { get; init; }
}

public sealed record SharedStorageSettings : IConfigSection
{
    public required string MountDir { get; init; }
    public required string Name { get; init; }
    /// <summary>Ebs, Efs or FsxLustre; the matching settings block is set.</summary>
    public required string StorageType { get; init; }
    public EbsSettings? EbsSettings { get; init; }
    public EfsSettings? EfsSettings { get; init; }
    public FsxLustreSettings? FsxLustreSettings { get; init; }
}

public sealed record EbsSettings : IConfigSection
{
    public string? VolumeType { get; init; }
    public int? Size { get; init; }
    public int? Iops { get; init; }
    public int? Throughput { get; init; }
    public bool? Encrypted { get; init; }
    public string? SnapshotId { get; init; }
    public string? DeletionPolicy { get; init; }
}

public sealed record EfsSettings : IConfigSection
{
    /// <summary>An existing file system: it accepts no creation settings.</summary>
    public string? FileSystemId { get; init; }
    public bool? Encrypted { get; init; }
    public string? DeletionPolicy { get; init; }
}

public sealed record FsxLustreSettings : IConfigSection
{
    public string? FileSystemId { get; init; }
    public int? StorageCapacity { get; init; }
    public string? DeploymentType { get; init; }
    /// <summary>MB/s per TiB; PERSISTENT_1/PERSISTENT_2 only.</summary>
    public int? PerUnitStorageThroughput { get; init; }
    /// <summary>s3://bucket[/prefix]: FSx reads and writes the bucket through its own service-linked role, not the nodes'.</summary>
    public string? ImportPath { get; init; }
    public string? ExportPath { get; init; }
    public string? DeletionPolicy { get; init; }
}

public sealed record DevSettings : IConfigSection
{
    public required TimeoutSettings Timeouts { get; init; }
}

public sealed record TimeoutSettings : IConfigSection
{
    public required int HeadNodeBootstrapTimeout { get; init; }
}
