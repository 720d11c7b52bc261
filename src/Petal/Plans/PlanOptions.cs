using Petal.Seeds;

namespace Petal.Plans;

/// <summary>What the caller knows beyond the seed. Anything left null becomes a named placeholder.</summary>
public sealed record PlanOptions
{
    /// <summary>Overrides the seed's software.layout.</summary>
    public SoftwareLayout? Layout { get; init; }
    public string? KeyName { get; init; }
    /// <summary>Address range allowed to SSH to the head node (HeadNode.Ssh.AllowedIps).</summary>
    public string? SshCidr { get; init; }
    /// <summary>Security groups added to the head node (petal's SSH group when `create` makes the network).</summary>
    public IReadOnlyList<string>? HeadNodeSecurityGroups { get; init; }
    public string? SubnetId { get; init; }
    public string? CustomAmi { get; init; }
    public string? SnapshotId { get; init; }
    public string? BucketName { get; init; }

    public static PlanOptions Default { get; } = new();
}
