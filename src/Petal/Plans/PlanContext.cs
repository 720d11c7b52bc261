using Petal.Pcluster;
using Petal.Seeds;

namespace Petal.Plans;

/// <summary>Everything the renderers need, decided once by the Planner.</summary>
public sealed record PlanContext
{
    public required Seed Seed { get; init; }
    public required SoftwareLayout Layout { get; init; }
    public required LayoutPaths Paths { get; init; }
    public required OsProfile Os { get; init; }
    public required SoftwareSpecs Specs { get; init; }
    /// <summary>Spack's generic target family the software is built for (x86_64 or aarch64).</summary>
    public required string SpackTarget { get; init; }
    public required string Fingerprint { get; init; }
    public required IReadOnlyList<(QueueSpec Queue, IReadOnlyList<ComputeResourcePlan> Resources)> Queues { get; init; }
    public required string SubnetId { get; init; }
    public required string KeyName { get; init; }
    /// <summary>HeadNode.Ssh.AllowedIps: never left out, since ParallelCluster then opens SSH to 0.0.0.0/0.</summary>
    public required string SshCidr { get; init; }
    /// <summary>Security groups added to the head node's own (null: none).</summary>
    public IReadOnlyList<string>? HeadNodeSecurityGroups { get; init; }
    public required string BucketName { get; init; }
    /// <summary>Null when the layout and OS use ParallelCluster's official AMI.</summary>
    public required string? CustomAmi { get; init; }
    /// <summary>Null unless the layout is snapshot.</summary>
    public required string? SnapshotId { get; init; }
    public required int SoftwareSizeGb { get; init; }
    public required int HeadRootGb { get; init; }
    /// <summary>Null when compute nodes keep the AMI's root size.</summary>
    public required int? ComputeRootGb { get; init; }
    /// <summary>Null when the head node installs nothing at boot.</summary>
    public required int? HeadNodeBootstrapTimeout { get; init; }
    public required IReadOnlyDictionary<string, string> S3Keys { get; init; }

    public string ScriptUrl(string file) => $"s3://{BucketName}/{S3Keys[file]}";

    /// <summary>True when the head node installs software at cluster creation (shared, hybrid).</summary>
    public bool HeadInstalls => Layout is SoftwareLayout.Shared or SoftwareLayout.Hybrid;
}
